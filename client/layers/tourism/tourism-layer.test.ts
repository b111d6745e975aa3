import { describe, expect, it } from 'vitest';
import { pressureCells, pressureColourScale } from './tourism-layer.ts';

describe('tourist pressure', () => {
  it('joins the grid with an hour of pressure; cells left out have no visitors', () => {
    const ring: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    const cells = pressureCells(
      {
        type: 'FeatureCollection',
        features: [
          { cellId: 'H1', position: [0, 0] as [number, number] },
          { cellId: 'H2', position: [1, 1] as [number, number] },
        ].map((properties) => ({
          type: 'Feature' as const,
          id: properties.cellId,
          geometry: { type: 'Polygon' as const, coordinates: [ring] },
          properties,
        })),
      },
      { month: 7, hour: 14, max: 90, cells: [{ cellId: 'H2', visitors: 90 }] },
    );
    expect(cells.map((c) => [c.cellId, c.visitors])).toEqual([
      ['H1', 0],
      ['H2', 90],
    ]);
  });

  it('colours more visitors darker, up to the hour’s maximum', () => {
    const scale = pressureColourScale(5000);
    const lightness = (rgb: number[]) => rgb.reduce((a, b) => a + b, 0);
    expect(lightness(scale.colour(5000))).toBeLessThan(lightness(scale.colour(100)));
    expect(scale.colour(9000)).toEqual(scale.colour(5000));
  });
});
