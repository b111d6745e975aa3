import type { Queryable } from '../../db/db.ts';
import type { IssueDetail } from '../../contract/index.ts';
import { zoneLocalIso } from '../../contract/zone-time.ts';

/** Data access for single issues. List and map endpoints never read `issue_reporter`. */
export function issuesRepository(db: Queryable) {
  return {
    async byId(id: number): Promise<Omit<IssueDetail, 'reporter'> | null> {
      const [found] = await db.query<Omit<IssueDetail, 'reporter'> & { timeZone: string }>(
        `SELECT i.id, i.category, i.status, i.handling_level AS "handlingLevel", zone_tz() AS "timeZone",
                i.reported_at AS "reportedAt", i.resolved_at AS "resolvedAt",
                i.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
                json_build_array(ST_X(i.geom), ST_Y(i.geom)) AS position
         FROM issue i JOIN area x ON x.code = i.xiaoqu_code
         WHERE i.id = $1`,
        [id],
      );
      if (!found) return null;
      // Each instant in the zone's clock, with the offset it had then.
      const { timeZone, ...row } = found;
      const local = (t: unknown) =>
        t === null ? null : zoneLocalIso(timeZone, new Date(t as string | Date));
      return { ...row, reportedAt: local(row.reportedAt)!, resolvedAt: local(row.resolvedAt) };
    },

    async reporter(id: number): Promise<IssueDetail['reporter']> {
      const [row] = await db.query<{ name: string; phone: string | null }>(
        'SELECT reporter_name AS name, reporter_phone AS phone FROM issue_reporter WHERE issue_id = $1',
        [id],
      );
      return row ?? null;
    },
  };
}
