/**
 * The measuring instruments of `npm run bench` (index.ts): timings, CPU readings, the server in
 * a process of its own, and autocannon over a list of addresses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { latOfTileY, tileOf } from '../../server/contract/web-mercator.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One measurement, as printed and written to results.json. */
export interface Row {
  section: string;
  measure: string;
  value: number;
  unit: string;
  note?: string;
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/**
 * The bounds of a 1280 × 800 px map view at `zoom` centred on (u, v), Web Mercator's unit
 * square from the top left (MapLibre's 512-px tiles).
 */
export function viewBounds(u: number, v: number, zoom: number): [number, number, number, number] {
  const world = 512 * 2 ** zoom;
  const lat = (y: number) => latOfTileY(y, 0);
  const [du, dv] = [640 / world, 400 / world];
  return [(u - du) * 360 - 180, lat(v + dv), (u + du) * 360 - 180, lat(v - dv)];
}

/** Median of `runs` timings of `fn` after one warm-up, in ms. */
export async function p50(fn: () => Promise<unknown>, runs = 25): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The server in a process of its own, as deployed; resolves once /api/health answers. */
export async function startServer(
  env: Record<string, string>,
): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  // Node itself, not npx: a signal to npx would leave the server running.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      RATE_LIMIT_PER_MIN: '100000000',
      PUBLIC_DEMO: 'true',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The first `max` distinct tiles of zoom `z` under the points, in the points' order. */
export function tilesUnder(points: { lon: number; lat: number }[], z: number, max: number) {
  const seen = new Map<string, { x: number; y: number }>();
  for (const p of points) {
    if (seen.size >= max) break;
    const t = tileOf(p.lon, p.lat, z);
    seen.set(`${t.x}/${t.y}`, t);
  }
  return [...seen.values()];
}

/**
 * CPU seconds used so far by the whole machine (busy time in /proc/stat), by this process (the
 * load generator or the direct pool) and by a server process: what a throughput ratio on a
 * shared machine needs beside it, since PostGIS, the server and the load all share its cores.
 * Null where there is no /proc (not Linux).
 */
export function cpuNow(pid?: number): { machine: number; own: number; server: number } | null {
  if (!existsSync('/proc/stat')) return null;
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  // user nice system idle iowait irq softirq steal, in USER_HZ (100 on Linux).
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number) as number[];
  const own = process.cpuUsage();
  let server = 0;
  if (pid !== undefined) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    server = (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime
  }
  return {
    machine: (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / 100,
    own: (own.user + own.system) / 1e6,
    server,
  };
}

/** CPU milliseconds per tile between two {@link cpuNow} readings, split by who spent them. */
export function cpuPerTile(
  before: ReturnType<typeof cpuNow>,
  after: ReturnType<typeof cpuNow>,
  tiles: number,
  /** How long the load ran. */
  seconds: number,
) {
  if (!before || !after || tiles === 0) return null;
  const ms = (s: number) => (s * 1000) / tiles;
  const own = after.own - before.own;
  const server = after.server - before.server;
  const machine = after.machine - before.machine;
  return {
    // Everything else busy on the machine: PostgreSQL's backends, and any other job.
    database: ms(machine - own - server),
    server: ms(server),
    load: ms(own),
    cores: machine / seconds,
  };
}

export const cpuNote = (c: ReturnType<typeof cpuPerTile>) =>
  c
    ? `CPU per tile: PostgreSQL and the rest ${c.database.toFixed(2)} ms, server ${c.server.toFixed(2)} ms, ` +
      `load generator ${c.load.toFixed(2)} ms; ${c.cores.toFixed(2)} cores busy`
    : 'no /proc: CPU not measured';

/**
 * autocannon over the tile list, each request the next address; with several servers the
 * connections are split between them and the figures summed (throughput) or the worst taken.
 */
export async function cannon(
  bases: string | string[],
  paths: string[],
  load: { connections: number; seconds: number },
) {
  const list = [bases].flat();
  let i = 0;
  const results = await Promise.all(
    list.map((url) =>
      autocannon({
        url,
        connections: Math.max(1, Math.round(load.connections / list.length)),
        duration: load.seconds,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
      }),
    ),
  );
  return {
    rps: results.reduce((t, r) => t + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    bad: results.reduce((t, r) => t + r.non2xx + r.errors, 0),
    count: results.reduce((t, r) => t + r.requests.total, 0),
  };
}

/**
 * Creates the scratch database with PostGIS when the server is there but the database is not
 * (a fresh clone on a machine set up like CI). Anything else is left to the caller's message.
 */
export async function ensureDatabase(target: string): Promise<void> {
  const probe = new pg.Client({ connectionString: target });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') return;
  }
  const name = decodeURIComponent(new URL(target).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return;
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
    console.log(`  created database ${name}`);
  } finally {
    await client.end();
  }
  const fresh = new pg.Client({ connectionString: target });
  await fresh.connect();
  try {
    await fresh.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } finally {
    await fresh.end();
  }
}
