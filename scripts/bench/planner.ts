/**
 * Planner speed: the time per move of the metrics module (what the browser runs on every
 * click or brush stroke) on the zone's 64 社区 and on a synthetic city of 5,000 社区, and the
 * PostGIS precompute of a boundary version. Prints a table.
 *
 *   npx tsx scripts/bench/planner.ts            # embedded database in DATA_DIR (default .data)
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/planner.ts
 */
import { performance } from 'node:perf_hooks';
import type { PlannerUnit, UnitAdjacency } from '../../server/contract/index.ts';
import { loadConfig } from '../../server/config.ts';
import { openDbOrExit } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/db/seed.ts';
import {
  buildGraph,
  createPlan,
  moveUnits,
  undoChange,
  type PlanGraph,
  type PlanState,
} from '../../server/contract/planner-metrics.ts';
import { boundaryVersions, precomputeVersion } from '../../server/features/planner/versions.ts';

/** A seeded PRNG (mulberry32): the same moves every run. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

interface Row {
  case: string;
  units: number;
  pianqu: number;
  moves: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Times `count` moves: each takes a random 社区 on a 片区 border (with `brush` − 1 of its
 * neighbours) into the neighbouring 片区, the way a planner edits; every tenth is undone.
 */
function timeMoves(
  name: string,
  graph: PlanGraph,
  start: PlanState,
  count: number,
  brush = 1,
): Row {
  const random = prng(7107);
  let state = start;
  const times: number[] = [];
  // The first tenth warms the JIT up and is not counted.
  const warmUp = Math.ceil(count / 10);
  for (let m = -warmUp; m < count; m++) {
    // A border unit: pick units until one has a neighbour in another 片区.
    let unit = -1;
    let target = '';
    for (let tries = 0; tries < 1000 && unit < 0; tries++) {
      const i = Math.floor(random() * graph.units.length);
      for (let k = graph.start[i]!; k < graph.start[i + 1]!; k++) {
        const j = graph.neighbours[k]!;
        if (state.of[j] !== state.of[i]) {
          unit = i;
          target = state.of[j]!;
          break;
        }
      }
    }
    const codes = [graph.units[unit]!.code];
    for (let k = graph.start[unit]!; k < graph.start[unit + 1]! && codes.length < brush; k++) {
      codes.push(graph.units[graph.neighbours[k]!]!.code);
    }
    const t0 = performance.now();
    const result = moveUnits(graph, state, codes, target);
    if (m >= 0) times.push(performance.now() - t0);
    state = result.state;
    if (m % 10 === 9 && result.change) state = undoChange(graph, state, result.change);
  }
  times.sort((a, b) => a - b);
  return {
    case: name,
    units: graph.units.length,
    pianqu: start.pianqu.length,
    moves: count,
    mean: times.reduce((t, x) => t + x, 0) / times.length,
    p50: pct(times, 0.5),
    p99: pct(times, 0.99),
    max: times[times.length - 1]!,
  };
}

/** A w×h grid of 100 m squares cut into b×b blocks of 片区. */
function syntheticCity(w: number, h: number, b: number) {
  const random = prng(42);
  const units: PlannerUnit[] = [];
  const adjacency: UnitAdjacency[] = [];
  const code = (i: number) => `S${String(i).padStart(5, '0')}`;
  const assignment: Record<string, string> = {};
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    const n = [x > 0, x < w - 1, y > 0, y < h - 1].filter(Boolean).length;
    const population = 2000 + Math.floor(random() * 8000);
    units.push({
      code: code(i),
      name: code(i),
      pianquCode: '',
      street: (['yiyuan', 'tianhe', 'shuangdao', 'chucun'] as const)[Math.floor(x / (w / 4))]!,
      figures: {
        population,
        households: Math.floor(population / 2.6),
        workers: 5 + Math.floor(random() * 10),
        openIssues: Math.floor(random() * 20),
        issues12m: Math.floor(random() * 200),
        sites: Math.floor(random() * 4),
        staff: Math.floor(random() * 4),
        escalations12m: Math.floor(random() * 5),
      },
      areaM2: 10_000,
      perimeterM: 400,
      zoneEdgeM: (4 - n) * 100,
      labelPoint: [x, y],
    });
    assignment[code(i)] = `P${Math.floor(y / b)}_${Math.floor(x / b)}`;
    if (x < w - 1) adjacency.push({ a: code(i), b: code(i + 1), sharedM: 100 });
    if (y < h - 1) adjacency.push({ a: code(i), b: code(i + w), sharedM: 100 });
  }
  const pianqu = [...new Set(Object.values(assignment))].map((c) => ({ code: c, name: c }));
  return { units, adjacency, assignment, pianqu };
}

const rows: Row[] = [];
const other: [string, string][] = [];

// The zone: precompute on the database, then moves on its 64 社区.
const config = loadConfig();
const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db);
  await seedDemo(db);
  const repo = boundaryVersions(db);
  await repo.currentVersionId();
  // Precompute again into a version that is rolled back, to time it alone.
  const rollback = new Error('rollback');
  let precomputeMs = 0;
  await db
    .transaction(async (tx) => {
      const [v] = await tx.query<{ id: number }>(
        `INSERT INTO boundary_version (effective_from, note, created_by)
         VALUES (current_date, 'bench', 'bench') RETURNING id`,
      );
      const t0 = performance.now();
      await precomputeVersion(tx, v!.id);
      precomputeMs = performance.now() - t0;
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  other.push([`precompute one boundary version (${db.backend})`, `${precomputeMs.toFixed(0)} ms`]);
  const g = await repo.versionGraph();
  const assignment = Object.fromEntries(g.units.map((u) => [u.code, u.pianquCode]));
  let t0 = performance.now();
  const zone = createPlan(g.graph, assignment, g.pianqu);
  other.push(['full recompute, 64 社区', `${(performance.now() - t0).toFixed(2)} ms`]);
  rows.push(timeMoves('zone, click', g.graph, zone, 2000));
  rows.push(timeMoves('zone, brush of 4', g.graph, zone, 2000, 4));

  // A city of 5,000 社区 in 200 片区 (metrics only).
  const city = syntheticCity(100, 50, 5);
  t0 = performance.now();
  const cityGraph = buildGraph(city.units, city.adjacency);
  other.push(['index 5,000 社区 (buildGraph)', `${(performance.now() - t0).toFixed(1)} ms`]);
  t0 = performance.now();
  const cityPlan = createPlan(cityGraph, city.assignment, city.pianqu);
  other.push(['full recompute, 5,000 社区', `${(performance.now() - t0).toFixed(1)} ms`]);
  rows.push(timeMoves('city 5,000, click', cityGraph, cityPlan, 2000));
  rows.push(timeMoves('city 5,000, brush of 4', cityGraph, cityPlan, 2000, 4));
  // Few large 片区 (1,250 社区 each): a move recomputes two big ones.
  const big = syntheticCity(100, 50, 50);
  const bigGraph = buildGraph(big.units, big.adjacency);
  rows.push(
    timeMoves(
      'city 5,000 in 2 片区',
      bigGraph,
      createPlan(bigGraph, big.assignment, big.pianqu),
      500,
    ),
  );
} finally {
  await db.close();
}

console.log('\nTime per move (ms), metrics.ts in Node, warm:');
console.table(
  rows.map((r) => ({
    case: r.case,
    社区: r.units,
    片区: r.pianqu,
    moves: r.moves,
    mean: r.mean.toFixed(3),
    p50: r.p50.toFixed(3),
    p99: r.p99.toFixed(3),
    max: r.max.toFixed(3),
  })),
);
console.table(Object.fromEntries(other.map(([k, v]) => [k, { time: v }])));
