/**
 * The demo's calendar: the committed record (geodata/) covers a fixed run of whole years; the
 * seed moves it so that it ends on the load day D, the zone's today. The record is treated as
 * periodic: every dated row moves by a whole number of periods (the record's length in years),
 * so it lands in (D − period, D] and every calendar month keeps its share (counts and
 * seasonality hold for any D). What was still open when the record ends keeps its age
 * relative to D. Pure: no clock, no database; the same D gives the same rows.
 *
 * Dates are `YYYY-MM-DD`, times local wall-clock `YYYY-MM-DDTHH:MM:SS` (the seed reads them in
 * the data set's time zone). Date.UTC serves only as a proleptic calendar.
 */

import { zoneToday } from '../contract/zone-time.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date `YYYY-MM-DD`. */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parts(date: string): [number, number, number] {
  if (!isDate(date.slice(0, 10))) throw new Error(`not a date: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const fmt = (t: Date): string =>
  `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

/** `date` plus `years`; 29 February becomes the 28th in a common year (it stays in February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  const day = m === 2 && d === 29 && !leap(y + years) ? 28 : d;
  return `${pad(y + years, 4)}-${pad(m)}-${pad(day)}${date.slice(10)}`;
}

/** `date` plus `days` (negative: earlier); a time after the date is kept. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return fmt(new Date(Date.UTC(y, m - 1, d) + days * DAY_MS)) + date.slice(10);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** The last day of the month of `date`. */
export function monthEnd(date: string): string {
  const [y, m] = parts(date);
  return fmt(new Date(Date.UTC(y, m, 0)));
}

/**
 * Years to add to the day `date` (a multiple of `period`) so that it lands in
 * (today − period years, today].
 */
export function shiftYears(date: string, today: string, period: number): number {
  const [y, m, d] = parts(date);
  const [ty, tm, td] = parts(today);
  // The most years that keep the date on or before today, then down to a whole period.
  const most = ty - y - (m * 100 + d > tm * 100 + td ? 1 : 0);
  return period * Math.floor(most / period);
}

/**
 * The load day: `pinned` (DEMO_TODAY, for runs that need a fixed date) or today in the zone.
 */
export function loadDay(timeZone: string, pinned?: string, now = new Date()): string {
  if (pinned === undefined || pinned === '') return zoneToday(timeZone, now);
  if (!isDate(pinned)) throw new Error(`DEMO_TODAY must be a date YYYY-MM-DD, not "${pinned}"`);
  return pinned;
}

/** The record being moved: its last day and its length in whole years. */
export interface RecordSpan {
  lastDay: string;
  years: number;
}

/**
 * The record's span from its first and last reported days: whole months from the first
 * month to the last, which must make whole years.
 */
export function recordSpan(firstDay: string, lastReportedDay: string): RecordSpan {
  const [fy, fm] = parts(firstDay);
  const [ly, lm] = parts(lastReportedDay);
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  if (months <= 0 || months % 12 !== 0) {
    throw new Error(`the demo record must cover whole years, not ${months} months`);
  }
  return { lastDay: monthEnd(lastReportedDay), years: months / 12 };
}

/** Small stable hash of a text, for choices that must not depend on the order of rows. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Moves whole rows of the record by their own date's shift. */
export interface Mover {
  today: string;
  /**
   * The zone's wall time of the load, `YYYY-MM-DDTHH:MM:SS`: no issue is reported or resolved
   * after it (the end of `today` when the load day is pinned).
   */
  now: string;
  span: RecordSpan;
  /** Years for the day `date`. */
  years(date: string): number;
  /** `date` (or a time) moved by its own day's shift. */
  move(date: string): string;
  /** Days between the record's end and today: how far what was open at the end moves. */
  backlogDays: number;
}

export function mover(today: string, span: RecordSpan, now = `${today}T23:59:59`): Mover {
  const years = (date: string) => shiftYears(date.slice(0, 10), today, span.years);
  return {
    today,
    now,
    span,
    years,
    move: (date) => addYears(date, years(date)),
    backlogDays: daysBetween(span.lastDay, today),
  };
}

/**
 * The later of two times of one row: a 29 February that became the 28th must not come
 * before the 28th it followed.
 */
const later = (a: string, b: string): string => (b < a ? a : b);

export type IssueStatus = 'open' | 'in_progress' | 'escalated' | 'resolved';

export interface IssueTimes {
  id: number;
  status: IssueStatus;
  handlingLevel: string;
  /** Local wall-clock times. */
  reportedAt: string;
  resolvedAt: string | null;
}

/**
 * An issue moves all its times together, by the shift of the day it was reported. If a
 * resolved one's resolution then falls after today it is not known yet, and the issue is
 * still being handled (waiting at the 片区 when handled there, new when reported today).
 * Issues tagged as legacy problems (`settled`: 历史遗留问题, whose resolution rate the article
 * gives) were solved by today instead: on today, at the hour they were. Open ones keep their
 * age: they move by the days from the record's end to today, so the backlog sits where it did.
 */
export function moveIssue(m: Mover, issue: IssueTimes, settled = false): IssueTimes {
  if (issue.resolvedAt === null) {
    const reportedAt = addDays(issue.reportedAt, m.backlogDays);
    // Later today than now: a day older, never in the future.
    return { ...issue, reportedAt: reportedAt > m.now ? addDays(reportedAt, -1) : reportedAt };
  }
  let years = m.years(issue.reportedAt);
  // Reported later today than now: it has not happened yet this period; it is the period
  // before's, on the window's first day.
  if (addYears(issue.reportedAt, years) > m.now) years -= m.span.years;
  const reportedAt = addYears(issue.reportedAt, years);
  const resolvedAt = later(reportedAt, addYears(issue.resolvedAt, years));
  if (resolvedAt <= m.now) return { ...issue, reportedAt, resolvedAt };
  if (settled) {
    const onToday = m.today + resolvedAt.slice(10);
    return {
      ...issue,
      reportedAt,
      resolvedAt: later(reportedAt, onToday < m.now ? onToday : m.now),
    };
  }
  const status: IssueStatus =
    issue.handlingLevel === 'pianqu'
      ? 'escalated'
      : reportedAt.slice(0, 10) === m.today
        ? 'open'
        : 'in_progress';
  return { ...issue, status, reportedAt, resolvedAt: null };
}

export interface ProjectDates {
  status: 'in_progress' | 'completed';
  claimedOn: string;
  completedOn: string | null;
}

/** A project moves by the shift of its claim; one completed after today is still in progress. */
export function moveProject(m: Mover, p: ProjectDates): ProjectDates {
  if (p.completedOn === null) {
    return { ...p, claimedOn: addDays(p.claimedOn, m.backlogDays) };
  }
  const years = m.years(p.claimedOn);
  const claimedOn = addYears(p.claimedOn, years);
  const completedOn = later(claimedOn, addYears(p.completedOn, years));
  return completedOn <= m.today
    ? { status: 'completed', claimedOn, completedOn }
    : { status: 'in_progress', claimedOn, completedOn: null };
}

/** A month `YYYY-MM` moves with its first day: the current month is in the record. */
export function moveMonth(m: Mover, month: string): string {
  return m.move(`${month}-01`).slice(0, 7);
}

export type AgendaStatus = 'pending' | 'in_progress' | 'done' | 'carried_over';

/**
 * The 议事清单 of a meeting, once moved: the items of each 片区's latest meeting are still
 * being worked on; older ones are settled, most done, some carried over. The item's code
 * picks, so the same D gives the same list.
 */
export function agendaStatus(code: string, status: AgendaStatus, latest: boolean): AgendaStatus {
  const open = status === 'pending' || status === 'in_progress';
  if (latest) return open ? status : hash(code) % 2 === 0 ? 'pending' : 'in_progress';
  if (!open) return status;
  return hash(code) % 12 === 0 ? 'carried_over' : 'done';
}
