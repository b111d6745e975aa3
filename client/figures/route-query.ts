/**
 * The query strings the URL state builds (`state/linked-filters.ts`: `window=range&from=…`,
 * `category=a,b`) as the query objects of the figure routes, so every call of a figures,
 * profile or compare route goes through its route object and is keyed by what it asks.
 */
import type { ProfileQuery } from '../../server/contract/index.ts';

/** `window=month&category=a,b` → `{ window: 'month', category: 'a,b' }`. */
export function profileQueryOf(query: string): ProfileQuery {
  return Object.fromEntries(new URLSearchParams(query)) as ProfileQuery;
}

/** The query without its category filter (what the category chart's other bars need). */
export function withoutCategory(query: ProfileQuery): ProfileQuery {
  const { category: _category, ...rest } = query;
  return rest;
}

/** The query of the whole record (`window=all`) under the same issue filters. */
export function wholeRecord(query: ProfileQuery): ProfileQuery {
  const { window: _window, from: _from, to: _to, ...filters } = query;
  return { window: 'all', ...filters };
}
