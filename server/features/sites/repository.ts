import { readFileSync } from 'node:fs';
import type { Queryable } from '../../db/db.ts';
import type { Coverage, Sites } from '../../contract/index.ts';

const COVERAGE = readFileSync(new URL('./coverage.sql', import.meta.url), 'utf8');

/** 邻里之家 sites and their walking coverage. */
export function sitesRepository(db: Queryable) {
  return {
    async list(): Promise<Sites> {
      return db.query(
        `SELECT s.code, s.name, s.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
                s.room_kind AS "roomKind", to_json(s.services) AS services,
                s.opening_hours AS "openingHours", s.floor_area_m2 AS "floorAreaM2",
                json_build_array(ST_X(s.geom), ST_Y(s.geom)) AS position
         FROM site s JOIN area x ON x.code = s.xiaoqu_code
         ORDER BY s.code`,
      );
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
