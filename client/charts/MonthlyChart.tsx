/**
 * Monthly columns (d3 scales, React-rendered SVG) with a d3-brush: dragging across the months
 * chooses a range, which the caller turns into the map's month filter. The brush follows the
 * `range` prop, so the URL stays the one truth.
 */
import { useEffect, useMemo, useRef } from 'react';
import { brushX, max, scaleBand, scaleLinear, select, type D3BrushEvent } from 'd3';
import { monthsInBrush } from '../state/linked-filters.ts';
import { ValueGrid, XTicks } from './parts.tsx';
import './charts.css';

/** One month of the chart. */
export interface MonthDatum {
  /** `YYYY-MM`. */
  month: string;
  /** Height of the light column. */
  value: number;
  /** Height of the dark column over it (default none), e.g. of those resolved. */
  part?: number;
}

/** Props of {@link MonthlyChart}. */
export interface MonthlyChartProps {
  data: readonly MonthDatum[];
  /** Accessible name. */
  title: string;
  /** Formats the largest value on the axis. */
  format(n: number): string;
  /** The months brushed, first and last (default none). */
  range?: readonly [string, string] | null;
  /** A brush ended on these months; null when cleared (default: no brush drawn). */
  onBrush?(months: [string, string] | null): void;
  /** `data-testid` of the SVG; the brush area is `${testId}-brush`. */
  testId?: string;
  /** Height in px of the drawing (default 96). */
  height?: number;
  /** Top of the value axis, e.g. shared by charts side by side (default the largest value). */
  yMax?: number;
}

const WIDTH = 360;
const AXIS = 16;
const LEFT = 28;

export function MonthlyChart({
  data,
  title,
  format,
  range = null,
  onBrush,
  testId,
  height = 96,
  yMax,
}: MonthlyChartProps) {
  const brushRef = useRef<SVGGElement>(null);
  const onBrushRef = useRef(onBrush);
  useEffect(() => {
    onBrushRef.current = onBrush;
  }, [onBrush]);

  const months = useMemo(() => data.map((d) => d.month), [data]);
  const plot = height - AXIS;
  const x = useMemo(
    () => scaleBand<string>().domain(months).range([LEFT, WIDTH]).paddingInner(0.2),
    [months],
  );
  const top = yMax ?? (max(data, (d) => d.value) || 1);
  const y = scaleLinear().domain([0, top]).range([plot, 4]);
  const band = x.bandwidth();

  // The brush is d3's own DOM; it is built once per set of months and moved to `range`.
  const brush = useMemo(
    () =>
      brushX()
        .extent([
          [LEFT, 0],
          [WIDTH, plot],
        ])
        .on('end', (event: D3BrushEvent<unknown>) => {
          // Moves made by the code below carry no source event: only the user's brush counts.
          if (!event.sourceEvent) return;
          const selection = event.selection as [number, number] | null;
          const chosen = selection
            ? monthsInBrush(months, (i) => x(months[i]!) ?? 0, band, selection)
            : null;
          onBrushRef.current?.(chosen);
        }),
    [months, x, band, plot],
  );

  const rangeKey = range ? `${range[0]}:${range[1]}` : '';
  useEffect(() => {
    const g = brushRef.current;
    if (!g || !onBrush) return;
    const group = select(g);
    group.call(brush);
    let at: [number, number] | null = null;
    if (range) {
      const first = months.findIndex((m) => m >= range[0]);
      const last = months.findLastIndex((m) => m <= range[1]);
      if (first >= 0 && last >= first && !(first === 0 && last === months.length - 1)) {
        at = [x(months[first]!)! - 1, x(months[last]!)! + band + 1];
      }
    }
    group.call(brush.move, at);
    return () => {
      group.on('.brush', null);
    };
    // `range` is read through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [brush, rangeKey, months, x, band, Boolean(onBrush)]);

  // Year marks under January, and the first month when no January comes soon after it.
  const firstJanuary = months.findIndex((m) => m.endsWith('-01'));
  const ticks = months.filter(
    (m, i) => m.endsWith('-01') || (i === 0 && (firstJanuary < 0 || firstJanuary > 5)),
  );

  return (
    <svg
      className="monthly-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
      data-testid={testId}
    >
      <title>{title}</title>
      <ValueGrid
        block="monthly-chart"
        y={y}
        values={[0, top]}
        left={LEFT + 2}
        right={WIDTH}
        format={format}
        lines="base"
      />
      {data.map((d) => (
        <g key={d.month} transform={`translate(${x(d.month) ?? 0}, 0)`}>
          <rect
            className="monthly-chart__value"
            y={y(d.value)}
            width={band}
            height={Math.max(plot - y(d.value), 0)}
          >
            <title>{`${d.month}: ${format(d.value)}`}</title>
          </rect>
          {d.part !== undefined && (
            <rect
              className="monthly-chart__part"
              y={y(d.part)}
              width={band}
              height={Math.max(plot - y(d.part), 0)}
            />
          )}
        </g>
      ))}
      <XTicks
        block="monthly-chart"
        y={height - 3}
        ticks={ticks.map((m) => ({
          key: m,
          x: (x(m) ?? 0) + band / 2,
          label: m.endsWith('-01') ? m.slice(0, 4) : m,
          anchor: m === months[0] ? 'start' : 'middle',
        }))}
      />
      {onBrush && (
        <g
          ref={brushRef}
          className="monthly-chart__brush"
          data-testid={testId ? `${testId}-brush` : undefined}
        />
      )}
    </svg>
  );
}
