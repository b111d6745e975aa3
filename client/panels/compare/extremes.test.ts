import { describe, expect, it } from 'vitest';
import { extremes, judgedExtremes } from './extremes.ts';

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

describe('judged extremes of a compare row', () => {
  it('calls the lowest best when lower is better', () => {
    expect(judgedExtremes([3, 9, 5], 'lower')).toEqual(['best', 'worst', null]);
  });

  it('calls the highest best when higher is better', () => {
    expect(judgedExtremes([0.4, 0.9, 0.6], 'higher')).toEqual(['worst', 'best', null]);
  });

  it('judges nothing for a figure without a better way', () => {
    expect(judgedExtremes([3, 9, 5], undefined)).toEqual(extremes([3, 9, 5]));
  });

  it('judges nothing when the values are equal', () => {
    expect(judgedExtremes([2, 2], 'lower')).toEqual([null, null]);
  });
});
