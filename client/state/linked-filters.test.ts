import { describe, expect, it } from 'vitest';
import {
  addToCompare,
  brushMonths,
  clearLinkedFilters,
  hasLinkedFilters,
  monthsInBrush,
  monthEnd,
  profileQuery,
  removeFromCompare,
  setCompareOpen,
  setRangeEnd,
  setTimeWindow,
  toggleCategory,
  windowQuery,
} from './linked-filters.ts';
import { toggleOverlay } from './overlays.ts';
import { frameMonth } from '../dataset/frame.ts';
import { TEST_FRAME, testFrameAt } from '../dataset/test-frame.ts';
import {
  historyAction as historyActionIn,
  initialUrlState,
  parseUrlState as parseUrlStateIn,
  selectArea,
  serializeUrlState as serializeUrlStateIn,
  type UrlState,
} from './url-state.ts';

// The fixture's now is 2024-10 and its record 2021-09…2024-10.
const NOW = frameMonth(TEST_FRAME);
const RECORD = [TEST_FRAME.firstMonth, TEST_FRAME.lastMonth] as const;
const INITIAL_URL_STATE = initialUrlState(TEST_FRAME);
const parseUrlState = (search: string) => parseUrlStateIn(search, TEST_FRAME);
const serializeUrlState = (state: UrlState) => serializeUrlStateIn(state, TEST_FRAME);
const historyAction = (before: UrlState, after: UrlState) =>
  historyActionIn(before, after, TEST_FRAME);
const atArea = selectArea(INITIAL_URL_STATE, 'PQ07');
const roundTrip = (state: UrlState) => parseUrlState(serializeUrlState(state));

describe('toggleCategory', () => {
  it('shows only the clicked category and switches the issue overlay on', () => {
    const next = toggleCategory(atArea, 'parking');
    expect(next.overlays.issues.category).toEqual(['parking']);
    expect(next.overlays.on).toContain('issues');
  });

  it('clears the category when the same bar is clicked twice', () => {
    const twice = toggleCategory(toggleCategory(atArea, 'parking'), 'parking');
    expect(twice.overlays.issues.category).toEqual([]);
  });

  it('replaces the category on a click on another bar', () => {
    const next = toggleCategory(toggleCategory(atArea, 'parking'), 'roads');
    expect(next.overlays.issues.category).toEqual(['roads']);
  });

  it('adds and removes categories with an additive click', () => {
    const both = toggleCategory(toggleCategory(atArea, 'parking'), 'roads', true);
    expect(both.overlays.issues.category).toEqual(['roads', 'parking']);
    expect(toggleCategory(both, 'parking', true).overlays.issues.category).toEqual(['roads']);
  });

  it('keeps the issue overlay on and the others as they were', () => {
    const withSites = { ...atArea, overlays: toggleOverlay(atArea.overlays, 'sites', true) };
    const next = toggleCategory(withSites, 'disputes');
    expect(next.overlays.on).toEqual(['issues', 'sites']);
  });

  it('rewrites the history entry rather than adding one', () => {
    expect(historyAction(atArea, toggleCategory(atArea, 'roads'))).toBe('replace');
  });
});

describe('brushMonths and monthsInBrush', () => {
  const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
  // Bands of 10 px starting at 0, 12, 24, 36, 48.
  const left = (i: number) => i * 12;

  it('takes the months whose band middle the brush covers', () => {
    expect(monthsInBrush(months, left, 10, [10, 45])).toEqual(['2024-02', '2024-04']);
  });

  it('reads a brush drawn right to left the same', () => {
    expect(monthsInBrush(months, left, 10, [45, 10])).toEqual(['2024-02', '2024-04']);
  });

  it('gives null when the brush covers no band middle', () => {
    expect(monthsInBrush(months, left, 10, [6, 11])).toBeNull();
  });

  it('sets the months as the range window and the map filter', () => {
    const next = brushMonths(atArea, ['2024-04', '2024-02']);
    expect(next.timeWindow).toBe('range');
    expect(next.overlays.issues.from).toBe('2024-02');
    expect(next.overlays.issues.to).toBe('2024-04');
    expect(windowQuery(next, RECORD[0])).toBe('window=range&from=2024-02-01&to=2024-04-30');
  });

  it('clears the range on an empty brush', () => {
    const next = brushMonths(brushMonths(atArea, ['2024-02', '2024-04']), null);
    expect(next.timeWindow).toBe('all');
    expect(next.overlays.issues.from).toBeNull();
    expect(next.overlays.issues.to).toBeNull();
  });
});

describe('time window', () => {
  it('resolves 本月 and 本年 to months the map filter uses', () => {
    const month = setTimeWindow(atArea, 'month', NOW, RECORD);
    expect(month.overlays.issues).toMatchObject({ from: '2024-10', to: '2024-10' });
    expect(windowQuery(month, RECORD[0])).toBe('window=month');
    const year = setTimeWindow(atArea, 'year', NOW, RECORD);
    expect(year.overlays.issues).toMatchObject({ from: '2024-01', to: '2024-10' });
  });

  it('starts 自定义 from the whole record and keeps months already chosen', () => {
    expect(setTimeWindow(atArea, 'range', NOW, RECORD).overlays.issues).toMatchObject({
      from: '2021-09',
      to: '2024-10',
    });
    const brushed = brushMonths(atArea, ['2024-02', '2024-04']);
    expect(setTimeWindow(brushed, 'range', NOW, RECORD)).toBe(brushed);
  });

  it('全部 clears the months', () => {
    const next = setTimeWindow(setTimeWindow(atArea, 'year', NOW, RECORD), 'all', NOW, RECORD);
    expect(next.timeWindow).toBe('all');
    expect(next.overlays.issues.from).toBeNull();
    expect(windowQuery(next, RECORD[0])).toBe('window=all');
  });

  it('moves one end of the range and keeps the other', () => {
    const next = setRangeEnd(brushMonths(atArea, ['2024-02', '2024-04']), 'to', '2025-01');
    expect(next.overlays.issues).toMatchObject({ from: '2024-02', to: '2025-01' });
  });
});

describe('profile query', () => {
  it('ends a month on its last day, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2024-12')).toBe('2024-12-31');
  });

  it('counts a replayed month as the end of the window', () => {
    const replay = {
      ...atArea,
      overlays: { ...atArea.overlays, issues: { ...atArea.overlays.issues, at: '2024-06' } },
    };
    expect(windowQuery(replay, '2021-09')).toBe('window=range&from=2021-09-01&to=2024-06-30');
    const brushed = brushMonths(replay, ['2024-02', '2024-09']);
    expect(windowQuery(brushed, '2021-09')).toBe('window=range&from=2024-02-01&to=2024-06-30');
  });

  it('adds the map category, status and level filters', () => {
    const state = toggleCategory(toggleCategory(atArea, 'roads'), 'parking', true);
    expect(profileQuery(state, '2021-09')).toBe('window=all&category=roads,parking');
  });
});

describe('clearLinkedFilters', () => {
  const filtered = toggleCategory(
    brushMonths(
      {
        ...atArea,
        compare: ['PQ07', 'PQ03'],
        overlays: { ...toggleOverlay(atArea.overlays, 'sites', true), walk: 300 },
      },
      ['2024-02', '2024-04'],
    ),
    'roads',
  );

  it('resets the category, months, window and replay', () => {
    const withReplay = {
      ...filtered,
      overlays: { ...filtered.overlays, issues: { ...filtered.overlays.issues, at: '2024-06' } },
    };
    const cleared = clearLinkedFilters(withReplay);
    expect(cleared.overlays.issues).toEqual(INITIAL_URL_STATE.overlays.issues);
    expect(cleared.timeWindow).toBe('all');
    expect(hasLinkedFilters(cleared)).toBe(false);
  });

  it('keeps the selection, the compare list and the overlays with their sliders', () => {
    const cleared = clearLinkedFilters(filtered);
    expect(cleared.area).toBe('PQ07');
    expect(cleared.compare).toEqual(['PQ07', 'PQ03']);
    expect(cleared.overlays.on).toEqual(['issues', 'sites']);
    expect(cleared.overlays.walk).toBe(300);
  });

  it('returns the same state when nothing is filtered', () => {
    expect(clearLinkedFilters(atArea)).toBe(atArea);
  });
});

describe('compare list', () => {
  it('adds areas of one level up to three', () => {
    let state = addToCompare(atArea, 'PQ07', true);
    state = addToCompare(state, 'PQ03', true);
    state = addToCompare(state, 'PQ03', true);
    state = addToCompare(state, 'PQ11', true);
    expect(state.compare).toEqual(['PQ07', 'PQ03', 'PQ11']);
    expect(addToCompare(state, 'PQ12', true)).toBe(state);
  });

  it('starts a new list with an area of another level', () => {
    const state = addToCompare({ ...atArea, compare: ['PQ07', 'PQ03'] }, 'SQ12', false);
    expect(state.compare).toEqual(['SQ12']);
  });

  it('closes the view when the last area leaves it', () => {
    const open = setCompareOpen({ ...atArea, compare: ['PQ07'] }, true);
    expect(open.compareOpen).toBe(true);
    expect(removeFromCompare(open, 'PQ07')).toMatchObject({ compare: [], compareOpen: false });
  });

  it('opens the view as a step the back button undoes', () => {
    const listed = { ...atArea, compare: ['PQ07', 'PQ03'] };
    expect(historyAction(listed, setCompareOpen(listed, true))).toBe('push');
    expect(historyAction(atArea, addToCompare(atArea, 'PQ07', true))).toBe('replace');
  });
});

describe('URL round trip', () => {
  it('restores a category, a brushed range and a compare view', () => {
    const state = setCompareOpen(
      toggleCategory(
        brushMonths({ ...atArea, compare: ['PQ07', 'PQ03'] }, ['2024-02', '2024-04']),
        'roads',
      ),
      true,
    );
    expect(serializeUrlState(state)).toBe(
      '?area=PQ07&lang=zh-CN&ov=issues&cat=roads&from=2024-02&to=2024-04&cmp=PQ07,PQ03&view=compare',
    );
    expect(roundTrip(state)).toEqual(state);
  });

  it('writes 本年 by name and resolves its months when read', () => {
    const state = setTimeWindow(atArea, 'year', NOW, RECORD);
    expect(serializeUrlState(state)).toBe('?area=PQ07&lang=zh-CN&win=year');
    expect(roundTrip(state)).toEqual(state);
    // Read in the next year (13:00 UTC on 2 March 2025 is 19:00 in the zone), 本年 is that year.
    const nextYear = testFrameAt(new Date('2025-03-02T13:00:00Z'));
    expect(parseUrlStateIn(serializeUrlState(state), nextYear).overlays.issues).toMatchObject({
      from: '2025-01',
      to: '2025-03',
    });
  });

  it('reads months without a window as a range, and drops a compare view with nothing to compare', () => {
    const state = parseUrlState('?from=2024-02&view=compare');
    expect(state.timeWindow).toBe('range');
    expect(state.compareOpen).toBe(false);
  });

  it('keeps at most three valid, distinct codes to compare', () => {
    expect(parseUrlState('?cmp=PQ01,PQ01,bad%27,PQ02,PQ03,PQ04').compare).toEqual([
      'PQ01',
      'PQ02',
      'PQ03',
    ]);
  });
});
