/**
 * Writes a realistic stream of changes (new issues, status changes, escalations, activities,
 * staff moves) into the PostgreSQL at DATABASE_URL; every server on that database pushes them
 * to its screens. Deterministic choices for a given --seed.
 *
 *   DATABASE_URL=postgres://… npm run simulate -- --rate 5 --duration 600 --seed 7
 *
 * --rate changes per second (default 2), --duration seconds (default 60; 0 runs until Ctrl-C),
 * --seed (default 1). The embedded database (PGlite) belongs to one process: there, start the
 * server with SIMULATE_EVENTS=<rate> instead and it runs the same simulator inside.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/db.ts';
import { runSimulation, type SimulatedAction } from '../server/features/live/simulator.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
  },
});
const rate = Number(values.rate);
const durationS = Number(values.duration);
const seed = Number(values.seed);
if (!(rate > 0 && rate <= 1000))
  throw new Error(`--rate must be from 0 to 1000, got ${values.rate}`);
if (!(durationS >= 0)) throw new Error(`--duration must be seconds >= 0, got ${values.duration}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

const config = loadConfig();
if (!config.databaseUrl) {
  console.error(
    'simulate-events needs DATABASE_URL (PostgreSQL). The embedded database belongs to the server\n' +
      'process: start the server with SIMULATE_EVENTS=<changes per second> instead.',
  );
  process.exit(2);
}
const db = await openDb({ databaseUrl: config.databaseUrl });
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const counts = new Map<SimulatedAction, number>();
const started = Date.now();
const progress = setInterval(() => {
  const line = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s: ${line}`);
}, 10_000);
try {
  console.log(
    `simulating ${rate}/s for ${durationS ? `${durationS} s` : 'ever (Ctrl-C stops)'}, seed ${seed}`,
  );
  const made = await runSimulation(db, {
    rate,
    durationS,
    seed,
    signal: controller.signal,
    onStep: (action) => counts.set(action, (counts.get(action) ?? 0) + 1),
  });
  console.log(`made ${made} changes: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
} finally {
  clearInterval(progress);
  await db.close();
}
