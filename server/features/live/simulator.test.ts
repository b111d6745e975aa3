import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.ts';
import { addDays } from '../../db/demo-calendar.ts';
import { zoneToday } from '../../contract/zone-time.ts';
import { readDatasetFile } from '../../db/seed.ts';
import { openScratchDb, openSeededDb } from '../../../tests/support/test-db.ts';
import { OPEN_BAND, createSimulator, type SimulatedAction } from './simulator.ts';

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
    // A record that ended weeks ago: today and this month hold none of it, so the caps the
    // record sets on new issues leave room for the whole mix.
    const ended = addDays(zoneToday((await readDatasetFile()).timeZone), -45);
    one = await openSeededDb(ended);
    two = await openSeededDb(ended);
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

  it('keeps the open count at its level and new rows within the record, however long it runs', async () => {
    const db = await openScratchDb();
    try {
      // Counted here without the simulator's SQL: local days on the data set's clock.
      const load = async (table: string, day: string, where: string) =>
        (
          await db.query<{
            busiest_day: number;
            busiest_month: number;
            today: number;
            month: number;
          }>(
            `WITH t AS (SELECT (now() AT TIME ZONE time_zone)::date AS today FROM dataset),
                  d AS (SELECT ${day} AS day FROM ${table}, dataset WHERE ${where})
             SELECT
               (SELECT max(n) FROM (SELECT count(*) AS n FROM d, t WHERE d.day < t.today
                 GROUP BY d.day) x)::int AS busiest_day,
               (SELECT max(n) FROM (SELECT count(*) AS n FROM d, t
                 WHERE d.day < date_trunc('month', t.today) GROUP BY date_trunc('month', d.day)) x)::int
                 AS busiest_month,
               (SELECT count(*) FROM d, t WHERE d.day = t.today)::int AS today,
               (SELECT count(*) FROM d, t
                 WHERE date_trunc('month', d.day) = date_trunc('month', t.today))::int AS month`,
          )
        )[0]!;
      const issues = () =>
        load('issue', '(reported_at AT TIME ZONE dataset.time_zone)::date', 'true');
      const activities = () => load('activity', 'held_on', "scope = 'xiaoqu'");
      const open = async () =>
        (
          await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM issue WHERE resolved_at IS NULL',
          )
        )[0]!.n;
      const [levels0] = await db.query<{ pianqu: number; shequ: number }>(
        `SELECT count(*) FILTER (WHERE handling_level = 'pianqu')::int AS pianqu,
                count(*) FILTER (WHERE handling_level = 'shequ')::int AS shequ
           FROM issue WHERE resolved_at IS NULL`,
      );
      const before = {
        open: await open(),
        issues: await issues(),
        activities: await activities(),
        levels: levels0!,
      };
      const simulator = await createSimulator(db, 11);
      const actions: SimulatedAction[] = [];
      for (let i = 0; i < 400; i += 1) actions.push(await simulator.step());
      const after = { open: await open(), issues: await issues(), activities: await activities() };

      const reported = actions.filter((a) => a === 'issue.reported').length;
      expect(after.issues.today - before.issues.today).toBe(reported);
      // Never beyond the record's busiest day and month (unless the load already was).
      expect(after.issues.today).toBeLessThanOrEqual(
        Math.max(before.issues.busiest_day, before.issues.today),
      );
      expect(after.issues.month).toBeLessThanOrEqual(
        Math.max(before.issues.busiest_month, before.issues.month),
      );
      expect(after.activities.today).toBeLessThanOrEqual(
        Math.max(before.activities.busiest_day, before.activities.today),
      );
      expect(after.activities.month).toBeLessThanOrEqual(
        Math.max(before.activities.busiest_month, before.activities.month),
      );
      // Escalations keep each level's share: the 片区 does not end up with every open issue.
      const [levels] = await db.query<{ pianqu: number; shequ: number }>(
        `SELECT count(*) FILTER (WHERE handling_level = 'pianqu')::int AS pianqu,
                count(*) FILTER (WHERE handling_level = 'shequ')::int AS shequ
           FROM issue WHERE resolved_at IS NULL`,
      );
      expect(levels!.pianqu).toBeLessThanOrEqual(before.levels.pianqu + OPEN_BAND);
      expect(levels!.shequ).toBeLessThanOrEqual(before.levels.shequ + OPEN_BAND);
      // Resolutions follow the reports: the open count ends near where it began.
      expect(after.open).toBeGreaterThanOrEqual(before.open - OPEN_BAND);
      expect(after.open).toBeLessThanOrEqual(before.open + reported);
      // And the stream goes on: nearly every step changed something.
      expect(actions.filter((a) => a === 'none').length).toBeLessThan(actions.length / 10);
    } finally {
      await db.close();
    }
  });
});
