import { max, scaleLinear } from 'd3';
import type { ScreenSummary } from '../../server/contract/index.ts';
import './screen-charts.css';
import { useI18n } from '../i18n/use-i18n.ts';
import { MessageLegend, RowLabel, RowValue, WallChart } from './parts.tsx';

/** Props of {@link PathChart}. */
export interface PathChartProps {
  path: ScreenSummary['issuePath'];
  width: number;
  height: number;
}

const LABEL = 56;
const VALUE = 112;

/**
 * The path of issues 小区 → 社区 → 片区 as stepped bars: per level, the issues that reached it
 * (solved there, still open there, passed on), and between levels the number passed up. The
 * bars share one linear scale, so the few escalated to a 片区 look as few as they are; the
 * figures beside them say how many.
 */
export function PathChart({ path, width, height }: PathChartProps) {
  const { t, vocab, count } = useI18n();
  const n = path.length;
  const step = n > 0 ? height / n : height;
  const bar = Math.min(34, step * 0.46);
  const x = scaleLinear()
    .domain([0, max(path, (p) => p.reached) || 1])
    .range([0, width - LABEL - VALUE]);
  return (
    <WallChart width={width} height={height} title={t('screen.path.title')}>
      {path.map((p, i) => {
        const top = i * step;
        const passed = Math.max(0, p.reached - p.resolved - p.open);
        const next = path[i + 1];
        return (
          <g key={p.level} transform={`translate(0, ${top})`} data-testid={`path-${p.level}`}>
            <RowLabel block="screen-chart" x={LABEL - 8} band={bar}>
              {vocab('handlingLevel', p.level)}
            </RowLabel>
            <rect className="screen-chart__track" x={LABEL} width={x(p.reached)} height={bar} />
            <rect
              className="screen-chart__bar--resolved"
              x={LABEL}
              width={x(p.resolved)}
              height={bar}
            />
            <rect
              className="screen-chart__bar--open"
              x={LABEL + x(p.resolved)}
              width={x(p.open)}
              height={bar}
            />
            {passed > 0 && (
              <rect
                className="screen-chart__bar--passed"
                x={LABEL + x(p.resolved + p.open)}
                width={x(passed)}
                height={bar}
              />
            )}
            <RowValue block="screen-chart" x={width - VALUE + 8} band={bar}>
              {count(p.resolved)}
              <tspan className="screen-chart__muted">{` / ${count(p.reached)}`}</tspan>
            </RowValue>
            {next && (
              <text
                className="screen-chart__step"
                x={LABEL + 4}
                y={bar + (step - bar) / 2}
                dy="0.35em"
              >
                {`↓ ${t('screen.path.escalated', { n: count(next.reached) })}`}
              </text>
            )}
          </g>
        );
      })}
    </WallChart>
  );
}

/** The legend of {@link PathChart}. */
export function PathLegend() {
  return (
    <MessageLegend
      items={[
        ['resolved', 'screen.path.resolved'],
        ['open', 'screen.path.open'],
        ['passed', 'screen.path.passed'],
      ]}
    />
  );
}
