import type { Queryable } from '../../db/db.ts';
import type { MapLevel } from '../../contract/index.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { MultiPolygonCoords } from './geometry.ts';
import type { TableArea } from './table.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'areasOfLevel',
  'boundaries',
  'sites',
]);

/** A 邻里之家 as the point export writes it. */
export interface SiteRow {
  code: string;
  name: string;
  xiaoquCode: string;
  xiaoquName: string;
  roomKind: string;
  services: string;
  openingHours: string;
  floorAreaM2: number;
  lon: number;
  lat: number;
}

/** What the exports read besides the figures engine: areas, their outlines, the sites. */
export function exportsRepository(db: Queryable) {
  return {
    areas: (level: MapLevel) => db.query<TableArea>(SQL.areasOfLevel, [level]),

    /** Each area's full-detail outline, by code. */
    async boundaries(level: MapLevel): Promise<Map<string, MultiPolygonCoords>> {
      const rows = await db.query<{ code: string; geometry: { coordinates: MultiPolygonCoords } }>(
        SQL.boundaries,
        [level],
      );
      return new Map(rows.map((r) => [r.code, r.geometry.coordinates]));
    },

    sites: () => db.query<SiteRow>(SQL.sites),
  };
}
