/**
 * The overlays' part of the URL state: which overlays are on, their opacity, the issue filters,
 * and the sliders (replayed month, walking distance, duty time, tourism month and hour, peak
 * threshold). Pure: parsed from and written to URLSearchParams, changed by small updaters.
 */
import {
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  VOCAB_KEY_PATTERN,
  type HandlingLevel,
  type IssueStatus,
  type VocabKey,
} from '../../server/contract/vocabulary.ts';
import { LOCAL_HOUR, MONTH, whole } from '../../server/contract/patterns.ts';
import type { IssueFilter } from '../../server/contract/overlays.ts';
import { routeQueryString } from '../../server/contract/route.ts';

/** The overlays of the layer panel, bottom to top as they are drawn. */
export const OVERLAYS = ['tourism', 'issues', 'sites', 'staff'] as const;
/** One overlay of the map. */
export type Overlay = (typeof OVERLAYS)[number];

/** Walking distances of the 邻里之家 coverage circles (5, 10, 15 minutes); 0: none drawn. */
export const WALK_DISTANCES = [0, 300, 500, 1000] as const;
/** A walking distance in metres, or 0 for no coverage circles. */
export type WalkDistance = (typeof WALK_DISTANCES)[number];

import { frameDutyAt, frameTourismTime, type DatasetFrame } from '../dataset/frame.ts';

/** Filters on issues as the UI holds them; empty lists and nulls filter nothing. */
export interface IssueFilterState {
  /** Keys of the vocabulary's categories (any a district added, too). */
  category: VocabKey[];
  status: IssueStatus[];
  level: HandlingLevel[];
  /** First reported month, `YYYY-MM`, or null. */
  from: string | null;
  /** Last reported month, `YYYY-MM`, or null. */
  to: string | null;
  /** Replayed month (issues reported by then, with their status then), or null for now. */
  at: string | null;
}

/** Everything the overlays need that a shared link must restore. */
export interface OverlayState {
  /** Overlays switched on (default none). */
  on: Overlay[];
  /** Opacity per overlay, 0.1..1 (default {@link DEFAULT_OPACITY}). */
  opacity: Record<Overlay, number>;
  issues: IssueFilterState;
  /** Radius of the coverage circles around 邻里之家 (default 500 m). */
  walk: WalkDistance;
  /** The time staff duty is checked at, `YYYY-MM-DDTHH:00` in the zone's clock (default now). */
  dutyAt: string;
  /** Tourism month 1..12 (default the zone's month). */
  month: number;
  /** Tourism hour 0..23 (default the zone's hour). */
  hour: number;
  /** Visitors per hour above which a 小区 should switch to peak mode (default 3000). */
  peakThreshold: number;
}

/** The opacity of an overlay the URL says nothing about. */
export const DEFAULT_OPACITY = 0.85;
export const DEFAULT_PEAK_THRESHOLD = 3000;

/** The issue filters that filter nothing. */
export const NO_ISSUE_FILTER: IssueFilterState = {
  category: [],
  status: [],
  level: [],
  from: null,
  to: null,
  at: null,
};

/**
 * The overlay state of a URL without overlay parameters: the sliders open on the zone's now
 * (the duty time on this hour, the tourism month and hour on this month and hour).
 */
export function initialOverlayState(frame: DatasetFrame): OverlayState {
  const tourism = frameTourismTime(frame);
  return {
    ...INITIAL_SWITCHES,
    dutyAt: frameDutyAt(frame),
    month: tourism.month,
    hour: tourism.hour,
  };
}

const INITIAL_SWITCHES = {
  on: [] as Overlay[],
  opacity: {
    tourism: DEFAULT_OPACITY,
    issues: DEFAULT_OPACITY,
    sites: DEFAULT_OPACITY,
    staff: DEFAULT_OPACITY,
  },
  issues: NO_ISSUE_FILTER,
  walk: 500 as WalkDistance,
  peakThreshold: DEFAULT_PEAK_THRESHOLD,
};

const MONTH_RE = whole(MONTH);
/** A duty time `YYYY-MM-DDTHH:00`. */
export const DUTY_RE = whole(LOCAL_HOUR);

/** Whether a string is a month `YYYY-MM` within the data set's record. */
export function isRecordMonth(value: unknown, frame: DatasetFrame): value is string {
  return (
    typeof value === 'string' &&
    MONTH_RE.test(value) &&
    value >= frame.firstMonth &&
    value <= frame.lastMonth
  );
}

/** The months from `first` to `last`: the replay slider's steps over the record. */
export function monthSteps(first: string, last: string): string[] {
  const steps: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return steps;
    steps.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** The month after `at` while playing the replay; after the last month it starts over. */
export function nextReplayMonth(at: string | null, frame: DatasetFrame): string {
  const steps = monthSteps(frame.firstMonth, frame.lastMonth);
  const i = at === null ? -1 : steps.indexOf(at);
  return steps[(i + 1) % steps.length]!;
}

const KEY = new RegExp(VOCAB_KEY_PATTERN);

/**
 * Categories in one order, so one state has one URL: the designed ones in their order, then
 * any other by key. Duplicates dropped.
 */
export function orderCategories(keys: Iterable<string>): VocabKey[] {
  const set = new Set(keys);
  const designed = ISSUE_CATEGORIES.filter((c) => set.has(c));
  const others = [...set].filter((k) => !(ISSUE_CATEGORIES as readonly string[]).includes(k));
  return [...designed, ...others.sort()];
}

/**
 * The categories of the URL, read before the vocabulary is known: any key-shaped value.
 * {@link withKnownCategories} drops those the vocabulary lacks once it has loaded.
 */
export function categoriesOf(value: string | null): VocabKey[] {
  return value ? orderCategories(value.split(',').filter((k) => KEY.test(k))) : [];
}

/** The state without the categories `known` lacks (a link from another data set); same object when none. */
export function withKnownCategories(state: OverlayState, known: readonly string[]): OverlayState {
  const category = state.issues.category.filter((c) => known.includes(c));
  return category.length === state.issues.category.length
    ? state
    : { ...state, issues: { ...state.issues, category } };
}

/** The keys of a comma-separated list that `vocabulary` has, in its order. */
export function listOf<T extends string>(value: string | null, vocabulary: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  // Vocabulary order, duplicates and unknown keys dropped: one state, one URL.
  return vocabulary.filter((key) => wanted.has(key));
}

/** An integer parameter within min..max, or the fallback. */
export function intIn(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}

export function isOverlay(value: string): value is Overlay {
  return (OVERLAYS as readonly string[]).includes(value);
}

/**
 * The issue filters as the API's query (cells, tiles, escalations and area statistics take the
 * same): lists comma-separated, unset filters left out.
 */
export function issueFilterParams(f: IssueFilterState): IssueFilter {
  const query: IssueFilter = {};
  if (f.category.length > 0) query.category = f.category.join(',');
  if (f.status.length > 0) query.status = f.status.join(',');
  if (f.level.length > 0) query.level = f.level.join(',');
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (f.at) query.at = f.at;
  return query;
}

/** The issue filters as a query string (without `?`); empty when nothing is filtered. */
export function issueFilterQuery(f: IssueFilterState): string {
  // Commas are safe in a query string and keep the URLs readable.
  return routeQueryString(issueFilterParams(f)).slice(1).replace(/%2C/g, ',');
}

/** Whether any issue filter (or the replay) is set: the statistics then show filtered figures. */
export function hasIssueFilter(f: IssueFilterState): boolean {
  return issueFilterQuery(f) !== '';
}

/** Switches an overlay on or off. */
export function toggleOverlay(state: OverlayState, overlay: Overlay, on: boolean): OverlayState {
  const set = new Set(state.on);
  if (on) set.add(overlay);
  else set.delete(overlay);
  return { ...state, on: OVERLAYS.filter((o) => set.has(o)) };
}

/** Adds or removes one key of an issue filter list. */
export function toggleIssueFilter<K extends 'category' | 'status' | 'level'>(
  state: OverlayState,
  list: K,
  key: IssueFilterState[K][number],
  on: boolean,
): OverlayState {
  const current = new Set<string>(state.issues[list]);
  if (on) current.add(key);
  else current.delete(key);
  const vocabulary = { status: ISSUE_STATUSES, level: HANDLING_LEVELS }[
    list as 'status' | 'level'
  ] as readonly string[] | undefined;
  const next = (
    vocabulary ? vocabulary.filter((k) => current.has(k)) : orderCategories(current)
  ) as IssueFilterState[K];
  return { ...state, issues: { ...state.issues, [list]: next } };
}

/** The duty time from a date (`YYYY-MM-DD`) and an hour. */
export function dutyTime(date: string, hour: number): string {
  return `${date}T${String(hour).padStart(2, '0')}:00`;
}

/**
 * The moment the peak-mode check uses: the tourism month and hour, on the day of the month of
 * the duty time (clamped to 28 so every month has it), in the duty time's year.
 */
export function peakTime(state: Pick<OverlayState, 'dutyAt' | 'month' | 'hour'>): string {
  const year = state.dutyAt.slice(0, 4);
  const day = Math.min(Number(state.dutyAt.slice(8, 10)), 28);
  const mm = String(state.month).padStart(2, '0');
  return dutyTime(`${year}-${mm}-${String(day).padStart(2, '0')}`, state.hour);
}
