import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECTED_EPSG, type ProjectedCrs } from '../../contract/index.ts';
import { metresBetween, project, projectionOf, unproject } from './coords.ts';

/** Central meridian and false easting as EPSG's registry gives them for the CGCS2000 zones. */
const GK: [number, number, number][] = [
  [4491, 75, 13_500_000],
  [4501, 135, 23_500_000],
  [4502, 75, 500_000],
  [4512, 135, 500_000],
  [4513, 75, 25_500_000],
  [4529, 123, 41_500_000],
  [4533, 135, 45_500_000],
  [4534, 75, 500_000],
  [4550, 123, 500_000],
  [4554, 135, 500_000],
];

describe('declared projections', () => {
  it.each(GK)('EPSG:%i has its central meridian %i° at easting %i', (code, cm, easting) => {
    const [x, y] = project([cm, 37], `EPSG:${code}`);
    expect(x).toBeCloseTo(easting, 3);
    expect(y).toBeGreaterThan(4_000_000);
  });

  it('every projection reads back what it wrote, within a millimetre, in its own zone', () => {
    const crs = fc.constantFrom(...PROJECTED_EPSG.map((c): ProjectedCrs => `EPSG:${c}`));
    fc.assert(
      fc.property(
        crs,
        fc.double({ min: -1.4, max: 1.4, noNaN: true }),
        fc.double({ min: 20, max: 50, noNaN: true }),
        (c, dLon, lat) => {
          const cm = Number(/lon_0=([\d.]+)/.exec(projectionOf(c))?.[1] ?? 120);
          const p: [number, number] = [(c.endsWith('3857') ? 122 : cm || 123) + dLon, lat];
          expect(metresBetween(unproject(project(p, c), c), p)).toBeLessThan(0.001);
        },
      ),
    );
  });

  it('knows none past the list', () => {
    expect(() => projectionOf('EPSG:2000')).toThrow(/not a projection/);
  });
});
