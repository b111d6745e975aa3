import { describe, expect, it } from 'vitest';
import { TEST_FRAME, testFrameAt } from '../dataset/test-frame.ts';
import { initialOverlayState, toggleOverlay, type OverlayState } from './overlays.ts';
import {
  hasIssueFilter,
  issueFilterQuery,
  monthSteps,
  nextReplayMonth,
  toggleIssueFilter,
  withKnownCategories,
} from '../layers/issues/state.ts';
import { peakTime } from '../layers/tourism/state.ts';
import { parseOverlayState, writeOverlayParams } from '../layers/overlay-url.ts';

const INITIAL_OVERLAY_STATE = initialOverlayState(TEST_FRAME);
const { firstMonth: FIRST_MONTH, lastMonth: LAST_MONTH } = TEST_FRAME;
const parse = (search: string) => parseOverlayState(new URLSearchParams(search), TEST_FRAME);
const write = (state: OverlayState) => {
  const params = new URLSearchParams();
  writeOverlayParams(state, params, TEST_FRAME);
  return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
};

describe('overlay URL state', () => {
  it('writes nothing for the defaults', () => {
    expect(write(INITIAL_OVERLAY_STATE)).toBe('');
    expect(parse('')).toEqual(INITIAL_OVERLAY_STATE);
  });

  it('restores what it wrote', () => {
    let state = toggleOverlay(INITIAL_OVERLAY_STATE, 'issues', true);
    state = toggleOverlay(state, 'sites', true);
    state = toggleIssueFilter(state, 'category', 'roads', true);
    state = toggleIssueFilter(state, 'status', 'escalated', true);
    state = {
      ...state,
      opacity: { ...state.opacity, sites: 0.5 },
      issues: { ...state.issues, at: '2023-03', from: '2022-01' },
      walk: 1000,
      dutyAt: '2023-08-01T20:00',
      month: 8,
      hour: 20,
      peakThreshold: 1200,
    };
    expect(parse(write(state))).toEqual(state);
  });

  it('drops unknown or malformed values', () => {
    const state = parse(
      'ov=issues,bogus&cat=roads,No-pe!&at=2099-01&walk=42&tm=13&th=-1&op=sites:5',
    );
    expect(state.on).toEqual(['issues']);
    expect(state.issues.category).toEqual(['roads']);
    expect(state.issues.at).toBeNull();
    expect(state.walk).toBe(500);
    expect(state.month).toBe(INITIAL_OVERLAY_STATE.month);
    expect(state.hour).toBe(INITIAL_OVERLAY_STATE.hour);
    expect(state.opacity.sites).toBe(0.85);
  });

  it('drops the categories the vocabulary lacks once it is known', () => {
    const state = parse('cat=roads,nope');
    expect(withKnownCategories(state, ['roads', 'parking']).issues.category).toEqual(['roads']);
    expect(withKnownCategories(state, ['roads', 'nope'])).toBe(state);
  });

  it('keeps a category a district added, after the designed ones', () => {
    expect(parse('cat=gong_nuan,parking,roads').issues.category).toEqual([
      'roads',
      'parking',
      'gong_nuan',
    ]);
  });

  it('keeps lists in vocabulary order, so one state has one URL', () => {
    expect(parse('cat=parking,roads').issues.category).toEqual(['roads', 'parking']);
    expect(parse('ov=staff,issues').on).toEqual(['issues', 'staff']);
  });
});

describe("defaults on the zone's now", () => {
  it("opens the duty time on the zone's current hour", () => {
    // TEST_NOW is 03:41 UTC, 09:41 in Asia/Urumqi (UTC+06:00).
    expect(INITIAL_OVERLAY_STATE.dutyAt).toBe('2024-10-17T09:00');
  });

  it("opens the tourism sliders on the zone's current month and hour", () => {
    expect(INITIAL_OVERLAY_STATE).toMatchObject({ month: 10, hour: 9 });
  });

  it("moves the defaults with the frame's now", () => {
    // 20:15 UTC on 4 March is 02:15 on 5 March in Urumqi: the zone's day, not UTC's.
    const later = initialOverlayState(testFrameAt(new Date('2023-03-04T20:15:00Z')));
    expect(later).toMatchObject({ dutyAt: '2023-03-05T02:00', month: 3, hour: 2 });
  });

  it('writes nothing for the defaults of another now, and reads them back', () => {
    const frame = testFrameAt(new Date('2022-12-31T23:59:00Z'));
    const params = new URLSearchParams();
    writeOverlayParams(initialOverlayState(frame), params, frame);
    expect(params.toString()).toBe('');
    expect(parseOverlayState(params, frame)).toEqual(initialOverlayState(frame));
  });

  it('writes a default of one now that is not that of another', () => {
    const other = testFrameAt(new Date('2022-06-01T12:00:00Z'));
    const params = new URLSearchParams();
    writeOverlayParams(INITIAL_OVERLAY_STATE, params, other);
    expect(parseOverlayState(params, other)).toEqual(INITIAL_OVERLAY_STATE);
  });
});

describe('issue filters as the API query', () => {
  it('is empty without filters', () => {
    expect(issueFilterQuery(INITIAL_OVERLAY_STATE.issues)).toBe('');
    expect(hasIssueFilter(INITIAL_OVERLAY_STATE.issues)).toBe(false);
  });

  it('names every filter the API knows, lists comma-separated', () => {
    const query = issueFilterQuery({
      category: ['roads', 'parking'],
      status: ['open'],
      level: ['pianqu'],
      from: '2024-01',
      to: '2024-12',
      at: '2024-06',
    });
    expect(query).toBe(
      'category=roads,parking&status=open&level=pianqu&from=2024-01&to=2024-12&at=2024-06',
    );
  });
});

describe('time steps', () => {
  it('covers the record month by month', () => {
    const steps = monthSteps(FIRST_MONTH, LAST_MONTH);
    expect(steps[0]).toBe(FIRST_MONTH);
    expect(steps.at(-1)).toBe(LAST_MONTH);
    // 2021-09…2024-10: four months of 2021, two whole years, ten months of 2024.
    expect(steps).toHaveLength(4 + 24 + 10);
  });

  it('steps over a year end', () => {
    expect(monthSteps('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
  });

  it('has a single step for a record of one month', () => {
    expect(monthSteps('2020-05', '2020-05')).toEqual(['2020-05']);
  });

  it('plays on and starts over after the last month', () => {
    expect(nextReplayMonth(null, TEST_FRAME)).toBe(FIRST_MONTH);
    expect(nextReplayMonth(FIRST_MONTH, TEST_FRAME)).toBe('2021-10');
    expect(nextReplayMonth('2021-12', TEST_FRAME)).toBe('2022-01');
    expect(nextReplayMonth(LAST_MONTH, TEST_FRAME)).toBe(FIRST_MONTH);
  });

  it('checks peak mode at the tourism month and hour', () => {
    expect(peakTime({ dutyAt: '2026-03-31T08:00', month: 7, hour: 14 })).toBe('2026-07-28T14:00');
  });
});
