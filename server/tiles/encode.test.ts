import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodePolygonLayer, ringArea } from './encode.ts';

/** The rings of the one feature of layer `l`, as [x, y] lists. */
function rings(tile: Uint8Array): number[][][] {
  const layer = new VectorTile(new Pbf(tile)).layers.l!;
  return layer
    .feature(0)
    .loadGeometry()
    .map((r) => r.map((p) => [p.x, p.y]));
}

const feature = (geometry: { type: string; coordinates?: unknown; geometries?: unknown }) => ({
  geometry: geometry as { type: string; coordinates: unknown },
  properties: { code: 'A' },
});

// A square counter-clockwise on screen (y down): negative by the surveyor's formula.
const ccwOnScreen = [
  [0, 0],
  [0, 100],
  [100, 100],
  [100, 0],
  [0, 0],
];
const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('encodePolygonLayer', () => {
  it('winds an exterior ring to positive area, as the MVT spec wants', () => {
    expect(ringArea(ccwOnScreen)).toBeLessThan(0);
    const tile = encodePolygonLayer('l', [
      feature({ type: 'Polygon', coordinates: [ccwOnScreen] }),
    ]);
    expect(ringArea(rings(tile)[0]!)).toBe(10_000);
  });

  it('winds a hole to negative area after its exterior', () => {
    const tile = encodePolygonLayer('l', [
      feature({ type: 'Polygon', coordinates: [square(0, 0, 100), square(10, 10, 20)] }),
    ]);
    expect(rings(tile).map(ringArea)).toEqual([10_000, -400]);
  });

  it('winds the polygons of a GeometryCollection and drops its lines', () => {
    const tile = encodePolygonLayer('l', [
      feature({
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', coordinates: [ccwOnScreen] },
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [0, 5],
            ],
          },
        ],
      }),
    ]);
    expect(rings(tile).map(ringArea)).toEqual([10_000]);
  });

  it('drops rings of no area or too few points, and with an exterior its holes', () => {
    const flat = [
      [0, 0],
      [50, 0],
      [100, 0],
      [0, 0],
    ];
    const tile = encodePolygonLayer('l', [
      feature({
        type: 'MultiPolygon',
        coordinates: [
          [flat, square(1, 1, 2)],
          [
            square(200, 200, 10),
            [
              [0, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        ],
      }),
    ]);
    expect(rings(tile).map(ringArea)).toEqual([100]);
  });

  it('encodes nothing when no ring is left', () => {
    const tile = encodePolygonLayer('l', [
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ]);
    expect(tile.length).toBe(0);
  });
});
