import { describe, expect, it } from 'vitest';
import {
  INITIAL_OVERLAY_STATE,
  hasIssueFilter,
  issueFilterQuery,
  monthSteps,
  nextReplayMonth,
  parseOverlayState,
  peakTime,
  toggleIssueFilter,
  toggleOverlay,
  withKnownCategories,
  writeOverlayParams,
  type OverlayState,
} from './overlays.ts';

const parse = (search: string) => parseOverlayState(new URLSearchParams(search));
const write = (state: OverlayState) => {
  const params = new URLSearchParams();
  writeOverlayParams(state, params);
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
      issues: { ...state.issues, at: '2025-03', from: '2024-01' },
      walk: 1000,
      dutyAt: '2026-08-01T20:00',
      month: 8,
      hour: 9,
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
    expect(state.month).toBe(7);
    expect(state.hour).toBe(14);
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
    const steps = monthSteps();
    expect(steps[0]).toBe('2023-12');
    expect(steps.at(-1)).toBe('2026-11');
    expect(steps).toHaveLength(36);
  });

  it('plays on and starts over after the last month', () => {
    expect(nextReplayMonth(null)).toBe('2023-12');
    expect(nextReplayMonth('2023-12')).toBe('2024-01');
    expect(nextReplayMonth('2026-11')).toBe('2023-12');
  });

  it('checks peak mode at the tourism month and hour', () => {
    expect(peakTime({ dutyAt: '2026-03-31T08:00', month: 7, hour: 14 })).toBe('2026-07-28T14:00');
  });
});
