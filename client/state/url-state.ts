import { DEFAULT_LANG, isLang, type Lang } from '../i18n/i18n.ts';
import {
  INITIAL_OVERLAY_STATE,
  parseOverlayState,
  writeOverlayParams,
  type OverlayState,
} from './overlays.ts';

/** Code of the zone (城区 高新区): the selection when the URL names no area. */
export const ZONE_CODE = '371071';

/** Statistics the area polygons can be coloured by. */
export const METRICS = ['unresolvedIssues', 'population', 'households'] as const;
/** A statistic of `GET /api/areas` features that colours the polygons. */
export type Metric = (typeof METRICS)[number];
/** The colouring when the URL names none. */
export const DEFAULT_METRIC: Metric = 'unresolvedIssues';

/**
 * Everything the user chose that a shared link must restore. Lives in the query string:
 * `?area=PQ07&lang=zh-CN&metric=population`.
 */
export interface UrlState {
  /** Selected area code (default the zone, {@link ZONE_CODE}). */
  area: string;
  /** UI language (default zh-CN). */
  lang: Lang;
  /** Statistic colouring the polygons (default {@link DEFAULT_METRIC}). */
  metric: Metric;
  /** Overlays on the map, their filters and sliders (state/overlays.ts). */
  overlays: OverlayState;
}

/** The state of a URL without parameters. */
export const INITIAL_URL_STATE: UrlState = {
  area: ZONE_CODE,
  lang: DEFAULT_LANG,
  metric: DEFAULT_METRIC,
  overlays: INITIAL_OVERLAY_STATE,
};

// Same pattern as the API's AreaCodeSchema: anything else would only earn a 400.
const AREA_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Whether a string could be an area code the API accepts. */
export function isAreaCode(value: unknown): value is string {
  return typeof value === 'string' && AREA_CODE.test(value);
}

function isMetric(value: unknown): value is Metric {
  return typeof value === 'string' && (METRICS as readonly string[]).includes(value);
}

/** Reads the state from a query string (`location.search`); unknown or bad values fall back. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const area = params.get('area');
  const lang = params.get('lang');
  const metric = params.get('metric');
  return {
    area: isAreaCode(area) ? area : INITIAL_URL_STATE.area,
    lang: isLang(lang) ? lang : INITIAL_URL_STATE.lang,
    metric: isMetric(metric) ? metric : INITIAL_URL_STATE.metric,
    overlays: parseOverlayState(params),
  };
}

/**
 * Writes the state as a query string with its leading `?`. The zone and the default metric are
 * left out to keep links short; the language is always written so a link opens in the language
 * it was shared in.
 */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.area !== ZONE_CODE) params.set('area', state.area);
  params.set('lang', state.lang);
  if (state.metric !== DEFAULT_METRIC) params.set('metric', state.metric);
  writeOverlayParams(state.overlays, params);
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

/** Changes the overlays (switches, filters, sliders). */
export function setOverlays(state: UrlState, overlays: OverlayState): UrlState {
  return overlays === state.overlays ? state : { ...state, overlays };
}

/**
 * How a change of state goes into the browser history: a new selection is a step the back
 * button undoes (`push`); a language or colouring change rewrites the current entry
 * (`replace`); no change writes nothing.
 */
export function historyAction(before: UrlState, after: UrlState): 'push' | 'replace' | 'none' {
  if (before.area !== after.area) return 'push';
  if (
    before.lang !== after.lang ||
    before.metric !== after.metric ||
    serializeUrlState(before) !== serializeUrlState(after)
  )
    return 'replace';
  return 'none';
}
