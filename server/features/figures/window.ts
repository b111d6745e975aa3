import type { FigureWindow, FigureWindowKind } from '../../contract/index.ts';

function dateProblem(name: string, value: string): string | null {
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value
    ? `${name} ${value} is not a date that exists`
    : null;
}

/**
 * The dates a window covers, or the problem with it. `month` and `year` run from their first
 * day to today (the zone's clock, `zoneClock`); `all` is open at both ends; `range` needs `from`
 * and `to`. With no `window`, `from`/`to` mean a range and nothing means `all`.
 */
export function resolveWindow(
  q: { window?: FigureWindowKind; from?: string; to?: string },
  today: string,
): FigureWindow | { problem: string } {
  const kind = q.window ?? (q.from !== undefined || q.to !== undefined ? 'range' : 'all');
  if (kind !== 'range') {
    if (q.from !== undefined || q.to !== undefined) {
      return { problem: `from and to go with window=range, not window=${kind}` };
    }
    if (kind === 'month') return { kind, from: `${today.slice(0, 7)}-01`, to: today };
    if (kind === 'year') return { kind, from: `${today.slice(0, 4)}-01-01`, to: today };
    return { kind, from: null, to: null };
  }
  if (q.from === undefined || q.to === undefined) {
    return { problem: 'window=range needs both from and to (YYYY-MM-DD)' };
  }
  const problem = dateProblem('from', q.from) ?? dateProblem('to', q.to);
  if (problem) return { problem };
  if (q.from > q.to) return { problem: `from (${q.from}) is after to (${q.to})` };
  return { kind, from: q.from, to: q.to };
}

/** The months a window's small charts cover: at most `max`, the latest kept. */
export function seriesMonths(
  window: FigureWindow,
  firstDataMonth: string,
  today: string,
  max = 60,
): { from: string; to: string } {
  const from = (window.from ?? `${firstDataMonth}-01`).slice(0, 7);
  const to = (window.to ?? today).slice(0, 7);
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const start = Math.max(index(from), index(to) - max + 1);
  return { from: `${month(Math.min(start, index(to)))}-01`, to: `${to}-01` };
}

/** The last day of the month of a date `YYYY-MM-DD`. */
export function lastDayOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * Whether a window is whole months as far as the data goes: it starts on a first of the month
 * (or is open) and ends on a month's last day, or today or later (nothing is dated after now).
 * Such a window can be counted from monthly rollups.
 */
export function wholeMonths(w: { from: string | null; to: string | null }, today: string): boolean {
  return (
    (w.from === null || w.from.endsWith('-01')) &&
    (w.to === null || w.to >= today || w.to === lastDayOfMonth(w.to))
  );
}
