/**
 * The issues overlay's part of the overlay state: the filters on issues and the replayed
 * month. The profile panel's figures follow the same filters (state/linked-filters.ts), so
 * these helpers are light: the shell and the panels use them without the overlay's layers.
 */
import {
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  VOCAB_KEY_PATTERN,
  type HandlingLevel,
  type IssueStatus,
  type VocabKey,
} from '../../../server/contract/vocabulary.ts';
import { MONTH, whole } from '../../../server/contract/patterns.ts';
import type { IssueFilter } from '../../../server/contract/overlays.ts';
import { routeQueryString } from '../../../server/contract/route.ts';
import type { DatasetFrame } from '../../dataset/frame.ts';

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

/** The issues overlay's fields of the overlay state. */
export interface IssuesSlice {
  issues: IssueFilterState;
}

/** The issue filters that filter nothing. */
export const NO_ISSUE_FILTER: IssueFilterState = {
  category: [],
  status: [],
  level: [],
  from: null,
  to: null,
  at: null,
};

const MONTH_RE = whole(MONTH);

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
export function withKnownCategories<S extends IssuesSlice>(state: S, known: readonly string[]): S {
  const category = state.issues.category.filter((c) => known.includes(c));
  return category.length === state.issues.category.length
    ? state
    : { ...state, issues: { ...state.issues, category } };
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

/** Adds or removes one key of an issue filter list. */
export function toggleIssueFilter<S extends IssuesSlice, K extends 'category' | 'status' | 'level'>(
  state: S,
  list: K,
  key: IssueFilterState[K][number],
  on: boolean,
): S {
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
