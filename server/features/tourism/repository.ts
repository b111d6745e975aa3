import { readFileSync } from 'node:fs';
import type { Queryable } from '../../db/db.ts';
import type { Peak, TourismGrid, TourismPressure } from '../../contract/index.ts';
import { onDutySql } from '../staff/repository.ts';

// The duty test is shared with the staff feature; it is spliced in once, at load, from code.
const PEAK = readFileSync(new URL('./peak.sql', import.meta.url), 'utf8').replace(
  '/*ON_DUTY*/ true',
  onDutySql(4),
);

/** Visitors per hour around a 小区 from which it should run in peak mode (default). */
export const DEFAULT_PEAK_THRESHOLD = 3000;
/**
 * Visitors per hour one staff member on duty can cover; a peak-mode 小区 with more is short.
 * An illustrative planning figure, shown with the result so nobody mistakes it for a rule.
 */
export const VISITORS_PER_STAFF = 1500;

/** Tourist pressure by cell, month and hour, and which 小区 should switch to peak mode. */
export function tourismRepository(db: Queryable) {
  return {
    async grid(): Promise<TourismGrid> {
      return db.query(
        `SELECT cell_id AS "cellId",
                json_build_array(ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))) AS position,
                (ST_AsGeoJSON(ST_ExteriorRing(geom), 6)::json)->'coordinates' AS ring
         FROM tourism_cell ORDER BY cell_id`,
      );
    },

    async pressure(month: number, hour: number): Promise<TourismPressure> {
      const cells = await db.query<{ cellId: string; visitors: number }>(
        `SELECT cell_id AS "cellId", visitors FROM tourism_pressure
         WHERE month = $1 AND hour = $2 AND visitors > 0 ORDER BY cell_id`,
        [month, hour],
      );
      return { month, hour, max: Math.max(0, ...cells.map((c) => c.visitors)), cells };
    },

    /**
     * Peak mode per 小区 at a local time. Staff on duty (and so `short`) is given only for the
     * 小区 `withStaff` admits (the caller's scope), null for the others.
     */
    async peak(at: string, threshold: number, withStaff: (xiaoquCode: string) => boolean) {
      const month = Number(at.slice(5, 7));
      const hour = Number(at.slice(11, 13));
      const rows = await db.query<Omit<Peak['xiaoqu'][number], 'short'>>(PEAK, [
        month,
        hour,
        threshold,
        at,
      ]);
      return {
        threshold,
        visitorsPerStaff: VISITORS_PER_STAFF,
        xiaoqu: rows.map((r) => {
          const shown = withStaff(r.code);
          return {
            ...r,
            staffOnDuty: shown ? r.staffOnDuty : null,
            short: shown
              ? r.peakMode && (r.staffOnDuty ?? 0) * VISITORS_PER_STAFF < r.visitors
              : null,
          };
        }),
      };
    },
  };
}
