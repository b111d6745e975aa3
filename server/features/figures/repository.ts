import type { Queryable } from '../../db/db.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';
import {
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  type AreaFigures,
  type AreaRef,
  type FigureWindow,
  type ProfileMonth,
} from '../../contract/index.ts';
import { zoneClock, type ZoneClock } from '../dataset/repository.ts';
import { seriesMonths, wholeMonths } from './window.ts';

const FIGURES = sqlFile(new URL('./figures.sql', import.meta.url));
const SERIES = sqlFile(new URL('./series.sql', import.meta.url));
const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'firstDataMonth',
  'areasByCode',
  'areaExists',
  'childrenOf',
]);

/** The map's issue filters as SQL arrays (null = no filter). */
export interface IssueLists {
  categories: string[] | null;
  statuses: string[] | null;
  levels: string[] | null;
}

export const NO_FILTER: IssueLists = { categories: null, statuses: null, levels: null };

/** The issue filters of a query string (`category`, `status`, `level`, comma-separated). */
export function issueLists(q: { category?: string; status?: string; level?: string }): IssueLists {
  const list = (v: string | undefined) => (v ? [...new Set(v.split(','))] : null);
  return { categories: list(q.category), statuses: list(q.status), levels: list(q.level) };
}

/** Whether any issue filter is set. */
export const isFiltered = (f: IssueLists) =>
  f.categories !== null || f.statuses !== null || f.levels !== null;

/**
 * The figures engine: every figure of every area, for any set of areas, window and issue
 * filters, in one statement (figures.sql); the monthly series with the same definitions
 * (series.sql). Every route that shows a figure reads it here.
 */
export function figuresRepository(db: Queryable) {
  let firstMonth: string | null = null;
  /** The first month with an issue: where an open window's charts begin. */
  async function firstDataMonth(today: string): Promise<string> {
    if (firstMonth) return firstMonth;
    const [row] = await db.query<{ m: string | null }>(SQL.firstDataMonth);
    // Not remembered while there are no issues: the first import sets it.
    if (row?.m) firstMonth = row.m;
    return row?.m ?? today.slice(0, 7);
  }

  return {
    /** Who the areas of `codes` are, those that exist (unknown codes are missing). */
    async areas(codes: readonly string[]): Promise<Map<string, AreaRef>> {
      const rows = await db.query<AreaRef>(SQL.areasByCode, [codes]);
      return new Map(rows.map((r) => [r.code, r]));
    },

    /** The children of an area, by code; null when there is no such area. */
    async children(code: string): Promise<AreaRef[] | null> {
      const [parent] = await db.query(SQL.areaExists, [code]);
      if (!parent) return null;
      return db.query<AreaRef>(SQL.childrenOf, [code]);
    },

    /**
     * The figures of each area in `codes` that exists (unknown codes are missing). `clock` is
     * the caller's reading of the zone's clock, when it has one (a route resolved its window
     * with it); else it is read here.
     */
    async figures(
      codes: readonly string[],
      window: FigureWindow,
      filters: IssueLists = NO_FILTER,
      clock?: ZoneClock,
    ): Promise<Map<string, AreaFigures>> {
      if (codes.length === 0) return new Map();
      clock ??= await zoneClock(db);
      const rows = await db.query<{ code: string; figures: AreaFigures }>(FIGURES, [
        codes,
        ...windowParams(window, filters, clock),
        wholeMonths(window, clock.today),
      ]);
      return new Map(rows.map((r) => [r.code, r.figures]));
    },

    /** Monthly series of each area (at most 60 months, the latest kept). */
    async series(
      codes: readonly string[],
      window: FigureWindow,
      filters: IssueLists,
      clock: ZoneClock,
    ): Promise<Map<string, ProfileMonth[]>> {
      if (codes.length === 0) return new Map();
      const { today } = clock;
      const months = seriesMonths(window, await firstDataMonth(today), today);
      const rows = await db.query<{ code: string; series: ProfileMonth[] }>(SERIES, [
        codes,
        months.from,
        months.to,
        ...windowParams(window, filters, clock),
        wholeMonths(window, today),
      ]);
      return new Map(rows.map((r) => [r.code, r.series]));
    },
  };
}

/**
 * The window, the issue filters and the time zone, in the order figures.sql and series.sql
 * read them (their $2..$7 and $4..$9).
 */
function windowParams(window: FigureWindow, filters: IssueLists, clock: ZoneClock): unknown[] {
  return [
    window.from,
    window.to,
    filters.categories,
    filters.statuses,
    filters.levels,
    clock.timeZone,
  ];
}

/**
 * The figures of an area with nothing in it, every count zero: the default vocabulary's keys
 * (the screen's stand-in before the zone exists; areas that exist list the rows' keys).
 */
export function emptyFigures(): AreaFigures {
  return {
    pianqu: 0,
    shequ: 0,
    xiaoqu: 0,
    partyBranches: 0,
    households: 0,
    population: 0,
    sites: 0,
    workers: 0,
    staff: 0,
    staffByDepartment: DEPARTMENTS.map((department) => ({ department, count: 0 })),
    issues: {
      total: 0,
      resolved: 0,
      unresolved: 0,
      resolutionRate: null,
      resolvedInWindow: 0,
      escalated: 0,
      escalatedResolved: 0,
      escalatedOpen: 0,
      legacy: 0,
      legacyResolved: 0,
      legacyRate: null,
      crossShequDisputes: 0,
      crossShequMediated: 0,
      perWorker: null,
      byCategory: ISSUE_CATEGORIES.map((category) => ({ category, total: 0, resolved: 0 })),
      byStatus: ISSUE_STATUSES.map((status) => ({ status, count: 0 })),
      byHandlingLevel: HANDLING_LEVELS.map((level) => ({ level, total: 0, resolved: 0 })),
    },
    microActivities: 0,
    microAttendance: 0,
    pianquActivities: 0,
    pianquAttendance: 0,
    attendance: 0,
    projects: 0,
    projectsCompleted: 0,
    credits: { earned: 0, exchanged: 0, participants: 0 },
  };
}
