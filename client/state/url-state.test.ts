import { describe, expect, it } from 'vitest';
import {
  INITIAL_URL_STATE,
  ZONE_CODE,
  historyAction,
  parseUrlState,
  selectArea,
  serializeUrlState,
  setLang,
  setMetric,
} from './url-state.ts';
import { INITIAL_OVERLAY_STATE } from './overlays.ts';

describe('parseUrlState', () => {
  it('defaults to the zone, Chinese and open issues without parameters', () => {
    expect(parseUrlState('')).toEqual({
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
    expect(parseUrlState('?area=PQ07&lang=en&metric=population')).toEqual({
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
    expect(parseUrlState('?lang=fr').lang).toBe('zh-CN');
  });

  it('ignores an area code the API would reject', () => {
    expect(parseUrlState('?area=PQ07%27%3B--').area).toBe(ZONE_CODE);
  });

  it('ignores an unknown metric', () => {
    expect(parseUrlState('?metric=crime').metric).toBe('unresolvedIssues');
  });
});

describe('serializeUrlState', () => {
  it('writes only the language for the initial state', () => {
    expect(serializeUrlState(INITIAL_URL_STATE)).toBe('?lang=zh-CN');
  });

  it('round-trips through parseUrlState', () => {
    const state = {
      area: 'SQ12',
      lang: 'en' as const,
      metric: 'households' as const,
      overlays: { ...INITIAL_OVERLAY_STATE, on: ['issues' as const], hour: 9 },
      timeWindow: 'all' as const,
      compare: ['SQ12', 'SQ03'],
      compareOpen: true,
    };
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
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
    expect(historyAction(INITIAL_URL_STATE, selectArea(INITIAL_URL_STATE, 'PQ01'))).toBe('push');
  });

  it('replaces on a language change', () => {
    expect(historyAction(INITIAL_URL_STATE, setLang(INITIAL_URL_STATE, 'en'))).toBe('replace');
  });

  it('replaces on a metric change', () => {
    expect(historyAction(INITIAL_URL_STATE, setMetric(INITIAL_URL_STATE, 'population'))).toBe(
      'replace',
    );
  });

  it('does nothing when the state is unchanged', () => {
    expect(historyAction(INITIAL_URL_STATE, { ...INITIAL_URL_STATE })).toBe('none');
  });
});
