import { describe, expect, it } from 'vitest';
import { circleTouchesPolygon, pointInRing, type Pixel } from './brush.ts';
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
