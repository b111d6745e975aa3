import type { Queryable } from '../../db/db.ts';
import type { Coverage, Sites } from '../../contract/index.ts';
import { sqlFile } from '../../db/sql-files.ts';

const SITES = sqlFile(new URL('./sites.sql', import.meta.url));
const COVERAGE = sqlFile(new URL('./coverage.sql', import.meta.url));

/** 邻里之家 sites and their walking coverage. */
export function sitesRepository(db: Queryable) {
  return {
    async list(): Promise<Sites> {
      const rows = await db.query<Sites['features'][number]['properties']>(SITES);
      return {
        type: 'FeatureCollection',
        features: rows.map((properties) => ({
          type: 'Feature',
          id: properties.code,
          geometry: { type: 'Point', coordinates: properties.position },
          properties,
        })),
      };
    },

    /** 小区 whose households are farther than `distance` metres from every site. */
    async coverage(distance: number, area?: string): Promise<Coverage> {
      const rows = await db.query<{
        code: string;
        name: string;
        households: number;
        metres: number;
        site: string;
        lon: number;
        lat: number;
        uncovered: boolean;
      }>(COVERAGE, [distance, area ?? null]);
      const uncovered = rows.filter((r) => r.uncovered);
      return {
        distance,
        xiaoquTotal: rows.length,
        householdsTotal: rows.reduce((a, r) => a + r.households, 0),
        householdsUncovered: uncovered.reduce((a, r) => a + r.households, 0),
        uncovered: uncovered.map((r) => ({
          code: r.code,
          name: r.name,
          households: r.households,
          nearestSiteM: r.metres,
          nearestSite: r.site,
          position: [r.lon, r.lat],
        })),
      };
    },
  };
}
