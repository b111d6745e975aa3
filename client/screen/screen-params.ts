/**
 * The big screen's address: `/?mode=screen` and its kiosk parameters, read once at start (a
 * wall is opened once and never touched). `tour=on|off|PQ01,PQ05`, `interval=20` (seconds per
 * 片区), `quiet=60` (seconds without input before the tour resumes), `panels=kpi,ticker,…`,
 * `basemap=tianditu-img` (an online basemap the server offers; default the offline one), plus
 * the dashboard's own `lang` and `ov` (overlays, default the issue counts).
 */
import type { DatasetFrame } from '../dataset/frame.ts';
import { isLang, DEFAULT_LANG, type Lang } from '../i18n/i18n.ts';
import { parseOverlayState } from '../layers/overlay-url.ts';
import type { OverlayState } from '../state/overlays.ts';
import { isAreaCode } from '../state/url-state.ts';
import { isBasemapChoice, type BasemapChoice } from '../map/online-basemap.ts';
import { parsePanels, type ScreenPanel } from './layout.ts';

/** The parameter and value that open the screen mode. */
export const SCREEN_MODE_PARAM = 'mode';
export const SCREEN_MODE = 'screen';

/** Whether an address (`location.search`) asks for the big screen. */
export function isScreenMode(search: string): boolean {
  return new URLSearchParams(search).get(SCREEN_MODE_PARAM) === SCREEN_MODE;
}

/** The screen's settings. */
export interface ScreenParams {
  lang: Lang;
  /** `off`: the zone stays in view; `all`: every 片区 in turn; or the listed 片区 codes. */
  tour: 'off' | 'all' | string[];
  /** Seconds each 片区 of the tour stays (default 20, 5..3600). */
  intervalS: number;
  /** Seconds without input before the tour resumes (default 60, 5..3600). */
  quietS: number;
  panels: ScreenPanel[];
  /** The map's overlays (default: the issue counts). */
  overlays: OverlayState;
  /** The basemap (default offline); an online one the server does not offer draws offline. */
  basemap: BasemapChoice;
}

function seconds(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 5 && n <= 3600 ? n : fallback;
}

/** Reads the screen's settings from a query string; bad values fall back to the defaults. */
export function parseScreenParams(search: string, frame: DatasetFrame): ScreenParams {
  const params = new URLSearchParams(search);
  const lang = params.get('lang');
  const tourParam = (params.get('tour') ?? 'on').trim();
  let tour: ScreenParams['tour'] = 'all';
  if (tourParam === 'off') tour = 'off';
  else if (tourParam !== 'on' && tourParam !== '') {
    const codes = [...new Set(tourParam.split(',').map((c) => c.trim()))].filter(isAreaCode);
    tour = codes.length > 0 ? codes : 'all';
  }
  if (!params.has('ov')) params.set('ov', 'issues');
  const basemap = params.get('basemap');
  return {
    lang: isLang(lang) ? lang : DEFAULT_LANG,
    tour,
    intervalS: seconds(params.get('interval'), 20),
    quietS: seconds(params.get('quiet'), 60),
    panels: parsePanels(params.get('panels')),
    overlays: parseOverlayState(params, frame),
    basemap: isBasemapChoice(basemap) ? basemap : 'offline',
  };
}
