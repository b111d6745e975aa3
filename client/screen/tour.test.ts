import { describe, expect, it } from 'vitest';
import { INITIAL_TOUR, tourCode, tourPaused, tourReducer, type TourAction } from './tour.ts';

const run = (actions: TourAction[]) => actions.reduce(tourReducer, INITIAL_TOUR);
const codes: TourAction = { type: 'codes', codes: ['PQ01', 'PQ02', 'PQ03'] };

describe('tourReducer', () => {
  it('starts at the first 片区', () => {
    expect(tourCode(run([codes]))).toBe('PQ01');
  });

  it('moves to the next 片区 on each tick, round and round', () => {
    const ticks = [1, 2, 3, 4].map((at): TourAction => ({ type: 'tick', at }));
    expect(tourCode(run([codes, ...ticks.slice(0, 1)]))).toBe('PQ02');
    expect(tourCode(run([codes, ...ticks]))).toBe('PQ02');
  });

  it('stays where it is while input is recent', () => {
    const state = run([
      codes,
      { type: 'input', at: 1000, quietMs: 60_000 },
      { type: 'tick', at: 30_000 },
    ]);
    expect(tourCode(state)).toBe('PQ01');
    expect(tourPaused(state, 30_000)).toBe(true);
  });

  it('resumes once the quiet period has passed', () => {
    const state = run([
      codes,
      { type: 'input', at: 1000, quietMs: 60_000 },
      { type: 'tick', at: 61_000 },
    ]);
    expect(tourCode(state)).toBe('PQ02');
    expect(tourPaused(state, 61_000)).toBe(false);
  });

  it('shows a clicked 片区 and pauses there', () => {
    const state = run([codes, { type: 'show', code: 'PQ03', at: 5, quietMs: 100 }]);
    expect(tourCode(state)).toBe('PQ03');
    expect(tourPaused(state, 50)).toBe(true);
  });

  it('keeps the highlighted 片区 when the list is given again', () => {
    const state = run([codes, { type: 'tick', at: 1 }, { ...codes, codes: ['PQ02', 'PQ09'] }]);
    expect(tourCode(state)).toBe('PQ02');
  });

  it('does nothing before the 片区 are known', () => {
    expect(run([{ type: 'tick', at: 1 }])).toEqual(INITIAL_TOUR);
    expect(tourCode(INITIAL_TOUR)).toBeNull();
  });
});
