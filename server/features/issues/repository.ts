import type { Queryable } from '../../db/db.ts';
import type { IssueDetail } from '../../contract/index.ts';
import { zoneLocalIso } from '../../contract/zone-time.ts';
import { sqlQueries } from '../../db/sql-files.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), ['byId', 'reporter']);

/** Data access for single issues. List and map endpoints never read `issue_reporter`. */
export function issuesRepository(db: Queryable) {
  return {
    async byId(id: number): Promise<Omit<IssueDetail, 'reporter'> | null> {
      const [found] = await db.query<Omit<IssueDetail, 'reporter'> & { timeZone: string }>(
        SQL.byId,
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
      const [row] = await db.query<{ name: string; phone: string | null }>(SQL.reporter, [id]);
      return row ?? null;
    },
  };
}
