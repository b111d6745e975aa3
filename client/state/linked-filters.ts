/**
 * The linked views' filter logic, pure: the profile's charts and the map filter each other
 * through the URL state. A category bar sets the map's issue category filter; brushing the
 * monthly chart sets the months (the time window becomes that range); the window buttons set
 * 本月 / 本年 / 全部; one "clear filters" resets all of it but the selection.
 */
import type { VocabKey } from '../../server/contract/vocabulary.ts';
import { NO_ISSUE_FILTER, hasIssueFilter, orderCategories } from '../layers/issues/state.ts';
import { toggleOverlay } from './overlays.ts';
import { MAX_COMPARE, normalizeWindow, type TimeWindow, type UrlState } from './url-state.ts';

/**
 * Clicks a category bar: the map shows only that category (the issue overlay comes on if it was
 * off); clicking the only chosen category again clears it. With `additive` (Ctrl/Shift-click)
 * the category joins or leaves the chosen ones instead.
 */
export function toggleCategory(state: UrlState, category: VocabKey, additive = false): UrlState {
  const chosen = state.overlays.issues.category;
  let next: VocabKey[];
  if (additive) {
    const set = new Set(chosen);
    if (set.has(category)) set.delete(category);
    else set.add(category);
    // Vocabulary order, as the URL is read back: one state, one URL.
    next = orderCategories(set);
  } else {
    next = chosen.length === 1 && chosen[0] === category ? [] : [category];
  }
  const issues = { ...state.overlays.issues, category: next };
  let overlays = { ...state.overlays, issues };
  if (next.length > 0) overlays = toggleOverlay(overlays, 'issues', true);
  return { ...state, overlays };
}

/**
 * Sets the months of a brush on the monthly chart (`YYYY-MM`, inclusive, in either order): the
 * window becomes that range and the map shows issues reported then. `null` (a click without a
 * drag) clears the range back to all of time.
 */
export function brushMonths(state: UrlState, months: readonly [string, string] | null): UrlState {
  const [from, to] = months ? [...months].sort() : [null, null];
  const issues = { ...state.overlays.issues, from: from ?? null, to: to ?? null };
  return {
    ...state,
    timeWindow: months ? 'range' : 'all',
    overlays: { ...state.overlays, issues },
  };
}

/**
 * The months a brush covers on a band chart: those whose band's middle lies between the brush's
 * ends (`x0..x1` in the chart's pixels). `left(i)` is where band `i` starts; null when the brush
 * covers no band's middle.
 */
export function monthsInBrush(
  months: readonly string[],
  left: (index: number) => number,
  bandwidth: number,
  [x0, x1]: readonly [number, number],
): [string, string] | null {
  const [lo, hi] = x0 <= x1 ? [x0, x1] : [x1, x0];
  const inside = months.filter((_, i) => {
    const middle = left(i) + bandwidth / 2;
    return middle >= lo && middle <= hi;
  });
  return inside.length > 0 ? [inside[0]!, inside[inside.length - 1]!] : null;
}

/**
 * Chooses a time window from the panel header. 本月 and 本年 take their months from `now`
 * (`YYYY-MM`); 全部 clears the months; 自定义 keeps the months chosen so far, or starts from
 * `defaultRange` (the whole record) when there are none.
 */
export function setTimeWindow(
  state: UrlState,
  timeWindow: TimeWindow,
  now: string,
  defaultRange: readonly [string, string],
): UrlState {
  const f = state.overlays.issues;
  if (timeWindow === 'range') {
    if (f.from || f.to) return state.timeWindow === 'range' ? state : { ...state, timeWindow };
    return brushMonths(state, defaultRange);
  }
  const cleared = { ...f, from: null, to: null };
  return normalizeWindow(
    { ...state, timeWindow, overlays: { ...state.overlays, issues: cleared } },
    now,
  );
}

/** Sets one end of the chosen range (自定义), keeping the other. */
export function setRangeEnd(state: UrlState, end: 'from' | 'to', month: string): UrlState {
  const f = state.overlays.issues;
  const from = end === 'from' ? month : (f.from ?? month);
  const to = end === 'to' ? month : (f.to ?? month);
  return brushMonths(state, [from, to]);
}

/** Whether anything the linked views set, or the issue filters, narrows what is shown. */
export function hasLinkedFilters(state: UrlState): boolean {
  return state.timeWindow !== 'all' || hasIssueFilter(state.overlays.issues);
}

/**
 * "清除筛选": every issue filter, the replayed month and the time window back to their defaults.
 * The selection, the compare list, the overlays switched on and their sliders stay.
 */
export function clearLinkedFilters(state: UrlState): UrlState {
  if (!hasLinkedFilters(state)) return state;
  return {
    ...state,
    timeWindow: 'all',
    overlays: { ...state.overlays, issues: NO_ISSUE_FILTER },
  };
}

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/**
 * The time window of the profile and compare routes (`window=…[&from&to]`, without `?`).
 * 本月 and 本年 are sent by name (the server resolves them with its own clock); a range as the
 * first and last day of its months (`first` fills an open start). A replayed month (`at`)
 * ends the window there: the figures are counted as of that month.
 */
export function windowQuery(state: UrlState, first: string): string {
  const { from, to, at } = state.overlays.issues;
  if (at === null && state.timeWindow !== 'range') return `window=${state.timeWindow}`;
  let start = from ?? first;
  let end = to ?? at ?? first;
  if (state.timeWindow !== 'range') start = first;
  if (at !== null && (state.timeWindow === 'all' || at < end)) end = at;
  if (start > end) start = end;
  return `window=range&from=${start}-01&to=${monthEnd(end)}`;
}

/**
 * The query of `GET /api/areas/:code/profile` (and its CSV): the window, and the map's category,
 * status and level filters, which narrow the issue figures.
 */
export function profileQuery(state: UrlState, first: string): string {
  const f = state.overlays.issues;
  const params = new URLSearchParams();
  if (f.category.length > 0) params.set('category', f.category.join(','));
  if (f.status.length > 0) params.set('status', f.status.join(','));
  if (f.level.length > 0) params.set('level', f.level.join(','));
  const filters = params.toString().replace(/%2C/g, ',');
  return filters ? `${windowQuery(state, first)}&${filters}` : windowQuery(state, first);
}

/**
 * Puts an area into the compare list ("加入对比"). An area of another level than the list's
 * (`sameLevel` false) starts a new list; an area already there, or a full list, changes nothing.
 */
export function addToCompare(state: UrlState, code: string, sameLevel: boolean): UrlState {
  if (!sameLevel) return { ...state, compare: [code], compareOpen: false };
  if (state.compare.includes(code) || state.compare.length >= MAX_COMPARE) return state;
  return { ...state, compare: [...state.compare, code] };
}

/** Takes an area out of the compare list; the view closes when the list is empty. */
export function removeFromCompare(state: UrlState, code: string): UrlState {
  if (!state.compare.includes(code)) return state;
  const compare = state.compare.filter((c) => c !== code);
  return { ...state, compare, compareOpen: state.compareOpen && compare.length > 0 };
}

/** Opens or closes the compare view (open only with areas to compare). */
export function setCompareOpen(state: UrlState, open: boolean): UrlState {
  const compareOpen = open && state.compare.length > 0;
  return compareOpen === state.compareOpen ? state : { ...state, compareOpen };
}
