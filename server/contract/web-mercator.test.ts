import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latOfTileY, lonOfTileX, mercatorY, tileOf, tileX, tileY } from './web-mercator.ts';

const MAX_LAT = 85.0511287798066;

describe('web mercator', () => {
  it('puts the origin on the corner of the four zoom-1 tiles', () => {
    expect(tileX(0, 1)).toBe(1);
    expect(tileY(0, 1)).toBeCloseTo(1, 12);
    expect(tileOf(0.001, 0.001, 1)).toEqual({ x: 1, y: 0 });
    expect(tileOf(-0.001, -0.001, 1)).toEqual({ x: 0, y: 1 });
  });

  it("maps the square's edge latitude to its top and bottom", () => {
    expect(mercatorY(MAX_LAT)).toBeCloseTo(1, 9);
    expect(mercatorY(-MAX_LAT)).toBeCloseTo(-1, 9);
    expect(latOfTileY(0, 5)).toBeCloseTo(MAX_LAT, 9);
  });

  it('gives back the point it was given, at any zoom', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.integer({ min: 0, max: 22 }),
        (lon, lat, z) => {
          expect(lonOfTileX(tileX(lon, z), z)).toBeCloseTo(lon, 7);
          expect(latOfTileY(tileY(lat, z), z)).toBeCloseTo(lat, 7);
        },
      ),
    );
  });

  it('places a point inside the tile it names', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179.9, max: 179.9, noNaN: true }),
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        (lon, lat, z) => {
          const { x, y } = tileOf(lon, lat, z);
          expect(lonOfTileX(x, z)).toBeLessThanOrEqual(lon + 1e-9);
          expect(lonOfTileX(x + 1, z)).toBeGreaterThanOrEqual(lon - 1e-9);
          expect(latOfTileY(y, z)).toBeGreaterThanOrEqual(lat - 1e-9);
          expect(latOfTileY(y + 1, z)).toBeLessThanOrEqual(lat + 1e-9);
        },
      ),
    );
  });
});
