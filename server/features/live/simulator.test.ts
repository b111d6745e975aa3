import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { openScratchDb } from '../../../tests/support/test-db.ts';
import { createSimulator, type SimulatedAction } from './simulator.ts';

const STEPS = 60;

/** Runs the simulator on a database; returns what it did and what it logged. */
async function simulate(db: Db, seed: number) {
  const [{ before }] = (await db.query<{ before: number }>(
    'SELECT coalesce(max(id), 0)::int8 AS before FROM event',
  )) as [{ before: number }];
  const simulator = await createSimulator(db, seed);
  const actions: SimulatedAction[] = [];
  for (let i = 0; i < STEPS; i += 1) actions.push(await simulator.step());
  const events = await db.query<{ kind: string; xiaoqu_code: string | null; payload: unknown }>(
    'SELECT kind, xiaoqu_code, payload FROM event WHERE id > $1 ORDER BY id',
    [before],
  );
  return { actions, events };
}

describe('the event simulator', () => {
  let one: Db;
  let two: Db;
  beforeAll(async () => {
    one = await openScratchDb();
    two = await openScratchDb();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('does the same with the same seed on the same data, and logs one event per change', async () => {
    const a = await simulate(one, 42);
    const b = await simulate(two, 42);
    expect(b.actions).toEqual(a.actions);
    // The same kinds, places and payloads (times and ids are the database's).
    expect(b.events).toEqual(a.events);
    const made = a.actions.filter((x) => x !== 'none').length;
    expect(a.events).toHaveLength(made);
    // A realistic mix: mostly issues along their flow, some activities or staff changes.
    expect(a.actions.filter((x) => x === 'issue.reported').length).toBeGreaterThan(5);
    expect(a.actions.filter((x) => x === 'issue.resolved').length).toBeGreaterThan(5);
  });

  it('moves issues only along the real flow and keeps the data valid', async () => {
    await simulate(one, 7);
    const bad = await one.query(
      `SELECT id FROM issue
       WHERE (status = 'escalated' AND handling_level <> 'pianqu')
          OR (status = 'resolved') <> (resolved_at IS NOT NULL)`,
    );
    expect(bad).toEqual([]);
    // Staff duty columns follow the schedule text the simulator wrote.
    const staff = await one.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM staff WHERE duty_schedule = '周末 09:00-18:00' AND NOT (duty_days = '{6,7}' AND duty_start = 540 AND duty_end = 1080)",
    );
    expect(staff[0]!.n).toBe(0);
  });
});
