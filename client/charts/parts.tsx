/**
 * The parts every chart of the family is drawn with: the value grid beside a linear scale, the
 * labels along the x axis, and the label and figures of a row of horizontal bars. Each part
 * takes the chart's block class (`bar-chart`, `screen-chart`) and adds its element to it, so
 * the profile's light charts and the wall's dark ones share the geometry, not the look.
 */
import { Fragment, type ReactNode } from 'react';
import type { ScaleLinear } from 'd3';
import type { MessageKey } from '../i18n/catalogue.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Rows of horizontal bars: text set on the middle of the bar. */
const MIDDLE = '0.35em';

/**
 * Horizontal grid lines at `values` (default: the scale's whole ticks) with their figures on
 * the left; `lines: 'base'` draws only the zero line (a small chart's axis).
 */
export function ValueGrid({
  block,
  y,
  ticks = 4,
  values,
  left,
  right,
  format,
  lines = 'all',
}: {
  block: string;
  y: ScaleLinear<number, number>;
  ticks?: number;
  values?: readonly number[];
  /** x of the plot's left and right edges. */
  left: number;
  right: number;
  format(n: number): string;
  lines?: 'all' | 'base';
}) {
  // Counts are whole: a small domain's 0.5 would be printed as a second "1".
  const at = values ?? y.ticks(ticks).filter(Number.isInteger);
  return at.map((v) => (
    <g key={v} transform={`translate(0, ${y(v)})`}>
      {(lines === 'all' || v === 0) && <line className={`${block}__grid`} x1={left} x2={right} />}
      <text className={`${block}__tick`} x={left - 6} dy="0.32em" textAnchor="end">
        {format(v)}
      </text>
    </g>
  ));
}

/** One label under the x axis. */
export interface XTick {
  key: string | number;
  x: number;
  label: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** Labels along the x axis, their baseline at `y`. */
export function XTicks({ block, ticks, y }: { block: string; ticks: readonly XTick[]; y: number }) {
  return ticks.map((t) => (
    <text key={t.key} className={`${block}__tick`} x={t.x} y={y} textAnchor={t.anchor ?? 'middle'}>
      {t.label}
    </text>
  ));
}

/** The name of a row of bars, right-aligned against the bars starting at `x`. */
export function RowLabel({
  block,
  x,
  band,
  anchor = 'end',
  children,
}: {
  block: string;
  x: number;
  band: number;
  anchor?: 'start' | 'end';
  children: ReactNode;
}) {
  return (
    <text className={`${block}__label`} x={x} y={band / 2} dy={MIDDLE} textAnchor={anchor}>
      {children}
    </text>
  );
}

/** The figures at the end of a row of bars. */
export function RowValue({
  block,
  x,
  band,
  testId,
  children,
}: {
  block: string;
  x: number;
  band: number;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <text className={`${block}__value`} x={x} y={band / 2} dy={MIDDLE} data-testid={testId}>
      {children}
    </text>
  );
}

/** A chart of the wall: an SVG of the panel's size in pixels, named for screen readers. */
export function WallChart({
  width,
  height,
  title,
  children,
}: {
  width: number;
  height: number;
  title: string;
  children: ReactNode;
}) {
  return (
    <svg className="screen-chart" width={width} height={height} role="img" aria-label={title}>
      {children}
    </svg>
  );
}

/** A legend of the wall's charts: a swatch (`screen-legend__swatch--<swatch>`) per series. */
export function WallLegend({
  items,
  children,
}: {
  items: readonly { swatch: string; label: string }[];
  /** Said after the swatches (a series the data set lacks). */
  children?: ReactNode;
}) {
  return (
    <span className="screen-legend">
      {items.map((item) => (
        <Fragment key={item.swatch}>
          <i className={`screen-legend__swatch screen-legend__swatch--${item.swatch}`} />
          {item.label}
        </Fragment>
      ))}
      {children}
    </span>
  );
}

/** A {@link WallLegend} whose every swatch is labelled by a message: `[swatch, message key]`. */
export function MessageLegend({ items }: { items: readonly (readonly [string, MessageKey])[] }) {
  const { t } = useI18n();
  return <WallLegend items={items.map(([swatch, key]) => ({ swatch, label: t(key) }))} />;
}
