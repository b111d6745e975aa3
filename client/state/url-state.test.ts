import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../server/contract/index.ts';
import { frameOf } from '../dataset/frame.ts';
import { TEST_DATASET, TEST_FRAME, TEST_NOW } from '../dataset/test-frame.ts';
import { initialOverlayState } from './overlays.ts';
import {
  historyAction,
  initialUrlState,
  parseUrlState,
  selectArea,
  serializeUrlState,
  setLang,
  setMetric,
  type UrlState,
} from './url-state.ts';

const INITIAL_URL_STATE = initialUrlState(TEST_FRAME);
const INITIAL_OVERLAY_STATE = initialOverlayState(TEST_FRAME);
const ZONE_CODE = TEST_FRAME.zone;
const parse = (search: string) => parseUrlState(search, TEST_FRAME);
const serialize = (state: UrlState) => serializeUrlState(state, TEST_FRAME);
const action = (before: UrlState, after: UrlState) => historyAction(before, after, TEST_FRAME);

describe('parseUrlState', () => {
  it('defaults to the zone, Chinese and open issues without parameters', () => {
    expect(parse('')).toEqual({
      area: ZONE_CODE,
      lang: 'zh-CN',
      metric: 'unresolvedIssues',
      overlays: INITIAL_OVERLAY_STATE,
      timeWindow: 'all',
      compare: [],
      compareOpen: false,
    });
  });

  it('reads area, lang and metric', () => {
    expect(parse('?area=PQ07&lang=en&metric=population')).toEqual({
      area: 'PQ07',
      lang: 'en',
      metric: 'population',
      overlays: INITIAL_OVERLAY_STATE,
      timeWindow: 'all',
      compare: [],
      compareOpen: false,
    });
  });

  it('ignores a language the catalogue does not have', () => {
    expect(parse('?lang=fr').lang).toBe('zh-CN');
  });

  it('ignores an area code the API would reject', () => {
    expect(parse('?area=PQ07%27%3B--').area).toBe(ZONE_CODE);
  });

  it('ignores an unknown metric', () => {
    expect(parse('?metric=crime').metric).toBe('unresolvedIssues');
  });
});

describe('months of the record', () => {
  // Months as a count since year 0, so the bounds are checked by arithmetic, not by the
  // string order the parser itself relies on.
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const monthAt = (i: number) =>
    `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  const first = index(TEST_FRAME.firstMonth);
  const last = index(TEST_FRAME.lastMonth);
  const inside = fc.integer({ min: first, max: last }).map(monthAt);
  const outside = fc
    .oneof(
      fc.integer({ min: 1900 * 12, max: first - 1 }),
      fc.integer({ min: last + 1, max: 2200 * 12 }),
    )
    .map(monthAt);

  it('keeps a month of the record as the range and the replayed month', () => {
    fc.assert(
      fc.property(inside, inside, inside, (from, to, at) => {
        const { issues } = parse(`?from=${from}&to=${to}&at=${at}`).overlays;
        expect(issues).toMatchObject({ from, to, at });
      }),
    );
  });

  it('drops a month outside the record', () => {
    fc.assert(
      fc.property(outside, (month) => {
        const state = parse(`?from=${month}&to=${month}&at=${month}`);
        expect(state.overlays.issues).toMatchObject({ from: null, to: null, at: null });
        expect(state.timeWindow).toBe('all');
      }),
    );
  });

  it("reads a month by the data set's record, not by a fixed one", () => {
    const record: Dataset['record'] = {
      firstMonth: '2019-03',
      lastMonth: '2020-08',
      lastDay: null,
    };
    const other = frameOf({ ...TEST_DATASET, record }, TEST_NOW);
    expect(parseUrlState('?at=2020-05', other).overlays.issues.at).toBe('2020-05');
    expect(parse('?at=2020-05').overlays.issues.at).toBeNull();
    expect(parseUrlState('?at=2022-05', other).overlays.issues.at).toBeNull();
    expect(parse('?at=2022-05').overlays.issues.at).toBe('2022-05');
  });
});

describe('the zone of the frame', () => {
  it("selects the data set's zone without an area, and leaves it out of the URL", () => {
    const zone = {
      code: 'Z99',
      name: '另一区',
      bbox: [0, 0, 1, 1] as [number, number, number, number],
    };
    const other = frameOf({ ...TEST_DATASET, zone }, TEST_NOW);
    expect(parseUrlState('', other).area).toBe('Z99');
    expect(serializeUrlState(initialUrlState(other), other)).toBe('?lang=zh-CN');
    expect(serializeUrlState(initialUrlState(other), TEST_FRAME)).toBe('?area=Z99&lang=zh-CN');
  });
});

describe('serializeUrlState', () => {
  it('writes only the language for the initial state', () => {
    expect(serialize(INITIAL_URL_STATE)).toBe('?lang=zh-CN');
  });

  it('round-trips through parseUrlState', () => {
    const state = {
      area: 'SQ12',
      lang: 'en' as const,
      metric: 'households' as const,
      overlays: { ...INITIAL_OVERLAY_STATE, on: ['issues' as const], hour: 20 },
      timeWindow: 'all' as const,
      compare: ['SQ12', 'SQ03'],
      compareOpen: true,
    };
    expect(parse(serialize(state))).toEqual(state);
  });
});

describe('updaters', () => {
  it('selectArea changes only the area', () => {
    expect(selectArea(INITIAL_URL_STATE, 'PQ03')).toEqual({ ...INITIAL_URL_STATE, area: 'PQ03' });
  });

  it('returns the same object when nothing changes', () => {
    expect(selectArea(INITIAL_URL_STATE, ZONE_CODE)).toBe(INITIAL_URL_STATE);
    expect(setLang(INITIAL_URL_STATE, 'zh-CN')).toBe(INITIAL_URL_STATE);
    expect(setMetric(INITIAL_URL_STATE, 'unresolvedIssues')).toBe(INITIAL_URL_STATE);
  });

  it('setLang and setMetric keep the selection', () => {
    const state = selectArea(INITIAL_URL_STATE, 'XQ001');
    expect(setLang(state, 'en').area).toBe('XQ001');
    expect(setMetric(state, 'population').area).toBe('XQ001');
  });
});

describe('historyAction', () => {
  it('pushes a new selection', () => {
    expect(action(INITIAL_URL_STATE, selectArea(INITIAL_URL_STATE, 'PQ01'))).toBe('push');
  });

  it('replaces on a language change', () => {
    expect(action(INITIAL_URL_STATE, setLang(INITIAL_URL_STATE, 'en'))).toBe('replace');
  });

  it('replaces on a metric change', () => {
    expect(action(INITIAL_URL_STATE, setMetric(INITIAL_URL_STATE, 'population'))).toBe('replace');
  });

  it('does nothing when the state is unchanged', () => {
    expect(action(INITIAL_URL_STATE, { ...INITIAL_URL_STATE })).toBe('none');
  });
});
