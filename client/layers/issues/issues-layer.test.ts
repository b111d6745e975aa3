import { describe, expect, it } from 'vitest';
import { arcWidth, cellColourScale, cellRadius } from './issues-layer.ts';

describe('issue cells', () => {
  it('gives the largest cell a circle that fills its cell, and areas follow the counts', () => {
    const size = 1000;
    const full = cellRadius(100, 100, size, 0);
    expect(full).toBeCloseTo(475);
    const quarter = cellRadius(25, 100, size, 0);
    expect(quarter / full).toBeCloseTo(0.5);
  });

  it('shrinks the circles with latitude, as Web Mercator cells shrink on the ground', () => {
    expect(cellRadius(1, 1, 1000, 60)).toBeCloseTo(cellRadius(1, 1, 1000, 0) / 2);
  });

  it('colours more issues darker', () => {
    const scale = cellColourScale(100);
    const lightness = (rgb: number[]) => rgb.reduce((a, b) => a + b, 0);
    expect(lightness(scale.colour(100))).toBeLessThan(lightness(scale.colour(1)));
    expect(scale.ramp).toHaveLength(5);
  });
});

describe('escalation arcs', () => {
  it('are 1.5 px for one issue and 8 px for the most', () => {
    expect(arcWidth(1, 10)).toBe(1.5);
    expect(arcWidth(10, 10)).toBe(8);
    expect(arcWidth(1, 1)).toBe(1.5);
  });
});
