/**
 * Colours of the area polygons: a d3 sequential scale over the statistic chosen in the legend.
 * Shared by the deck.gl layers and the legend, so both always agree.
 */
import { interpolateBlues, interpolateOrRd, interpolatePuBuGn, scaleSequential, color } from 'd3';
import type { AreaProperties } from '../../../server/contract/index.ts';
import type { Metric } from '../../state/url-state.ts';

/** An RGB colour as deck.gl takes it. */
export type Rgb = [number, number, number];

/** A metric's colour scale over the areas drawn. */
export interface AreaColourScale {
  metric: Metric;
  /** [min, max] of the statistic over the areas drawn (what the legend shows). */
  extent: [number, number];
  /** The scale's domain: from zero to the largest value. */
  domain: [number, number];
  /** The colour of a value. */
  colour(value: number): Rgb;
  /** CSS colours from the smallest to the largest value drawn, for the legend's gradient. */
  ramp: string[];
}

const INTERPOLATORS: Record<Metric, (t: number) => string> = {
  unresolvedIssues: interpolateOrRd,
  population: interpolateBlues,
  households: interpolatePuBuGn,
};

// The lightest end of d3's ramps is nearly white and vanishes on the light basemap.
const RAMP_START = 0.12;

/** The value of a metric for one area. */
export function metricValue(properties: AreaProperties, metric: Metric): number {
  return properties[metric];
}

function toRgb(css: string): Rgb {
  const c = color(css)?.rgb();
  return c ? [Math.round(c.r), Math.round(c.g), Math.round(c.b)] : [128, 128, 128];
}

/**
 * Builds the scale of `metric` over the given areas. The scale starts at zero, so that two
 * areas with 3 and 4 open issues do not look like opposites; the legend shows the values the
 * areas actually have.
 */
export function areaColourScale(
  areas: readonly { properties: AreaProperties }[],
  metric: Metric,
): AreaColourScale {
  const values = areas.map((a) => metricValue(a.properties, metric));
  const min = values.length > 0 ? Math.min(...values) : 0;
  const max = values.length > 0 ? Math.max(...values) : 0;
  const domain: [number, number] = [Math.min(0, min), max > 0 ? max : 1];
  const interpolate = INTERPOLATORS[metric];
  const scale = scaleSequential((t: number) => interpolate(RAMP_START + (1 - RAMP_START) * t))
    .domain(domain)
    .clamp(true);
  return {
    metric,
    extent: [min, max],
    domain,
    colour: (value) => toRgb(scale(value)),
    ramp: [0, 0.25, 0.5, 0.75, 1].map((t) => scale(min + t * (max - min))),
  };
}
