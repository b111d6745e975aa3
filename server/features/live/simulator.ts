import type { Db } from '../../db/db.ts';
import { parseDuty } from '../staff/duty.ts';

/**
 * A realistic stream of changes for demos, the soak run and tests: new issues in 小区 picked
 * by households, issues moving along the real flow (reported → in progress → resolved, some
 * escalated 小区 → 社区 → 片区), micro activities, and staff posts moved or rescheduled. It
 * writes plain rows; the event triggers log them like any other write. Deterministic choices
 * for a given seed and starting data (ids and times are the database's).
 *
 * It keeps the data believable however fast it runs: new issues and activities stop once
 * today and this month (on the data set's clock) hold as many as the record's busiest day and
 * month, and issues are resolved only while more are open than when it started (less a few),
 * so the open count stays at its level. Status steps, escalations and staff moves carry the
 * stream between.
 */

/** mulberry32: small, seeded, and the same generator the demo data uses. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a step did, for the log. */
export type SimulatedAction =
  | 'issue.reported'
  | 'issue.progressed'
  | 'issue.resolved'
  | 'issue.escalated'
  | 'activity.held'
  | 'staff.changed'
  | 'none';

// Shares of each action, when all can run; see the caps above.
const ACTIONS: [SimulatedAction, number][] = [
  ['issue.reported', 38],
  ['issue.progressed', 22],
  ['issue.resolved', 24],
  ['issue.escalated', 6],
  ['activity.held', 7],
  ['staff.changed', 3],
];

const MICRO_KINDS: [string, string][] = [
  ['charity_market', '公益市集'],
  ['neighbour_social', '邻里联谊'],
  ['fun_contest', '趣味赛事'],
  ['performance', '文体汇演'],
  ['elder_birthday', '长者生日会'],
];

function pickWeighted<T>(items: readonly T[], weight: (t: T) => number, r: number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = r * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

/** How far below its starting level resolutions may take the open count. */
export const OPEN_BAND = 3;

/** The busiest local day and month of a dated table, and what today and this month hold. */
const LOAD_SQL = (table: string, day: string, where: string) => `
  WITH d AS (SELECT ${day} AS day FROM ${table} WHERE ${where}),
  today AS (SELECT zone_today() AS day)
  SELECT
    coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM d, today WHERE d.day < today.day
              GROUP BY d.day) AS x), 0)::int AS busiest_day,
    coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM d, today
              WHERE d.day < date_trunc('month', today.day)
              GROUP BY date_trunc('month', d.day)) AS x), 0)::int AS busiest_month,
    (SELECT count(*) FROM d, today WHERE d.day = today.day)::int AS today,
    (SELECT count(*) FROM d, today
      WHERE d.day >= date_trunc('month', today.day) AND d.day <= today.day)::int AS month`;

interface Load {
  busiest_day: number;
  busiest_month: number;
  today: number;
  month: number;
}

/** The caps the record sets on new rows of a dated table (read once, at the start). */
async function recordCaps(db: Db, table: string, day: string, where: string) {
  const sql = LOAD_SQL(table, day, where);
  const [caps] = await db.query<Load>(sql);
  return async (): Promise<boolean> => {
    const [now] = await db.query<Load>(sql);
    return now!.today < caps!.busiest_day && now!.month < caps!.busiest_month;
  };
}

/** One simulator over a database: `step()` makes one change. */
export async function createSimulator(db: Db, seed = 1) {
  const random = rng(seed);
  const openCount = async (): Promise<number> =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved'",
      )
    )[0]!.n;
  const openLevel = await openCount();
  const openAt = async (level: 'shequ' | 'pianqu'): Promise<number> =>
    (
      await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved' AND handling_level = $1",
        [level],
      )
    )[0]!.n;
  const openAtStart = { shequ: await openAt('shequ'), pianqu: await openAt('pianqu') };
  const mayReport = await recordCaps(
    db,
    'issue',
    'local_day(reported_at, (SELECT zone_tz()))',
    'true',
  );
  const mayHold = await recordCaps(db, 'activity', 'held_on', "scope = 'xiaoqu'");
  const xiaoqu = await db.query<{ code: string; name: string; households: number }>(
    `SELECT code, name, coalesce(households, 1)::int AS households
     FROM area WHERE level = 'xiaoqu' ORDER BY code`,
  );
  const categories = await db.query<{ category: string; n: number }>(
    'SELECT category, count(*)::int AS n FROM issue GROUP BY category ORDER BY category',
  );
  if (xiaoqu.length === 0) throw new Error('no 小区 in the database: load the data set first');
  let counter = 0;

  /** Updates the `offset`-th issue (by id) matching `where`, a fixed clause written here. */
  const updateNth = async (where: string, set: string): Promise<boolean> => {
    const rows = await db.query(
      `WITH pick AS (
         SELECT id FROM issue WHERE ${where} ORDER BY id
         OFFSET (SELECT floor($1::float8 * count(*))::int FROM issue WHERE ${where}) LIMIT 1
       )
       UPDATE issue SET ${set} FROM pick WHERE issue.id = pick.id RETURNING issue.id`,
      [random()],
    );
    return rows.length > 0;
  };

  const actions: Record<Exclude<SimulatedAction, 'none'>, () => Promise<boolean>> = {
    'issue.reported': async () => {
      if (!(await mayReport())) return false;
      const x = pickWeighted(xiaoqu, (q) => q.households, random());
      const category = pickWeighted(categories, (c) => c.n, random()).category;
      // max(id) + 1 under the lock every event writer takes: two simulators never collide.
      await db.transaction(async (tx) => {
        await tx.query('SELECT event_lock()');
        await tx.query(
          `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
           SELECT (SELECT coalesce(max(id), 0) + 1 FROM issue), $1, 'open', 'xiaoqu', now(), x.code,
                  ST_GeometryN(ST_GeneratePoints(x.geom, 1, $3::int), 1)
           FROM area x WHERE x.code = $2`,
          [category, x.code, Math.floor(random() * 2 ** 31)],
        );
      });
      return true;
    },
    'issue.progressed': () => updateNth("status = 'open'", "status = 'in_progress'"),
    'issue.resolved': async () =>
      (await openCount()) > openLevel - OPEN_BAND &&
      updateNth(
        "status IN ('in_progress', 'escalated')",
        // The demo's record runs to the end of its load day: an issue may be dated later today.
        "status = 'resolved', resolved_at = greatest(now(), reported_at)",
      ),
    'issue.escalated': async () =>
      // What a 社区 cannot solve goes up to its 片区 (提级协调); a 小区's goes to its 社区.
      // Each level holds about the share of open issues it held at the start: without the cap
      // a long run would send every open issue up to the 片区.
      random() < 0.5
        ? (await openAt('pianqu')) < openAtStart.pianqu + OPEN_BAND &&
          updateNth(
            "status <> 'resolved' AND handling_level = 'shequ'",
            "handling_level = 'pianqu', status = 'escalated'",
          )
        : (await openAt('shequ')) < openAtStart.shequ + OPEN_BAND &&
          updateNth(
            "status <> 'resolved' AND handling_level = 'xiaoqu'",
            "handling_level = 'shequ', status = 'in_progress'",
          ),
    'activity.held': async () => {
      if (!(await mayHold())) return false;
      const x = pickWeighted(xiaoqu, (q) => q.households, random());
      const [kind, label] = MICRO_KINDS[Math.floor(random() * MICRO_KINDS.length)]!;
      const attendance = 20 + Math.floor(random() * 180);
      counter += 1;
      await db.query(
        `INSERT INTO activity (code, scope, area_code, kind, title, held_on, attendance)
         VALUES ($1, 'xiaoqu', $2, $3, $4, zone_today(), $5)`,
        [`SIM${Date.now().toString(36)}${counter}`, x.code, kind, `${x.name}${label}`, attendance],
      );
      return true;
    },
    'staff.changed': async () => {
      // A post moves to another 小区 of the same 社区, or its hours change: counts stay put.
      const r = random();
      if (random() < 0.6) {
        const rows = await db.query(
          `WITH post AS (
             SELECT s.code, x.parent_code FROM staff s JOIN area x ON x.code = s.xiaoqu_code
             ORDER BY s.code OFFSET (SELECT floor($1::float8 * count(*))::int FROM staff) LIMIT 1
           ),
           target AS (
             SELECT y.code FROM area y, post
             WHERE y.parent_code = post.parent_code AND y.level = 'xiaoqu'
               AND y.code <> (SELECT xiaoqu_code FROM staff WHERE code = post.code)
             ORDER BY y.code LIMIT 1 OFFSET floor($2::float8 * 3)::int
           )
           UPDATE staff SET xiaoqu_code = target.code FROM post, target
           WHERE staff.code = post.code RETURNING staff.code`,
          [r, random()],
        );
        if (rows.length > 0) return true;
      }
      // Or the hours of a post that keeps to a fixed schedule change to another one.
      const schedules = ['周一至周五 08:30-17:30', '每日 08:00-20:00', '周末 09:00-18:00'];
      const [post] = await db.query<{ code: string; duty_schedule: string }>(
        `SELECT code, duty_schedule FROM staff WHERE NOT peak_only ORDER BY code
         OFFSET (SELECT floor($1::float8 * count(*))::int FROM staff WHERE NOT peak_only) LIMIT 1`,
        [r],
      );
      if (!post) return false;
      const others = schedules.filter((x) => x !== post.duty_schedule);
      const schedule = others[Math.floor(random() * others.length)]!;
      const duty = parseDuty(schedule);
      const rows = await db.query(
        `UPDATE staff SET duty_schedule = $2, duty_days = $3::smallint[], duty_start = $4,
                          duty_end = $5
         WHERE code = $1 RETURNING code`,
        [post.code, schedule, duty.days, duty.start, duty.end],
      );
      return rows.length > 0;
    },
  };

  return {
    /**
     * Makes one change: the drawn one, or when it cannot run (a cap reached, nothing to move)
     * the next in ACTIONS' order, so the stream goes on; 'none' when nothing could run.
     */
    async step(): Promise<SimulatedAction> {
      const [drawn] = pickWeighted(ACTIONS, ([, w]) => w, random());
      const first = ACTIONS.findIndex(([a]) => a === drawn);
      for (let k = 0; k < ACTIONS.length; k += 1) {
        const [action] = ACTIONS[(first + k) % ACTIONS.length]!;
        if (await actions[action as Exclude<SimulatedAction, 'none'>]()) return action;
      }
      return 'none';
    },
  };
}

/** Options of a simulation run. */
export interface SimulationOptions {
  /** Changes per second (default 2). */
  rate?: number;
  /** Seconds to run; 0 or undefined runs until `signal` aborts. */
  durationS?: number;
  seed?: number;
  signal?: AbortSignal;
  /** Called after each change. */
  onStep?: (action: SimulatedAction) => void;
}

/**
 * Runs the simulator at `rate` changes a second. Steps are timed against the start, so a slow
 * step is caught up rather than slowing the rate; a failed step (database down) is skipped.
 * Resolves with the number of changes made.
 */
export async function runSimulation(db: Db, options: SimulationOptions = {}): Promise<number> {
  const rate = options.rate ?? 2;
  if (!(rate > 0 && rate <= 1000)) throw new Error('rate must be between 0 and 1000 per second');
  const simulator = await createSimulator(db, options.seed ?? 1);
  const started = Date.now();
  const end = options.durationS ? started + options.durationS * 1000 : Infinity;
  let made = 0;
  for (let n = 0; !options.signal?.aborted; n += 1) {
    const due = started + (n * 1000) / rate;
    if (due >= end) break;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (options.signal?.aborted) break;
    try {
      const action = await simulator.step();
      if (action !== 'none') made += 1;
      options.onStep?.(action);
    } catch {
      // Database unreachable or a conflicting write: the next step tries again.
    }
  }
  return made;
}
