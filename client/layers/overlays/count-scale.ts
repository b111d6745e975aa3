import { color, scaleSequentialSqrt } from 'd3';
import type { Rgb } from './symbols.ts';

/** A colour scale of counts, 0..max, and the five swatches its legend shows. */
export interface CountColourScale {
  colour(n: number): Rgb;
  ramp: string[];
}

/**
 * The colour scale the count overlays share: a square root, because a few cells (a beach, a
 * busy 小区) dominate and would wash every other cell out on a linear scale. `from` trims the
 * interpolator's palest end, which would vanish on the light basemap.
 */
export function countColourScale(
  interpolator: (t: number) => string,
  from: number,
  max: number,
): CountColourScale {
  const top = Math.max(max, 1);
  const scale = scaleSequentialSqrt((t: number) => interpolator(from + (1 - from) * t))
    .domain([0, top])
    .clamp(true);
  const toRgb = (css: string): Rgb => {
    const c = color(css)!.rgb();
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  };
  return {
    colour: (n) => toRgb(scale(n)),
    ramp: [0, 0.25, 0.5, 0.75, 1].map((t) => scale(t * t * top)),
  };
}
