import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { LiveEvent, StreamReset } from '../../contract/index.ts';

const SQL = sqlQueries(new URL('./events.sql', import.meta.url), ['after', 'latestFrom', 'bounds']);

/** An event row as events.sql's `after` returns it. */
interface EventRow extends Omit<LiveEvent, 'position' | 'id'> {
  id: number | string;
  payload: Record<string, unknown>;
}

// The payload keys that may leave the server, by type; anything else in the payload stays in.
const STRING_KEYS = [
  'category',
  'status',
  'level',
  'previousStatus',
  'previousLevel',
  'activityKind',
  'activityScope',
  'activityTitle',
  'department',
  'staffChange',
  'fromXiaoquCode',
] as const;
const INTEGER_KEYS = ['issueId', 'attendance'] as const;

/** Turns a stored row into the contract's event: whitelisted payload, [lon, lat] position. */
export function toLiveEvent(row: EventRow): LiveEvent {
  const { payload, ...rest } = row;
  const event: Record<string, unknown> = { ...rest, id: Number(row.id) };
  for (const key of STRING_KEYS) {
    if (typeof payload[key] === 'string') event[key] = payload[key];
  }
  for (const key of INTEGER_KEYS) {
    if (typeof payload[key] === 'number') event[key] = payload[key];
  }
  const { lon, lat } = payload;
  event.position = typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
  return event as LiveEvent;
}

/** The event log (事件流): reads by id, the newest id, and where retention has pruned to. */
export function eventsRepository(db: Queryable) {
  return {
    /** Events after `after`, oldest first, at most `limit`. */
    async after(after: number, limit: number): Promise<LiveEvent[]> {
      const rows = await db.query<EventRow>(SQL.after, [after, limit]);
      return rows.map(toLiveEvent);
    },

    /** The latest `limit` events, oldest first. */
    async latest(limit: number): Promise<LiveEvent[]> {
      const [row] = await db.query<{ from: number }>(SQL.latestFrom, [limit]);
      return this.after(Number(row!.from), limit);
    },

    /**
     * The newest event id, and the highest id retention has pruned. The newest is never below
     * the pruned one, even when every event has aged out.
     */
    async bounds(): Promise<{ latest: number; prunedThrough: number }> {
      const [row] = await db.query<{ latest: number; pruned: number }>(SQL.bounds);
      return { latest: Number(row?.latest ?? 0), prunedThrough: Number(row?.pruned ?? 0) };
    },

    /**
     * Whether a client that has seen up to `after` can resume, or must refetch everything:
     * events after it were pruned (`expired`), or it comes from another database (`unknown`).
     */
    async resumable(after: number): Promise<{ reset: StreamReset | null; latest: number }> {
      const { latest, prunedThrough } = await this.bounds();
      if (after < prunedThrough)
        return { reset: { reason: 'expired', latestEventId: latest }, latest };
      if (after > latest) return { reset: { reason: 'unknown', latestEventId: latest }, latest };
      return { reset: null, latest };
    },
  };
}
export type EventsRepository = ReturnType<typeof eventsRepository>;
