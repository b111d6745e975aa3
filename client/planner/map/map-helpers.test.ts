import { describe, expect, it } from 'vitest';
import {
  BRUSH_RADIUS,
  circleTouchesPolygon,
  fittingRadius,
  pointInRing,
  type Pixel,
} from './brush.ts';
import { colourPianqu, pianquNeighbours } from './pianqu-colours.ts';

const square: Pixel[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];

describe('brush', () => {
  it('finds a point inside a ring', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([15, 5], square)).toBe(false);
  });

  it('touches a polygon it covers, crosses or comes within the radius of', () => {
    expect(circleTouchesPolygon([5, 5], 1, [square])).toBe(true);
    expect(circleTouchesPolygon([13, 5], 4, [square])).toBe(true);
    expect(circleTouchesPolygon([13, 5], 2, [square])).toBe(false);
    // The corner is farther than the square's side: a round brush misses it.
    expect(circleTouchesPolygon([13, 13], 4, [square])).toBe(false);
  });
});

describe('pianqu colours', () => {
  // A ring of four 片区: A-B-C-D-A, each of one 社区.
  const assignment = { s1: 'A', s2: 'B', s3: 'C', s4: 'D' };
  const adjacency = [
    { a: 's1', b: 's2' },
    { a: 's2', b: 's3' },
    { a: 's3', b: 's4' },
    { a: 's4', b: 's1' },
  ];

  it('gives touching 片区 different colours', () => {
    const n = pianquNeighbours(assignment, adjacency);
    const c = colourPianqu(['A', 'B', 'C', 'D'], n);
    for (const { a, b } of adjacency) {
      expect(c.get(assignment[a as keyof typeof assignment])).not.toBe(
        c.get(assignment[b as keyof typeof assignment]),
      );
    }
  });

  it('keeps colours that still do not clash', () => {
    const n = pianquNeighbours(assignment, adjacency);
    const previous = new Map([
      ['A', 5],
      ['B', 6],
      ['C', 5],
      ['D', 6],
    ]);
    expect(colourPianqu(['A', 'B', 'C', 'D'], n, previous)).toEqual(previous);
  });

  it('recolours a 片区 that now touches one of its own colour', () => {
    const n = pianquNeighbours(assignment, adjacency);
    const previous = new Map([
      ['A', 1],
      ['B', 1],
      ['C', 2],
      ['D', 3],
    ]);
    const c = colourPianqu(['A', 'B', 'C', 'D'], n, previous);
    expect(c.get('A')).toBe(1);
    expect(c.get('B')).not.toBe(1);
    expect(c.get('B')).not.toBe(2);
  });
});

describe('fittingRadius', () => {
  const box = (x: number, y: number, w: number, h: number): Pixel[][][] => [
    [
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ],
    ],
  ];

  it('fits well inside the small 社区 (the smallest tenth), so a dab in one takes no other', () => {
    const small = Array.from({ length: 3 }, (_, i) => box(i * 50, 200, 40, 60));
    const large = Array.from({ length: 18 }, (_, i) => box(i * 100, 0, 100, 100));
    const r = fittingRadius([...small, ...large]);
    expect(r * 2).toBeLessThanOrEqual(40 / 2);
    expect(r).toBeGreaterThanOrEqual(BRUSH_RADIUS.min);
  });

  it('grows with the zoom: 社区 twice as large on screen give a radius twice as large', () => {
    const at = (scale: number) =>
      fittingRadius(
        Array.from({ length: 10 }, (_, i) => box(i * 90 * scale, 0, 80 * scale, 80 * scale)),
      );
    expect(at(2)).toBe(2 * at(1));
  });

  it('stays within the slider’s range', () => {
    expect(fittingRadius([box(0, 0, 1, 1)])).toBe(BRUSH_RADIUS.min);
    expect(fittingRadius([box(0, 0, 10_000, 10_000)])).toBe(BRUSH_RADIUS.max);
  });
});
