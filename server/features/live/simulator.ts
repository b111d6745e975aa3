import type { Db } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { parseDuty } from '../staff/duty.ts';

const SQL = sqlQueries(new URL('./simulator.sql', import.meta.url), [
  'openCount',
  'openAt',
  'load',
  'xiaoqu',
  'categories',
  'eventLock',
  'reportIssue',
  'progressIssue',
  'resolveIssue',
  'escalate',
  'holdActivity',
  'movePost',
  'fixedPost',
  'changeHours',
]);

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

interface Load {
  busiest_day: number;
  busiest_month: number;
  today: number;
  month: number;
}

/**
 * The caps the record sets on new rows of a dated table (read once, at the start): its
 * busiest local day and month, against what today and this month hold.
 */
async function recordCaps(db: Db, table: 'issue' | 'activity') {
  const [caps] = await db.query<Load>(SQL.load, [table]);
  return async (): Promise<boolean> => {
    const [now] = await db.query<Load>(SQL.load, [table]);
    return now!.today < caps!.busiest_day && now!.month < caps!.busiest_month;
  };
}

/** One simulator over a database: `step()` makes one change. */
export async function createSimulator(db: Db, seed = 1) {
  const random = rng(seed);
  const openCount = async (): Promise<number> =>
    (await db.query<{ n: number }>(SQL.openCount))[0]!.n;
  const openLevel = await openCount();
  const openAt = async (level: 'shequ' | 'pianqu'): Promise<number> =>
    (await db.query<{ n: number }>(SQL.openAt, [level]))[0]!.n;
  const openAtStart = { shequ: await openAt('shequ'), pianqu: await openAt('pianqu') };
  const mayReport = await recordCaps(db, 'issue');
  const mayHold = await recordCaps(db, 'activity');
  const xiaoqu = await db.query<{ code: string; name: string; households: number }>(SQL.xiaoqu);
  const categories = await db.query<{ category: string; n: number }>(SQL.categories);
  if (xiaoqu.length === 0) throw new Error('no 小区 in the database: load the data set first');
  let counter = 0;

  /** Runs one of the issue updates that pick their issue by a random share (simulator.sql). */
  const updatePicked = async (sql: string, params: unknown[] = []): Promise<boolean> =>
    (await db.query(sql, [random(), ...params])).length > 0;

  const actions: Record<Exclude<SimulatedAction, 'none'>, () => Promise<boolean>> = {
    'issue.reported': async () => {
      if (!(await mayReport())) return false;
      const x = pickWeighted(xiaoqu, (q) => q.households, random());
      const category = pickWeighted(categories, (c) => c.n, random()).category;
      // max(id) + 1 under the lock every event writer takes: two simulators never collide.
      await db.transaction(async (tx) => {
        await tx.query(SQL.eventLock);
        await tx.query(SQL.reportIssue, [category, x.code, Math.floor(random() * 2 ** 31)]);
      });
      return true;
    },
    'issue.progressed': () => updatePicked(SQL.progressIssue),
    'issue.resolved': async () =>
      (await openCount()) > openLevel - OPEN_BAND && updatePicked(SQL.resolveIssue),
    'issue.escalated': async () =>
      // What a 社区 cannot solve goes up to its 片区 (提级协调); a 小区's goes to its 社区.
      // Each level holds about the share of open issues it held at the start: without the cap
      // a long run would send every open issue up to the 片区.
      random() < 0.5
        ? (await openAt('pianqu')) < openAtStart.pianqu + OPEN_BAND &&
          updatePicked(SQL.escalate, ['shequ', 'pianqu', 'escalated'])
        : (await openAt('shequ')) < openAtStart.shequ + OPEN_BAND &&
          updatePicked(SQL.escalate, ['xiaoqu', 'shequ', 'in_progress']),
    'activity.held': async () => {
      if (!(await mayHold())) return false;
      const x = pickWeighted(xiaoqu, (q) => q.households, random());
      const [kind, label] = MICRO_KINDS[Math.floor(random() * MICRO_KINDS.length)]!;
      const attendance = 20 + Math.floor(random() * 180);
      counter += 1;
      await db.query(SQL.holdActivity, [
        `SIM${Date.now().toString(36)}${counter}`,
        x.code,
        kind,
        `${x.name}${label}`,
        attendance,
      ]);
      return true;
    },
    'staff.changed': async () => {
      // A post moves to another 小区 of the same 社区, or its hours change: counts stay put.
      const r = random();
      if (random() < 0.6) {
        const rows = await db.query(SQL.movePost, [r, random()]);
        if (rows.length > 0) return true;
      }
      // Or the hours of a post that keeps to a fixed schedule change to another one.
      const schedules = ['周一至周五 08:30-17:30', '每日 08:00-20:00', '周末 09:00-18:00'];
      const [post] = await db.query<{ code: string; duty_schedule: string }>(SQL.fixedPost, [r]);
      if (!post) return false;
      const others = schedules.filter((x) => x !== post.duty_schedule);
      const schedule = others[Math.floor(random() * others.length)]!;
      const duty = parseDuty(schedule);
      const rows = await db.query(SQL.changeHours, [
        post.code,
        schedule,
        duty.days,
        duty.start,
        duty.end,
      ]);
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
