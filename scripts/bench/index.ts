/**
 * `npm run bench`: the product against the limit it runs on, as ratios measured side by side in
 * one run (absolute times on a shared machine vary; the ratios are what to compare). Over 400
 * lines on purpose: the measurements run in order on one loaded database and print one table.
 *
 *   npm run bench [-- --database-url postgres://… --factor 100 --issues 1000000 --seconds 15]
 *
 * Needs a PostgreSQL/PostGIS it may empty (default BENCH_DATABASE_URL or
 * postgres://atlas:atlas@127.0.0.1:5432/atlas_bench, as .ci/run sets up). Loads the city-scale
 * data set unless the database already holds the same one, then measures:
 *  - area tiles over 500+ distinct addresses at z10–16: ST_AsMVT run directly on the database
 *    over N connections (the limit any PostGIS tile server reaches) vs. the server uncached vs.
 *    the server cached, with the same N connections;
 *  - issues at low zoom: the rollup for one z10 tile and for the whole view vs. raw ST_AsMVT of
 *    the same tile's points;
 *  - area statistics for a 片区 and the whole zone;
 *  - the client: production bundle per chunk (gzip) and navigation → first complete map in
 *    headless Chromium, demo and city scale.
 * Prints a table and writes scripts/bench/results.json.
 *
 * Over 400 lines on purpose: `main` is one sequence of measurements sharing one loaded database
 * and the servers it starts, each step a few lines that read in order; the instruments are in
 * measure.ts and the client's part in client.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ISSUE_CATEGORIES } from '../../server/contract/index.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { figuresRepository } from '../../server/features/figures/repository.ts';
import { parseBbox } from '../../server/contract/bbox.ts';
import { issueOverlayRepository } from '../../server/features/issues/overlay-repository.ts';
import { cellsBbox } from '../../client/layers/issues/cell-bounds.ts';
import { clientBench } from './client.ts';
import {
  cannon,
  cpuNote,
  cpuNow,
  cpuPerTile,
  ensureDatabase,
  p50,
  percentile,
  startServer,
  tilesUnder,
  viewBounds,
  type Row,
} from './measure.ts';
import { loadScale, scaleVersion } from '../generate-scale.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    factor: { type: 'string', default: '100' },
    issues: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
    'skip-client': { type: 'boolean', default: false },
  },
});
const url =
  values['database-url'] ??
  process.env.BENCH_DATABASE_URL ??
  'postgres://atlas:atlas@127.0.0.1:5432/atlas_bench';
const factor = Number(values.factor);
const issues = Number(values.issues);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
/** The load every autocannon run puts on. */
const load = { connections, seconds };

const rows: Row[] = [];
const record = (r: Row) => {
  rows.push(r);
  const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
  console.log(
    `  ${r.section.padEnd(10)} ${r.measure.padEnd(56)} ${v.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}`,
  );
};

async function main(): Promise<void> {
  console.log(`bench: ${url.replace(/\/\/[^@]*@/, '//…@')}, ×${factor}, ${issues} issues`);
  await ensureDatabase(url);
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
  } catch (error) {
    throw new Error(
      `cannot reach the benchmark database (${(error as Error).message}). Create a scratch PostGIS database, ` +
        `e.g. createdb atlas_bench && psql atlas_bench -c 'CREATE EXTENSION postgis', ` +
        `and give it as --database-url or BENCH_DATABASE_URL`,
    );
  }
  const loaded = await probe
    .query<{ version: string }>('SELECT version FROM dataset')
    .then((r) => r.rows[0]?.version)
    .catch(() => undefined);
  await probe.end();
  const options = { factor, issues, seed: 1 };
  if (loaded === scaleVersion(options)) {
    console.log('  data set already loaded: reusing it');
  } else {
    const { counts, seconds: took } = await loadScale(url, options);
    console.log(`  loaded ${JSON.stringify(counts)}`);
    record({
      section: 'scale',
      measure: `load ×${factor} + ${issues} issues`,
      value: took,
      unit: 's',
    });
  }

  const db = await openPostgres(url);
  // A data set loaded by an older checkout gets this one's migrations, as a deployment would.
  const migrated = await migrate(db);
  if (migrated.length > 0) console.log(`  applied migrations ${migrated.join(', ')}`);
  const areaTileSql = readFileSync(join(ROOT, 'server/tiles/area-tile-mvt.sql'), 'utf8');
  // The SQL's $5 is the areas' figures (the server reads them from the figures engine first):
  // the direct runs pass none, so they time the boundaries' encoding alone.
  const NO_FIGURES = '{}';
  const issueTileSql = readFileSync(
    join(ROOT, 'server/features/issues/issue-tile-mvt.sql'),
    'utf8',
  );

  // 500+ distinct tiles: each zoom's tiles under 小区 label points, spread over the city.
  const points = await db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = 'xiaoqu' ORDER BY md5(code)`,
  );
  const layerAt = (z: number) => (z <= 11 ? 'pianqu' : z <= 13 ? 'shequ' : 'xiaoqu');
  const tiles: { z: number; x: number; y: number; layer: string }[] = [];
  for (let z = 10; z <= 16; z++) {
    tiles.push(...tilesUnder(points, z, 100).map((t) => ({ z, ...t, layer: layerAt(z) })));
  }
  const paths = tiles.map((t) => `/tiles/${t.layer}/${t.z}/${t.x}/${t.y}.mvt`);
  console.log(
    `  ${tiles.length} distinct tiles, z10–16, ${connections} connections, ${seconds} s each`,
  );

  // The limit: the same ST_AsMVT straight on the database over the same connections.
  const pool = new pg.Pool({ connectionString: url, max: connections });
  let next = 0;
  const latencies: number[] = [];
  const directCpuBefore = cpuNow();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t = tiles[next++ % tiles.length]!;
        const start = performance.now();
        await pool.query(areaTileSql, [t.z, t.x, t.y, t.layer, NO_FIGURES]);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const directCpu = cpuPerTile(directCpuBefore, cpuNow(), latencies.length, seconds);
  await pool.end();
  const direct = {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
  record({
    section: 'tiles',
    measure: 'direct ST_AsMVT on PostGIS: tiles/s',
    value: direct.rps,
    unit: '/s',
  });
  record({
    section: 'tiles',
    measure: 'direct ST_AsMVT: p50 / p99',
    value: direct.p50,
    unit: 'ms',
    note: `p99 ${direct.p99.toFixed(1)} ms`,
  });
  record({
    section: 'tiles',
    measure: 'direct ST_AsMVT: machine CPU per tile',
    value: directCpu ? directCpu.database + directCpu.load : NaN,
    unit: 'ms',
    note: cpuNote(directCpu),
  });

  const env = { DATABASE_URL: url, SEED_DEMO: 'false', PG_POOL_MAX: String(connections) };
  const uncachedServer = await startServer({ ...env, TILE_CACHE_MB: '0' });
  const uncachedCpuBefore = cpuNow(uncachedServer.pid);
  const uncached = await cannon(uncachedServer.base, paths, load);
  const uncachedCpu = cpuPerTile(
    uncachedCpuBefore,
    cpuNow(uncachedServer.pid),
    uncached.count,
    seconds,
  );
  await uncachedServer.stop();
  record({
    section: 'tiles',
    measure: 'server, cache off: tiles/s',
    value: uncached.rps,
    unit: '/s',
  });
  record({
    section: 'tiles',
    measure: 'server, cache off: p50',
    value: uncached.p50,
    unit: 'ms',
    note: `p99 ${uncached.p99} ms, ${uncached.bad} not 2xx`,
  });
  record({
    section: 'tiles',
    measure: 'server uncached ÷ direct (target ≥ 0.8)',
    value: uncached.rps / direct.rps,
    unit: '×',
  });
  record({
    section: 'tiles',
    measure: 'server, cache off: machine CPU per tile',
    value: uncachedCpu ? uncachedCpu.database + uncachedCpu.server + uncachedCpu.load : NaN,
    unit: 'ms',
    note: cpuNote(uncachedCpu),
  });

  // Two instances on the one database, half the connections each (the pool split likewise).
  const half = { ...env, TILE_CACHE_MB: '0', PG_POOL_MAX: String(Math.max(1, connections / 2)) };
  const pair = [await startServer(half), await startServer(half)];
  const two = await cannon(
    pair.map((p) => p.base),
    paths,
    load,
  );
  await Promise.all(pair.map((p) => p.stop()));
  record({
    section: 'tiles',
    measure: 'two server instances, cache off: tiles/s',
    value: two.rps,
    unit: '/s',
    note: `worst p99 ${two.p99} ms, ${two.bad} not 2xx`,
  });
  record({
    section: 'tiles',
    measure: 'two instances ÷ direct',
    value: two.rps / direct.rps,
    unit: '×',
  });

  const cachedServer = await startServer({ ...env, TILE_CACHE_MB: '512' });
  for (let i = 0; i < paths.length; i += connections) {
    await Promise.all(
      paths
        .slice(i, i + connections)
        .map((p) => fetch(cachedServer.base + p).then((r) => r.arrayBuffer())),
    );
  }
  const cached = await cannon(cachedServer.base, paths, load);
  record({
    section: 'tiles',
    measure: 'server, cache warm: tiles/s',
    value: cached.rps,
    unit: '/s',
  });
  record({
    section: 'tiles',
    measure: 'server, cache warm: p50',
    value: cached.p50,
    unit: 'ms',
    note: `p99 ${cached.p99} ms, ${cached.bad} not 2xx`,
  });
  record({
    section: 'tiles',
    measure: 'cached ÷ uncached',
    value: cached.rps / uncached.rps,
    unit: '×',
  });

  // Low-zoom area tiles: shapes pre-simplified per zoom (area_shape, migration 013) against the
  // same query simplifying at request time, which it falls back to without stored shapes. One
  // connection sees the shapes deleted in a transaction it rolls back; the two alternate tile
  // by tile, so both see the same machine load.
  const lowZoom = new pg.Pool({ connectionString: url, max: 2 });
  const [stored, bare] = [await lowZoom.connect(), await lowZoom.connect()];
  await bare.query('BEGIN');
  await bare.query('DELETE FROM area_shape');
  for (const level of ['xiaoqu', 'shequ'] as const) {
    const storedMs: number[] = [];
    const bareMs: number[] = [];
    for (let z = 8; z <= 12; z++) {
      for (const { x, y } of tilesUnder(points, z, 20)) {
        for (const [client, ms] of [
          [stored, storedMs],
          [bare, bareMs],
        ] as const) {
          const start = performance.now();
          await client.query(areaTileSql, [z, x, y, level, NO_FIGURES]);
          ms.push(performance.now() - start);
        }
      }
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    record({
      section: 'tiles',
      measure: `${level} tiles z8–12 (${storedMs.length}), pre-simplified: p50`,
      value: percentile(storedMs, 50),
      unit: 'ms',
      note: `simplified at request time p50 ${percentile(bareMs, 50).toFixed(1)} ms`,
    });
    record({
      section: 'tiles',
      measure: `${level} tiles z8–12: time pre-simplified ÷ at request time`,
      value: sum(storedMs) / sum(bareMs),
      unit: '×',
    });
  }
  await bare.query('ROLLBACK');
  stored.release();
  bare.release();
  await lowZoom.end();

  // Issues at low zoom: the z10 tile holding the most issues.
  const [busiest] = await db.query<{ x: number; y: number }>(
    `SELECT cx / 8 AS x, cy / 8 AS y FROM issue_rollup WHERE zoom = 10
     GROUP BY 1, 2 ORDER BY sum(n) DESC LIMIT 1`,
  );
  const { x, y } = busiest!;
  // One z10 tile as the server answers it: the default view (no filter) from the per-cell
  // totals (issue_cell), a filtered view (one category) from the full rollup.
  const tileCells = `zoom = 10 AND cx BETWEEN $1 * 8 AND $1 * 8 + 7 AND cy BETWEEN $2 * 8 AND $2 * 8 + 7`;
  const rollupTile = () =>
    db.query(`SELECT cx, cy, n AS count, unresolved FROM issue_cell WHERE ${tileCells} AND n > 0`, [
      x,
      y,
    ]);
  const filteredTile = () =>
    db.query(
      `SELECT cx, cy, sum(n)::int AS count FROM issue_rollup
       WHERE ${tileCells} AND category = ANY ($3::text[])
       GROUP BY cx, cy HAVING sum(n) > 0`,
      [x, y, [ISSUE_CATEGORIES[0]]],
    );
  const [inTile] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM issue WHERE geom && ST_Transform(ST_TileEnvelope(10, $1, $2), 4326)`,
    [x, y],
  );
  const overlay = issueOverlayRepository(db, true);
  const rollupP50 = await p50(rollupTile);
  const filteredP50 = await p50(filteredTile);
  const viewP50 = await p50(() => overlay.cells(10, {}));
  const filteredViewP50 = await p50(() => overlay.cells(10, { category: ISSUE_CATEGORIES[0] }));
  // The dashboard at map zoom 10.5 centred on that tile, 1280 × 800 px: it asks for the cells at
  // zoom 11 (grid 12) within its bounds as the client snaps them; the same without the bbox.
  const viewBbox = parseBbox(cellsBbox(viewBounds((x + 0.5) / 1024, (y + 0.5) / 1024, 10.5), 10.5));
  if (typeof viewBbox === 'string') throw new Error(viewBbox);
  const oneCategory = { category: ISSUE_CATEGORIES[0] };
  const boundedP50 = await p50(() => overlay.cells(11, oneCategory, viewBbox));
  const unboundedP50 = await p50(() => overlay.cells(11, oneCategory));
  const rawP50 = await p50(
    () => db.query(issueTileSql, [10, x, y, null, null, null, null, null, null]),
    5,
  );
  record({
    section: 'issues',
    measure: `default view (no filter, issue_cell), one z10 tile (${inTile!.n} issues): p50 (target < 5)`,
    value: rollupP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: `filtered (one category, rollup), the same z10 tile: p50`,
    value: filteredP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: 'default view (no filter, issue_cell), whole-view cells at zoom 10: p50',
    value: viewP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: 'filtered (one category, rollup), whole-view cells at zoom 10: p50',
    value: filteredViewP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: `filtered (one category), a dashboard view at zoom 10.5, bbox ${viewBbox.join(',')}: p50`,
    value: boundedP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: 'filtered (one category), the same zoom without the bbox: p50',
    value: unboundedP50,
    unit: 'ms',
  });
  record({
    section: 'issues',
    measure: 'raw ST_AsMVT of the same z10 tile: p50',
    value: rawP50,
    unit: 'ms',
  });
  record({ section: 'issues', measure: 'raw ÷ rollup tile', value: rawP50 / rollupP50, unit: '×' });

  const engine = figuresRepository(db);
  const ALL = { kind: 'all', from: null, to: null } as const;
  const figuresOf = (code: string) => engine.figures([code], ALL);
  const [zone] = await db.query<{ code: string }>(`SELECT code FROM area WHERE level = 'chengqu'`);
  const [pianqu] = await db.query<{ code: string }>(
    `SELECT parent_code AS code FROM area WHERE level = 'shequ' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  // A staff move, then the 片区's figures: the engine counts from the tables, so there is
  // nothing to recompute first (the precomputed area_figures took 0.56–0.9 s here).
  const staffMoves: number[] = [];
  for (let i = 0; i < 7; i++) {
    await db.query(
      `UPDATE staff SET xiaoqu_code = (SELECT min(l.xiaoqu_code) FROM xiaoqu_lineage l WHERE l.pianqu_code = $1)
       WHERE code = (SELECT min(code) FROM staff)`,
      [pianqu!.code],
    );
    const t0 = performance.now();
    await figuresOf(pianqu!.code);
    staffMoves.push(performance.now() - t0);
  }
  staffMoves.sort((a, b) => a - b);
  record({
    section: 'stats',
    measure: `area figures, 片区 ${pianqu!.code}, first read after a staff move: p50 (target < 20)`,
    value: staffMoves[Math.floor(staffMoves.length / 2)]!,
    unit: 'ms',
  });
  record({
    section: 'stats',
    measure: `area figures, 片区 ${pianqu!.code}: p50 (target < 20)`,
    value: await p50(() => figuresOf(pianqu!.code), 15),
    unit: 'ms',
  });
  record({
    section: 'stats',
    measure: 'area figures, whole zone: p50 (target < 20)',
    value: await p50(() => figuresOf(zone!.code), 5),
    unit: 'ms',
  });
  // The profiles behind the dashboard's panel, through the server: the zone's ranks every 片区.
  const profile = async (code: string) => {
    const res = await fetch(`${cachedServer.base}/api/areas/${code}/profile?window=all`);
    if (!res.ok) throw new Error(`profile of ${code}: ${res.status}`);
    await res.arrayBuffer();
  };
  record({
    section: 'stats',
    measure: 'area profile (panel), one 片区: p50',
    value: await p50(() => profile('PQ02'), 5),
    unit: 'ms',
  });
  record({
    section: 'stats',
    measure: 'area profile (panel), whole zone ranking every 片区: p50',
    value: await p50(() => profile(zone!.code), 3),
    unit: 'ms',
  });
  await db.close();

  if (!values['skip-client']) await clientBench(cachedServer.base, factor, record);
  await cachedServer.stop();

  const out = join(ROOT, 'scripts/bench/results.json');
  writeFileSync(
    out,
    `${JSON.stringify({ at: new Date().toISOString(), factor, issues, connections, seconds, tiles: tiles.length, rows }, null, 2)}\n`,
  );
  console.log(`\nwritten to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
