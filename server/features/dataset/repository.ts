import type { Db, Queryable } from '../../db/db.ts';
import type { Dataset, DatasetUpdate } from '../../contract/index.ts';
import { audit } from '../../auth/repository.ts';
import { zoneMinute, zoneToday } from '../../contract/zone-time.ts';
import { sqlFile } from '../../db/sql-files.ts';

const DATASET = sqlFile(new URL('./dataset.sql', import.meta.url));
const UPDATE = sqlFile(new URL('./update-dataset.sql', import.meta.url));
const VERSION_SOURCE = sqlFile(new URL('./version-source.sql', import.meta.url));

/** The data set's description and its clock (migration 015). */
export function datasetRepository(db: Db) {
  return {
    async describe(): Promise<Dataset> {
      const [row] = await db.query<Dataset>(DATASET);
      return row!;
    },

    /** The loaded data's version and source (none in an empty database), for the health check. */
    async versionAndSource(): Promise<{ version: string; source: string } | undefined> {
      const [row] = await db.query<{ version: string; source: string }>(VERSION_SOURCE);
      return row;
    },

    /**
     * Names the data set or sets its clock, in one transaction. The rollup's months are local
     * months, so a new time zone rebuilds it before the commit: no figure is ever read in one
     * clock and counted in another.
     */
    async update(change: DatasetUpdate, actor: string): Promise<{ timeZoneChanged: boolean }> {
      return db.transaction(async (tx) => {
        const before = await zoneTimeZone(tx);
        await tx.query(UPDATE, [change.name ?? null, change.timeZone ?? null]);
        const timeZoneChanged = change.timeZone !== undefined && change.timeZone !== before;
        if (timeZoneChanged) await tx.query('SELECT issue_rollup_rebuild()');
        await audit(tx, actor, 'dataset.update', 'dataset', change);
        return { timeZoneChanged };
      });
    },
  };
}

/** The data set's IANA time zone: what every local day and month is counted in. */
export async function zoneTimeZone(q: Queryable): Promise<string> {
  const [row] = await q.query<{ tz: string }>('SELECT zone_tz() AS tz');
  return row!.tz;
}

/** The zone's clock at an instant: its time zone, today and the minute, in local time. */
export interface ZoneClock {
  timeZone: string;
  /** `YYYY-MM-DD` */
  today: string;
  /** `YYYY-MM-DDTHH:MM` */
  minute: string;
}

/** Reads the data set's time zone and tells the zone's date and time now (or at `now`). */
export async function zoneClock(q: Queryable, now: Date = new Date()): Promise<ZoneClock> {
  const timeZone = await zoneTimeZone(q);
  return { timeZone, today: zoneToday(timeZone, now), minute: zoneMinute(timeZone, now) };
}
