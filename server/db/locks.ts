/**
 * The advisory locks of the application, each named once. They serialise writers across
 * several servers on one PostgreSQL; PGlite has one connection, so it needs none. The events'
 * lock (7107106) is taken inside SQL, by `event_lock()` of migration 006.
 */
import type { Backend, Queryable } from './db.ts';

export const LOCKS = {
  /** Two servers starting at once run the migrations one after the other. */
  migrate: 7107100,
  /** The demo's load at start. */
  seed: 7107101,
  /** The boundary version the planner builds on, and a plan applied over it. */
  boundaryVersion: 7107107,
  /** An import's write. */
  imports: 7107111,
} as const;

/** Takes a lock until the transaction ends (on PostgreSQL; a no-op on PGlite). */
export async function lockForTransaction(
  tx: Queryable,
  backend: Backend,
  lock: keyof typeof LOCKS,
): Promise<void> {
  if (backend === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS[lock]]);
}
