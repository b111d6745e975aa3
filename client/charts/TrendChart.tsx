import { line, max, scaleBand, scaleLinear } from 'd3';
import type { ScreenSummary } from '../../server/contract/index.ts';
import './screen-charts.css';
import { useI18n } from '../i18n/use-i18n.ts';
import { MessageLegend, ValueGrid, WallChart, XTicks } from './parts.tsx';

/** Props of {@link TrendChart}. */
export interface TrendChartProps {
  months: ScreenSummary['issuesByMonth'];
  width: number;
  height: number;
}

const M = { top: 8, right: 8, bottom: 24, left: 44 };

/** Issues reported (bars) and resolved (line) by month, oldest left. */
export function TrendChart({ months, width, height }: TrendChartProps) {
  const { t, count } = useI18n();
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([M.left, width - M.right])
    .paddingInner(0.25);
  const top = max(months, (m) => Math.max(m.reported, m.resolved)) ?? 0;
  const y = scaleLinear()
    .domain([0, top || 1])
    .nice(4)
    .range([height - M.bottom, M.top]);
  const mid = (month: string) => (x(month) ?? 0) + x.bandwidth() / 2;
  const resolvedPath = line<(typeof months)[number]>()
    .x((m) => mid(m.month))
    .y((m) => y(m.resolved))(months);
  // A label every sixth month, at January and July.
  const labelled = months.filter((m) => m.month.endsWith('-01') || m.month.endsWith('-07'));
  return (
    <WallChart width={width} height={height} title={t('screen.trend.title')}>
      <ValueGrid
        block="screen-chart"
        y={y}
        ticks={4}
        left={M.left}
        right={width - M.right}
        format={count}
      />
      {months.map((m) => (
        <rect
          key={m.month}
          className="screen-chart__bar--reported"
          x={x(m.month)}
          y={y(m.reported)}
          width={x.bandwidth()}
          height={Math.max(0, y(0) - y(m.reported))}
        >
          <title>{`${m.month} ${t('screen.trend.reported')} ${m.reported} · ${t('screen.trend.resolved')} ${m.resolved}`}</title>
        </rect>
      ))}
      {resolvedPath && <path className="screen-chart__line--resolved" d={resolvedPath} />}
      <XTicks
        block="screen-chart"
        y={height - 6}
        ticks={labelled.map((m) => ({ key: m.month, x: mid(m.month), label: m.month.slice(2) }))}
      />
    </WallChart>
  );
}

/** The legend of {@link TrendChart}, for the panel's title row. */
export function TrendLegend() {
  return (
    <MessageLegend
      items={[
        ['reported', 'screen.trend.reported'],
        ['resolved', 'screen.trend.resolved'],
      ]}
    />
  );
}
