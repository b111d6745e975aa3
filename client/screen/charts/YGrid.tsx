import type { ScaleLinear } from 'd3';
import { useI18n } from '../../i18n/use-i18n.ts';

/** Horizontal grid lines with their values on the left, shared by the wall's line charts. */
export function YGrid({
  y,
  ticks,
  left,
  right,
}: {
  y: ScaleLinear<number, number>;
  ticks: number;
  /** x of the plot's left and right edges. */
  left: number;
  right: number;
}) {
  const { count } = useI18n();
  // Counts are whole: a small domain's 0.5 would be printed as a second "1".
  return y
    .ticks(ticks)
    .filter(Number.isInteger)
    .map((v) => (
      <g key={v} transform={`translate(0, ${y(v)})`}>
        <line className="screen-chart__grid" x1={left} x2={right} />
        <text className="screen-chart__tick" x={left - 6} dy="0.32em" textAnchor="end">
          {count(v)}
        </text>
      </g>
    ));
}
