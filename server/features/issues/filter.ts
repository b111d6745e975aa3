import type { IssueFilter } from '../../contract/index.ts';

/**
 * The SQL parameters of the map's issue filters, in the order `issue_matches` takes them
 * (migration 004): categories, statuses, levels, from, to, at. Months become the first day.
 */
export function issueFilterParams(f: IssueFilter): unknown[] {
  const list = (v: string | undefined) => (v ? [...new Set(v.split(','))] : null);
  const month = (v: string | undefined) => (v ? `${v}-01` : null);
  return [list(f.category), list(f.status), list(f.level), month(f.from), month(f.to), month(f.at)];
}

/** A problem with a filter that the schema cannot see, or null. */
export function issueFilterProblem(f: IssueFilter): string | null {
  if (f.from && f.to && f.from > f.to) return `from (${f.from}) is after to (${f.to})`;
  return null;
}

/** The filters as a cache key: the same filters in any order or repetition give one key. */
export function issueFilterKey(f: IssueFilter): string {
  return JSON.stringify(
    issueFilterParams(f).map((v) => (Array.isArray(v) ? [...(v as string[])].sort() : v)),
  );
}
