import type { Queryable } from '../../db/db.ts';
import type { Peak, TourismGrid, TourismPressure } from '../../contract/index.ts';
import { onDutySql } from '../staff/repository.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), ['grid', 'pressure']);

// The duty test is shared with the staff feature; it is spliced in once, at load, from code.
const PEAK = sqlFile(new URL('./peak.sql', import.meta.url)).replace(
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
      const rows = await db.query<{
        cellId: string;
        position: [number, number];
        geometry: TourismGrid['features'][number]['geometry'];
      }>(SQL.grid);
      return {
        type: 'FeatureCollection',
        features: rows.map(({ cellId, position, geometry }) => ({
          type: 'Feature',
          id: cellId,
          geometry,
          properties: { cellId, position },
        })),
      };
    },

    async pressure(month: number, hour: number): Promise<TourismPressure> {
      const cells = await db.query<{ cellId: string; visitors: number }>(SQL.pressure, [
        month,
        hour,
      ]);
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
