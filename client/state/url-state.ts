import { DEFAULT_LANG, isLang, type Lang } from '../i18n/i18n.ts';
import { frameMonth, type DatasetFrame } from '../dataset/frame.ts';
import { initialOverlayState, type OverlayState } from './overlays.ts';
import { parseOverlayState, writeOverlayParams } from '../layers/overlay-url.ts';
import { AREA_CODE, whole } from '../../server/contract/patterns.ts';
import type { FigureKey } from '../../server/contract/figure-definitions.ts';

/** Statistics the area polygons can be coloured by. */
export const METRICS = ['unresolvedIssues', 'population', 'households'] as const;
/** A statistic of `GET /api/areas` features that colours the polygons. */
export type Metric = (typeof METRICS)[number];
/** The figure each statistic is, so the legend and the exported map label it from its definition. */
export const METRIC_FIGURES = {
  unresolvedIssues: 'issues.unresolved',
  population: 'population',
  households: 'households',
} as const satisfies Record<Metric, FigureKey>;
/** The colouring when the URL names none. */
export const DEFAULT_METRIC: Metric = 'unresolvedIssues';

/**
 * Time windows of the profile figures: 本月, 本年, 全部, or a chosen range of months. The months
 * of `month` and `year` (resolved from the clock) and of `range` are the issue filter's
 * `from`/`to`, so the map shows the same time as the panel.
 */
export const TIME_WINDOWS = ['month', 'year', 'all', 'range'] as const;
/** A time window of the profile figures (URL `win`). */
export type TimeWindow = (typeof TIME_WINDOWS)[number];
/** Areas that can be put side by side in the compare view. */
export const MAX_COMPARE = 3;

/**
 * Everything the user chose that a shared link must restore. Lives in the query string:
 * `?area=PQ07&lang=zh-CN&metric=population`.
 */
export interface UrlState {
  /** Selected area code (default the zone, the data set's 城区). */
  area: string;
  /** UI language (default zh-CN). */
  lang: Lang;
  /** Statistic colouring the polygons (default {@link DEFAULT_METRIC}). */
  metric: Metric;
  /** Overlays on the map, their filters and sliders (state/overlays.ts). */
  overlays: OverlayState;
  /** Time window of the profile figures (default `all`); its months are `overlays.issues`. */
  timeWindow: TimeWindow;
  /** Areas of one level put side by side, at most {@link MAX_COMPARE} (default none). */
  compare: string[];
  /** The compare view is open (default false); needs at least one area in `compare`. */
  compareOpen: boolean;
}

/** The state of a URL without parameters: the data set's zone, now, in Chinese. */
export function initialUrlState(frame: DatasetFrame): UrlState {
  return {
    area: frame.zone,
    lang: DEFAULT_LANG,
    metric: DEFAULT_METRIC,
    overlays: initialOverlayState(frame),
    timeWindow: 'all',
    compare: [],
    compareOpen: false,
  };
}

// Same pattern as the API's AreaCodeSchema: anything else would only earn a 400.
const AREA_CODE_RE = whole(AREA_CODE);

/** Whether a string could be an area code the API accepts. */
export function isAreaCode(value: unknown): value is string {
  return typeof value === 'string' && AREA_CODE_RE.test(value);
}

function isMetric(value: unknown): value is Metric {
  return typeof value === 'string' && (METRICS as readonly string[]).includes(value);
}

function isTimeWindow(value: unknown): value is TimeWindow {
  return typeof value === 'string' && (TIME_WINDOWS as readonly string[]).includes(value);
}

/** The months `[from, to]` a window stands for; `all` and `range` have none of their own. */
export function windowMonths(
  timeWindow: TimeWindow,
  now: string,
): { from: string | null; to: string | null } {
  if (timeWindow === 'month') return { from: now, to: now };
  if (timeWindow === 'year') return { from: `${now.slice(0, 4)}-01`, to: now };
  return { from: null, to: null };
}

/**
 * Makes the window and the issue months agree: `month` and `year` take their months from the
 * clock (`now`, `YYYY-MM`); months without such a window are a `range`; a `range` without
 * months is `all`.
 */
export function normalizeWindow(state: UrlState, now: string): UrlState {
  const f = state.overlays.issues;
  let timeWindow = state.timeWindow;
  let { from, to } = f;
  if (timeWindow === 'month' || timeWindow === 'year')
    ({ from, to } = windowMonths(timeWindow, now));
  else timeWindow = from || to ? 'range' : 'all';
  if (timeWindow === state.timeWindow && from === f.from && to === f.to) return state;
  return { ...state, timeWindow, overlays: { ...state.overlays, issues: { ...f, from, to } } };
}

function compareList(value: string | null): string[] {
  if (!value) return [];
  const codes = value.split(',').filter(isAreaCode);
  return [...new Set(codes)].slice(0, MAX_COMPARE);
}

/**
 * Reads the state from a query string (`location.search`); unknown or bad values fall back to
 * the frame's defaults. The frame's month (the zone's now) resolves the months of 本月 and 本年;
 * months outside its record are dropped.
 */
export function parseUrlState(search: string, frame: DatasetFrame): UrlState {
  const init = initialUrlState(frame);
  const params = new URLSearchParams(search);
  const area = params.get('area');
  const lang = params.get('lang');
  const metric = params.get('metric');
  const win = params.get('win');
  const compare = compareList(params.get('cmp'));
  return normalizeWindow(
    {
      area: isAreaCode(area) ? area : init.area,
      lang: isLang(lang) ? lang : init.lang,
      metric: isMetric(metric) ? metric : init.metric,
      overlays: parseOverlayState(params, frame),
      timeWindow: isTimeWindow(win) ? win : init.timeWindow,
      compare,
      compareOpen: params.get('view') === 'compare' && compare.length > 0,
    },
    frameMonth(frame),
  );
}

/**
 * Writes the state as a query string with its leading `?`. The zone and the default metric are
 * left out to keep links short; the language is always written so a link opens in the language
 * it was shared in.
 */
export function serializeUrlState(state: UrlState, frame: DatasetFrame): string {
  const params = new URLSearchParams();
  if (state.area !== frame.zone) params.set('area', state.area);
  params.set('lang', state.lang);
  if (state.metric !== DEFAULT_METRIC) params.set('metric', state.metric);
  writeOverlayParams(state.overlays, params, frame);
  // A range is said by its months alone; 本月 and 本年 by their name (their months follow).
  if (state.timeWindow === 'month' || state.timeWindow === 'year') {
    params.set('win', state.timeWindow);
    params.delete('from');
    params.delete('to');
  }
  if (state.compare.length > 0) params.set('cmp', state.compare.join(','));
  if (state.compareOpen) params.set('view', 'compare');
  // Commas and colons are safe in a query string and keep shared links readable.
  return `?${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

/** Selects an area (drill down or up). */
export function selectArea(state: UrlState, area: string): UrlState {
  return area === state.area ? state : { ...state, area };
}

/** Switches the UI language. */
export function setLang(state: UrlState, lang: Lang): UrlState {
  return lang === state.lang ? state : { ...state, lang };
}

/** Switches the statistic colouring the polygons. */
export function setMetric(state: UrlState, metric: Metric): UrlState {
  return metric === state.metric ? state : { ...state, metric };
}

/**
 * Changes the overlays (switches, filters, sliders). Months chosen for the issue filter make the
 * time window that range; clearing them, all of time.
 */
export function setOverlays(state: UrlState, overlays: OverlayState): UrlState {
  if (overlays === state.overlays) return state;
  const before = state.overlays.issues;
  const after = overlays.issues;
  if (before.from === after.from && before.to === after.to) return { ...state, overlays };
  return { ...state, overlays, timeWindow: after.from || after.to ? 'range' : 'all' };
}

/**
 * How a change of state goes into the browser history: a new selection, or opening or closing
 * the compare view, is a step the back button undoes (`push`); a language, colouring, filter or
 * window change rewrites the current entry (`replace`); no change writes nothing.
 */
export function historyAction(
  before: UrlState,
  after: UrlState,
  frame: DatasetFrame,
): 'push' | 'replace' | 'none' {
  if (before.area !== after.area || before.compareOpen !== after.compareOpen) return 'push';
  if (
    before.lang !== after.lang ||
    before.metric !== after.metric ||
    serializeUrlState(before, frame) !== serializeUrlState(after, frame)
  )
    return 'replace';
  return 'none';
}
