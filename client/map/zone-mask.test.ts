import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { cameraBounds, zoneMask } from './zone-mask.ts';

const square = (x: number, y: number, d: number): GeoJSON.Position[] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
const signedArea = (ring: GeoJSON.Position[]) =>
  ring.slice(1).reduce((a, p, i) => a + (ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!), 0) / 2;

describe('zoneMask', () => {
  const zone: GeoJSON.Feature = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(122, 37, 0.1)], [square(122.3, 37.2, 0.05)]],
    },
  };

  it('covers the world outside the zone and none of its parts', () => {
    const mask = zoneMask(zone);
    expect(booleanPointInPolygon([0, 0], mask)).toBe(true);
    expect(booleanPointInPolygon([122.2, 37.05], mask)).toBe(true);
    expect(booleanPointInPolygon([122.05, 37.05], mask)).toBe(false);
    expect(booleanPointInPolygon([122.32, 37.22], mask)).toBe(false);
  });

  it('winds each hole against the outer ring, as MapLibre tells holes', () => {
    const [outer, ...holes] = zoneMask(zone).geometry.coordinates;
    expect(holes).toHaveLength(2);
    for (const hole of holes)
      expect(Math.sign(signedArea(hole))).toBe(-Math.sign(signedArea(outer!)));
  });
});

describe('cameraBounds', () => {
  it('grows the zone’s box by the margin of its size on each side', () => {
    const [[w, south], [e, n]] = cameraBounds([122, 37, 122.4, 37.2], 0.5);
    expect(w).toBeCloseTo(121.8, 9);
    expect(south).toBeCloseTo(36.9, 9);
    expect(e).toBeCloseTo(122.6, 9);
    expect(n).toBeCloseTo(37.3, 9);
  });

  it('keeps at least the first frame, grown by a quarter, on a screen far wider than the zone', () => {
    const [[w], [e]] = cameraBounds([122, 37, 122.4, 37.2], 0.5, [121, 37, 123.4, 37.2]);
    expect(w).toBeCloseTo(120.4, 9);
    expect(e).toBeCloseTo(124, 9);
  });
});
