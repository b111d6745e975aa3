import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBbox } from '../../../server/contract/bbox.ts';
import { cellsBbox, SNAP_ZOOMS_COARSER, type Bounds } from './cell-bounds.ts';

const numbers = (bbox: string) => bbox.split(',').map(Number) as [number, number, number, number];

/** A tile's edges in degrees, from the slippy-map formulas written out here. */
function tileEdges(z: number, x: number, y: number) {
  const n = 2 ** z;
  const lat = (row: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return {
    west: (x / n) * 360 - 180,
    east: ((x + 1) / n) * 360 - 180,
    north: lat(y),
    south: lat(y + 1),
  };
}

/** Map bounds a screen or so across, anywhere the API's latitudes allow. */
const boundsArb = fc
  .record({
    lon: fc.double({ min: -179, max: 178, noNaN: true }),
    lat: fc.double({ min: -84, max: 83, noNaN: true }),
    w: fc.double({ min: 1e-4, max: 1, noNaN: true }),
    h: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  })
  .map(({ lon, lat, w, h }): Bounds => [lon, lat, lon + w, lat + h]);

describe('the bbox the issue cells are asked for', () => {
  it('holds the bounds, and the API takes it', () => {
    fc.assert(
      fc.property(boundsArb, fc.double({ min: 0, max: 17.5, noNaN: true }), (bounds, zoom) => {
        const bbox = cellsBbox(bounds, zoom);
        const [w, s, e, n] = numbers(bbox);
        // Up to a rounding error where a bound lies on a tile edge (nanometres, no cell's).
        expect(w).toBeLessThanOrEqual(bounds[0] + 1e-12);
        expect(s).toBeLessThanOrEqual(bounds[1] + 1e-12);
        expect(e).toBeGreaterThanOrEqual(bounds[2] - 1e-12);
        expect(n).toBeGreaterThanOrEqual(bounds[3] - 1e-12);
        expect(parseBbox(bbox)).toEqual([w, s, e, n]);
      }),
    );
  });

  it('is whole tiles two zooms coarser than the map', () => {
    // The demo zone's extent, seen at map zoom 10.6: one tile of zoom 8.
    const bbox = numbers(cellsBbox([121.90375, 37.395, 122.12284, 37.54608], 10.6));
    const t = tileEdges(10 - SNAP_ZOOMS_COARSER, 214, 99);
    expect(bbox[0]).toBe(t.west);
    expect(bbox[2]).toBe(t.east);
    expect(bbox[1]).toBeCloseTo(t.south, 5);
    expect(bbox[3]).toBeCloseTo(t.north, 5);
  });

  it('stays the same while the map pans inside the same coarse tiles', () => {
    fc.assert(
      fc.property(boundsArb, fc.double({ min: 0, max: 17.5, noNaN: true }), (bounds, zoom) => {
        const bbox = cellsBbox(bounds, zoom);
        const [w, s, e, n] = numbers(bbox);
        // Any bounds within the snapped ones (kept off their edges by rounding) snap the same.
        const inside: Bounds = [
          w + (bounds[0] - w) / 2 + 1e-5,
          s + (bounds[1] - s) / 2 + 1e-5,
          e - (e - bounds[2]) / 2 - 1e-5,
          n - (n - bounds[3]) / 2 - 1e-5,
        ];
        expect(cellsBbox(inside, zoom)).toBe(bbox);
      }),
    );
  });

  it('stops at the edges of the Web Mercator world', () => {
    expect(cellsBbox([-200, -89, 200, 89], 5)).toBe('-180,-85.05,180,85.05');
    expect(cellsBbox([170, 80, 179.9, 85], 0)).toBe('-180,-85.05,180,85.05');
  });
});
