import { describe, expect, it } from 'vitest';
import type { AreaProperties } from '../../../server/contract/index.ts';
import { areaColourScale } from './area-colours.ts';

const area = (unresolvedIssues: number, population = 100): { properties: AreaProperties } => ({
  properties: {
    code: `PQ${unresolvedIssues}`,
    name: '片区',
    level: 'pianqu',
    parentCode: 'Z01',
    street: null,
    compoundType: null,
    households: 10,
    population,
    labelPoint: [122, 37.4],
    unresolvedIssues,
  },
});

describe('areaColourScale', () => {
  it('spans the values of the areas drawn', () => {
    const scale = areaColourScale([area(3), area(9), area(5)], 'unresolvedIssues');
    expect(scale.extent).toEqual([3, 9]);
  });

  it('draws more with a darker colour', () => {
    const scale = areaColourScale([area(0), area(10)], 'unresolvedIssues');
    const lightness = (rgb: number[]) => rgb.reduce((a, b) => a + b, 0);
    expect(lightness(scale.colour(10))).toBeLessThan(lightness(scale.colour(0)));
  });

  it('copes with equal values and with no areas', () => {
    expect(areaColourScale([area(4), area(4)], 'unresolvedIssues').colour(4)).toHaveLength(3);
    expect(areaColourScale([], 'population').extent).toEqual([0, 0]);
  });

  it('starts the colours at zero, not at the smallest value', () => {
    const scale = areaColourScale([area(3), area(4)], 'unresolvedIssues');
    expect(scale.domain).toEqual([0, 4]);
  });

  it('follows the chosen metric', () => {
    const scale = areaColourScale([area(1, 50), area(2, 5000)], 'population');
    expect(scale.extent).toEqual([50, 5000]);
  });
});
