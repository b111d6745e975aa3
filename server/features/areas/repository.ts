import type { Db, Queryable } from '../../db/db.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';
import type {
  AreaCollection,
  AreaDetail,
  AreaLevel,
  CompoundType,
  MapLevel,
} from '../../contract/index.ts';

const LIST_AREAS = sqlFile(new URL('./list-areas.sql', import.meta.url));
const AREA_DETAIL = sqlFile(new URL('./area-detail.sql', import.meta.url));
const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), ['areaExists']);
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
  street: string | null;
  compound_type: CompoundType | null;
  households: number;
  population: number;
  label_lon: number;
  label_lat: number;
  unresolved_issues: number;
  geometry: AreaCollection['features'][number]['geometry'];
}

/** Data access for areas: lists as GeoJSON, one area's detail (its figures: features/figures). */
export function areasRepository(db: Db | Queryable) {
  return {
    async exists(code: string): Promise<boolean> {
      const rows = await db.query(SQL.areaExists, [code]);
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

    async detail(code: string): Promise<AreaDetail | null> {
      const [row] = await db.query<{
        code: string;
        name: string;
        level: AreaLevel;
        street: string | null;
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
      };
    },
  };
}

export type AreasRepository = ReturnType<typeof areasRepository>;
