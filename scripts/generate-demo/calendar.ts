/**
 * The data set's time frame. All times are local (China Standard Time, no daylight saving):
 * a time is minutes since 2023-12-01 00:00 +08:00, formatted with the +08:00 offset. The
 * calendar arithmetic borrows Date.UTC only as a proleptic calendar, never the clock.
 */
export const FIRST_DAY = '2023-12-01';
const EPOCH_MS = Date.UTC(2023, 11, 1);
const MS_PER_DAY = 86_400_000;
/**
 * "Today" for the data set: the last day anything is reported. The record is exactly three
 * years (36 whole months), so the seed can treat it as periodic and run it up to any load day
 * (server/db/demo-calendar.ts) without a gap.
 */
export const LAST_DAY = '2026-11-30';
/** The data set's "now", the evening of the last day. */
export const NOW_MINUTE = dayOf(LAST_DAY) * 1440 + 18 * 60;

export const DAY_COUNT = dayOf(LAST_DAY) + 1;

/** Day index (0 = 2023-12-01) of a YYYY-MM-DD date. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / MS_PER_DAY);
}

export interface CalendarDay {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function calendarDay(dayIndex: number): CalendarDay {
  const d = new Date(EPOCH_MS + dayIndex * MS_PER_DAY);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoDate(dayIndex: number): string {
  const c = calendarDay(dayIndex);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

export function isoDateTime(minute: number): string {
  const day = Math.floor(minute / 1440);
  const m = minute - day * 1440;
  return `${isoDate(day)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+08:00`;
}

/** The 36 months 2023-12 … 2026-11 as YYYY-MM. */
export function months(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 36; i++) {
    out.push(`${2023 + Math.floor((11 + i) / 12)}-${pad(((11 + i) % 12) + 1)}`);
  }
  return out;
}
