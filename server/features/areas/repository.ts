import { readFileSync } from 'node:fs';
import type { Db, Queryable } from '../../db/db.ts';
import type {
  AreaCollection,
  AreaDetail,
  AreaLevel,
  AreaStats,
  CompoundType,
  IssueFilter,
  MapLevel,
  Street,
} from '../../contract/index.ts';
import { issueFilterParams } from '../issues/filter.ts';
import {
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
} from '../../contract/index.ts';

const sql = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const LIST_AREAS = sql('./list-areas.sql');
const AREA_DETAIL = sql('./area-detail.sql');
const AREA_STATS = sql('./area-stats.sql');
const AREA_FIGURES_REFRESH = sql('./area-figures-refresh.sql');

/** Advisory lock key that makes one server at a time recompute the area figures. */
const FIGURES_LOCK = 7107102;

/**
 * Recomputes the area figures for the current data versions (a no-op if another server just
 * did). Given the database, in a transaction of its own, under an advisory lock on PostgreSQL
 * so concurrent first reads after a change compute it once; the refresh statement runs after
 * the lock is taken, so it sees the figures a previous holder committed. Given an open
 * transaction, in it: only that transaction sees its own uncommitted writes.
 */
async function refreshFigures(db: Db | Queryable): Promise<void> {
  if ('transaction' in db) {
    await db.transaction(async (tx) => {
      if (db.backend === 'postgres')
        await tx.query('SELECT pg_advisory_xact_lock($1)', [FIGURES_LOCK]);
      await tx.query(AREA_FIGURES_REFRESH);
    });
  } else {
    await db.query(AREA_FIGURES_REFRESH);
  }
}

/**
 * Degrees per half screen pixel at a zoom (MapLibre's 512 px tiles): simplifying by this much
 * changes nothing a user can see, and cuts the 片区 outlines to a fraction at low zoom.
 */
export function simplifyToleranceDeg(zoom: number): number {
  return 360 / (512 * 2 ** zoom) / 2;
}

interface AreaRow {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  street: Street | null;
  compound_type: CompoundType | null;
  households: number;
  population: number;
  label_lon: number;
  label_lat: number;
  unresolved_issues: number;
  geometry: AreaCollection['features'][number]['geometry'];
}

/** Data access for areas: lists as GeoJSON, one area's detail and statistics. */
export function areasRepository(db: Db | Queryable) {
  return {
    async exists(code: string): Promise<boolean> {
      const rows = await db.query('SELECT 1 FROM area WHERE code = $1', [code]);
      return rows.length > 0;
    },

    async list(level: MapLevel, parent?: string, zoom?: number): Promise<AreaCollection> {
      const tolerance = zoom === undefined ? null : simplifyToleranceDeg(zoom);
      const rows = await db.query<AreaRow>(LIST_AREAS, [level, parent ?? null, tolerance]);
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.code,
          properties: {
            code: r.code,
            name: r.name,
            level: r.level,
            parentCode: r.parent_code,
            street: r.street,
            compoundType: r.compound_type,
            households: r.households,
            population: r.population,
            labelPoint: [r.label_lon, r.label_lat],
            unresolvedIssues: r.unresolved_issues,
          },
          geometry: r.geometry,
        })),
      };
    },

    async stats(code: string, filter: IssueFilter = {}): Promise<AreaStats> {
      const params = [
        code,
        ISSUE_CATEGORIES,
        ISSUE_STATUSES,
        DEPARTMENTS,
        HANDLING_LEVELS,
        ...issueFilterParams(filter),
      ];
      const read = async () =>
        (await db.query<{ fresh: boolean; stats: AreaStats }>(AREA_STATS, params))[0]!;
      // Figures are only ever served from the same snapshot that found them current. Stale
      // (a write since they were computed, or never computed): recompute and read again; a
      // write landing in between makes another round, a few at most.
      for (let attempt = 0; ; attempt++) {
        const row = await read();
        if (row.fresh) return row.stats;
        if (attempt === 3) throw new Error('area figures stayed stale through 3 refreshes');
        await refreshFigures(db);
      }
    },

    async detail(code: string, filter: IssueFilter = {}): Promise<AreaDetail | null> {
      const [row] = await db.query<{
        code: string;
        name: string;
        level: AreaLevel;
        street: Street | null;
        compound_type: CompoundType | null;
        bbox: AreaDetail['bbox'];
        chain: AreaDetail['chain'];
        children: AreaDetail['children'];
      }>(AREA_DETAIL, [code]);
      if (!row) return null;
      return {
        code: row.code,
        name: row.name,
        level: row.level,
        street: row.street,
        compoundType: row.compound_type,
        bbox: row.bbox,
        chain: row.chain,
        children: row.children,
        stats: await this.stats(code, filter),
      };
    },
  };
}

export type AreasRepository = ReturnType<typeof areasRepository>;
