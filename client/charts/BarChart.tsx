/**
 * A horizontal bar chart drawn with d3 scales and React-rendered SVG: one row per item, the
 * total as a light bar and an optional part of it (e.g. resolved of all issues) as a dark bar
 * over it, with the numbers at the end of the row.
 */
import type React from 'react';
import { max, scaleBand, scaleLinear } from 'd3';
import { RowLabel, RowValue } from './parts.tsx';
import './charts.css';

/** One row of the chart. */
export interface BarDatum {
  key: string;
  label: string;
  /** Length of the light bar. */
  total: number;
  /** Length of the dark bar over it (default: none). */
  part?: number;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  data: readonly BarDatum[];
  /** Formats the numbers at the end of the rows. */
  format(n: number): string;
  /** Accessible name of the chart. */
  title: string;
  /** Width of the label column in px (default: fits the longest label). */
  labelWidth?: number;
  /** Test id prefix: each row's numbers get `${testId}-${key}`, a clickable row `${testId}-bar-${key}`. */
  testId?: string;
  /**
   * Makes each row a button (click, Enter or Space); `additive` when Ctrl, Meta or Shift was
   * held (default: rows are not clickable).
   */
  onSelect?(key: string, additive: boolean): void;
  /** Keys of the chosen rows: drawn marked, the others faded (default none chosen). */
  selected?: readonly string[];
}

const WIDTH = 360;
const ROW = 24;
const VALUE_WIDTH = 74;

/** Rough width of a label in px at the chart's 12 px: CJK glyphs are square, Latin narrower. */
export function labelWidthOf(label: string): number {
  let width = 0;
  for (const ch of label) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12.5 : 6.6;
  return width;
}

export function BarChart({
  data,
  format,
  title,
  labelWidth,
  testId,
  onSelect,
  selected = [],
}: BarChartProps) {
  labelWidth ??= Math.min(
    150,
    Math.max(56, Math.ceil(Math.max(0, ...data.map((d) => labelWidthOf(d.label)))) + 12),
  );
  const height = data.length * ROW;
  const y = scaleBand<string>()
    .domain(data.map((d) => d.key))
    .range([0, height])
    .paddingInner(0.35)
    .paddingOuter(0.15);
  const x = scaleLinear()
    .domain([0, max(data, (d) => d.total) || 1])
    .range([0, WIDTH - labelWidth - VALUE_WIDTH]);
  const band = y.bandwidth();

  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{title}</title>
      {data.map((d) => {
        const top = y(d.key) ?? 0;
        const state =
          selected.length === 0
            ? ''
            : selected.includes(d.key)
              ? ' bar-chart__row--selected'
              : ' bar-chart__row--faded';
        const interactive = onSelect
          ? {
              role: 'button',
              tabIndex: 0,
              'aria-pressed': selected.includes(d.key),
              'aria-label': d.label,
              'data-testid': testId ? `${testId}-bar-${d.key}` : undefined,
              onClick: (e: React.MouseEvent) =>
                onSelect(d.key, e.ctrlKey || e.metaKey || e.shiftKey),
              onKeyDown: (e: React.KeyboardEvent) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                onSelect(d.key, e.ctrlKey || e.metaKey || e.shiftKey);
              },
            }
          : {};
        return (
          <g
            key={d.key}
            transform={`translate(0, ${top})`}
            className={`bar-chart__row${onSelect ? ' bar-chart__row--button' : ''}${state}`}
            {...interactive}
          >
            {onSelect && (
              <rect
                className="bar-chart__hit"
                x={0}
                y={-band * 0.2}
                width={WIDTH}
                height={band * 1.4}
              />
            )}
            <RowLabel block="bar-chart" x={labelWidth - 8} band={band}>
              {d.label}
            </RowLabel>
            <rect
              className="bar-chart__track"
              x={labelWidth}
              width={Math.max(x(d.total), 1)}
              height={band}
              rx={2}
            />
            {d.part !== undefined && (
              <rect
                className="bar-chart__part"
                x={labelWidth}
                width={x(d.part)}
                height={band}
                rx={2}
              />
            )}
            <RowValue
              block="bar-chart"
              x={WIDTH - VALUE_WIDTH + 6}
              band={band}
              testId={testId ? `${testId}-${d.key}` : undefined}
            >
              {d.part !== undefined ? `${format(d.part)} / ${format(d.total)}` : format(d.total)}
            </RowValue>
          </g>
        );
      })}
    </svg>
  );
}
