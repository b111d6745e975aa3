import { describe, expect, it } from 'vitest';
import { extremes } from './extremes.ts';

describe('extremes of a compare row', () => {
  it('marks the highest and the lowest value', () => {
    expect(extremes([3, 9, 5])).toEqual(['min', 'max', null]);
  });

  it('marks nothing when the values are equal or only one is known', () => {
    expect(extremes([4, 4, 4])).toEqual([null, null, null]);
    expect(extremes([null, 7])).toEqual([null, null]);
  });

  it('leaves unknown values unmarked', () => {
    expect(extremes([null, 2, 8])).toEqual([null, 'min', 'max']);
  });
});
