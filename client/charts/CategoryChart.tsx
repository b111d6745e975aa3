import { max, scaleBand, scaleLinear } from 'd3';
import type { ScreenSummary } from '../../server/contract/index.ts';
import './screen-charts.css';
import { useI18n } from '../i18n/use-i18n.ts';
import { MessageLegend, RowLabel, RowValue, WallChart } from './parts.tsx';

/** Props of {@link CategoryChart}. */
export interface CategoryChartProps {
  categories: ScreenSummary['categories'];
  width: number;
  height: number;
}

const LABEL = 84;
const VALUE = 92;

/** Issues by category: resolved and open as one stacked bar per category, largest first. */
export function CategoryChart({ categories, width, height }: CategoryChartProps) {
  const { t, vocab, count } = useI18n();
  const rows = [...categories].sort((a, b) => b.total - a.total);
  const y = scaleBand<string>()
    .domain(rows.map((c) => c.category))
    .range([0, height])
    .paddingInner(0.3);
  const x = scaleLinear()
    .domain([0, max(rows, (c) => c.total) || 1])
    .range([0, width - LABEL - VALUE]);
  const band = y.bandwidth();
  return (
    <WallChart width={width} height={height} title={t('screen.categories.title')}>
      {rows.map((c) => (
        <g key={c.category} transform={`translate(0, ${y(c.category) ?? 0})`}>
          <RowLabel block="screen-chart" x={LABEL - 8} band={band}>
            {vocab('issueCategory', c.category)}
          </RowLabel>
          <rect
            className="screen-chart__bar--resolved"
            x={LABEL}
            width={x(c.resolved)}
            height={band}
          />
          <rect
            className="screen-chart__bar--open"
            x={LABEL + x(c.resolved)}
            width={x(c.open)}
            height={band}
          />
          <RowValue
            block="screen-chart"
            x={width - VALUE + 8}
            band={band}
            testId={`category-${c.category}`}
          >
            {count(c.total)}
            <tspan className="screen-chart__muted">{` · ${count(c.open)}`}</tspan>
          </RowValue>
        </g>
      ))}
    </WallChart>
  );
}

/** The legend of {@link CategoryChart}. */
export function CategoryLegend() {
  return (
    <MessageLegend
      items={[
        ['resolved', 'screen.categories.resolved'],
        ['open', 'screen.categories.open'],
      ]}
    />
  );
}
