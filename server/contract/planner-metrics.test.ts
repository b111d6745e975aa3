import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanPianqu, PlannerUnit, UnitAdjacency } from './planner.ts';
import {
  addPianqu,
  applyAssignment,
  assignmentOf,
  assignmentProblems,
  buildGraph,
  computeMetrics,
  createPlan,
  describeProblems,
  moveUnits,
  outlineEdges,
  removePianqu,
  undoChange,
  redoChange,
  unassignedOf,
  zeroFigures,
  type PlanChange,
  type PlanState,
} from './planner-metrics.ts';

/**
 * A w×h grid of square 社区 of side `side` metres, codes U00, U01, … row by row; 4-neighbours
 * share one side. Figures from `figures(i)` (default: population 100, nothing else).
 */
function grid(
  w: number,
  h: number,
  options: {
    side?: number;
    figures?: (i: number) => Partial<PlannerUnit['figures']>;
    street?: (i: number) => PlannerUnit['street'];
  } = {},
) {
  const side = options.side ?? 1;
  const code = (i: number) => `U${String(i).padStart(2, '0')}`;
  const units: PlannerUnit[] = [];
  const adjacency: UnitAdjacency[] = [];
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    const neighbours = [x > 0, x < w - 1, y > 0, y < h - 1].filter(Boolean).length;
    units.push({
      code: code(i),
      name: code(i),
      pianquCode: 'A',
      street: options.street?.(i) ?? 'yiyuan',
      figures: { ...zeroFigures(), population: 100, ...options.figures?.(i) },
      areaM2: side * side,
      perimeterM: 4 * side,
      zoneEdgeM: (4 - neighbours) * side,
      labelPoint: [x, y],
    });
    if (x < w - 1) adjacency.push({ a: code(i), b: code(i + 1), sharedM: side });
    if (y < h - 1) adjacency.push({ a: code(i), b: code(i + w), sharedM: side });
  }
  return { units, adjacency, code };
}

const pq = (...codes: string[]): PlanPianqu[] => codes.map((code) => ({ code, name: code }));
const byCode = (s: PlanState, code: string) => s.metrics.pianqu.find((p) => p.code === code)!;

describe('metrics on hand-made grids', () => {
  it('sums known populations and measures the deviation from the ideal', () => {
    const { units, adjacency } = grid(2, 2, { figures: (i) => ({ population: [1, 2, 3, 4][i] }) });
    const g = buildGraph(units, adjacency);
    const m = computeMetrics(g, { U00: 'A', U01: 'A', U02: 'B', U03: 'B' }, pq('A', 'B'), {
      bandPct: 0.5,
    });
    expect(m.totals.population).toBe(10);
    expect(m.idealPopulation).toBe(5);
    expect(m.pianqu.map((p) => p.figures.population)).toEqual([3, 7]);
    expect(m.pianqu.map((p) => p.deviation)).toEqual([-2, 2]);
    expect(m.pianqu.map((p) => p.deviationPct)).toEqual([-0.4, 0.4]);
    expect(m.maxAbsDeviation).toBe(2);
    expect(m.maxAbsDeviationPct).toBe(0.4);
    expect(m.outsideBand).toEqual([]);
    const tight = computeMetrics(g, { U00: 'A', U01: 'A', U02: 'B', U03: 'B' }, pq('A', 'B'), {
      bandPct: 0.1,
    });
    expect(tight.outsideBand).toEqual(['A', 'B']);
  });

  it("gives a unit square's Polsby-Popper as π/4", () => {
    const { units, adjacency } = grid(1, 1, { side: 250 });
    const m = computeMetrics(buildGraph(units, adjacency), { U00: 'A' }, pq('A'));
    expect(m.pianqu[0]!.polsbyPopper).toBeCloseTo(Math.PI / 4, 12);
    expect(m.pianqu[0]!.perimeterM).toBe(1000);
  });

  it('measures a 2×1 rectangle: area 2, perimeter 6 (the shared side counts for neither)', () => {
    const { units, adjacency } = grid(2, 1);
    const m = computeMetrics(buildGraph(units, adjacency), { U00: 'A', U01: 'A' }, pq('A'));
    const a = m.pianqu[0]!;
    expect(a.areaM2).toBe(2);
    expect(a.perimeterM).toBe(6);
    expect(a.polsbyPopper).toBeCloseTo((4 * Math.PI * 2) / 36, 12);
  });

  it('finds an island that breaks contiguity and lists its pieces', () => {
    const { units, adjacency } = grid(3, 1);
    const m = computeMetrics(
      buildGraph(units, adjacency),
      { U00: 'A', U01: 'B', U02: 'A' },
      pq('A', 'B'),
    );
    expect(m.nonContiguous).toEqual(['A']);
    expect(m.pianqu[0]!.contiguous).toBe(false);
    expect(m.pianqu[0]!.components).toEqual([['U00'], ['U02']]);
    expect(m.pianqu[1]!.contiguous).toBe(true);
  });

  it('does not join two 社区 that touch only at a corner', () => {
    // In a 2×2 grid the diagonal pair shares no side: the adjacency has no edge between them.
    const { units, adjacency } = grid(2, 2);
    const m = computeMetrics(
      buildGraph(units, adjacency),
      { U00: 'A', U03: 'A', U01: 'B', U02: 'B' },
      pq('A', 'B'),
    );
    expect(m.nonContiguous).toEqual(['A', 'B']);
  });

  it('flags a 片区 spanning two 镇街', () => {
    const { units, adjacency } = grid(3, 1, {
      street: (i) => (i === 2 ? 'tianhe' : 'yiyuan'),
    });
    const m = computeMetrics(
      buildGraph(units, adjacency),
      { U00: 'A', U01: 'A', U02: 'A' },
      pq('A'),
    );
    expect(m.streetSplits).toEqual(['A']);
    expect(m.pianqu[0]!.streets).toEqual([
      { street: 'yiyuan', units: 2 },
      { street: 'tianhe', units: 1 },
    ]);
  });

  it('computes workload and resources, null where the divisor is zero', () => {
    const { units, adjacency } = grid(2, 1, {
      figures: (i) =>
        i === 0
          ? {
              population: 5000,
              households: 2000,
              workers: 4,
              openIssues: 6,
              issues12m: 40,
              sites: 2,
              staff: 1,
              escalations12m: 3,
            }
          : { population: 0, households: 0, workers: 0 },
    });
    const m = computeMetrics(buildGraph(units, adjacency), { U00: 'A', U01: 'B' }, pq('A', 'B'));
    expect(m.pianqu[0]).toMatchObject({
      householdsPerWorker: 500,
      openIssuesPerWorker: 1.5,
      issues12mPerWorker: 10,
      sitesPer10k: 4,
      staffPer10k: 2,
    });
    expect(m.pianqu[0]!.figures.escalations12m).toBe(3);
    expect(m.pianqu[1]).toMatchObject({ householdsPerWorker: null, sitesPer10k: null });
  });

  it('names unknown and missing 社区 and unlisted 片区', () => {
    const { units, adjacency } = grid(2, 1);
    const problems = assignmentProblems(
      buildGraph(units, adjacency),
      { U00: 'A', X99: 'A', U01: 'Z' },
      pq('A'),
    );
    expect(problems).toEqual({
      unknownUnits: ['X99'],
      missingUnits: [],
      unknownPianqu: ['Z'],
      duplicatePianqu: [],
    });
    const missing = assignmentProblems(buildGraph(units, adjacency), { U00: 'A' }, pq('A'));
    expect(describeProblems(missing)).toContain('U01');
  });

  it('moves a unit: only the two 片区 change, and locks refuse', () => {
    const { units, adjacency } = grid(3, 1);
    const g = buildGraph(units, adjacency);
    const s0 = createPlan(g, { U00: 'A', U01: 'A', U02: 'B' }, pq('A', 'B'));
    const { state, change, refused } = moveUnits(g, s0, ['U01'], 'B');
    expect(refused).toEqual([]);
    expect(change).toEqual({ to: { U01: 'B' }, from: { U01: 'A' } });
    expect(byCode(state, 'A').figures.population).toBe(100);
    expect(byCode(state, 'B').figures.population).toBe(200);
    const locked = moveUnits(g, s0, ['U01'], 'B', new Set(['A']));
    expect(locked.refused).toEqual(['U01']);
    expect(locked.state).toBe(s0);
  });

  it('adds a new 片区, leaves an emptied one out of the ideal, removes it when empty', () => {
    const { units, adjacency } = grid(2, 1);
    const g = buildGraph(units, adjacency);
    let s = createPlan(g, { U00: 'A', U01: 'A' }, pq('A'));
    s = addPianqu(g, s, { code: 'N1', name: '新片区', isNew: true });
    expect(s.metrics.pianquCount).toBe(1);
    s = moveUnits(g, s, ['U01'], 'N1').state;
    expect(s.metrics.pianquCount).toBe(2);
    expect(s.metrics.idealPopulation).toBe(100);
    expect(() => removePianqu(g, s, 'A')).toThrow(/still has/);
    s = moveUnits(g, s, ['U00'], 'N1').state;
    expect(byCode(s, 'A').units).toBe(0);
    expect(byCode(s, 'A').deviation).toBeNull();
    s = removePianqu(g, s, 'A');
    expect(s.metrics.pianqu.map((p) => p.code)).toEqual(['N1']);
  });

  it('holds unassigned 社区 apart: out of every 片区 and the ideal, listed on their own', () => {
    const { units, adjacency } = grid(4, 1, {
      figures: (i) => ({ population: i === 3 ? 300 : 100 }),
    });
    const g = buildGraph(units, adjacency);
    const draft = { U00: 'A', U01: 'A', U02: null, U03: 'B' };
    expect(() => createPlan(g, draft, pq('A', 'B'))).toThrow(/without a 片区/);
    const s = createPlan(g, draft, pq('A', 'B'), { allowUnassigned: true });
    expect(s.metrics.pianqu.map((p) => p.code)).toEqual(['A', 'B']);
    expect(unassignedOf(g, s)).toEqual({ units: ['U02'], population: 100 });
    expect(s.metrics.pianquCount).toBe(2);
    // The ideal is the whole population over the real 片区: they must hold everyone.
    expect(s.metrics.idealPopulation).toBe(300);
    expect(byCode(s, 'A').deviation).toBe(-100);
    expect(assignmentOf(g, s)).toEqual({ U00: 'A', U01: 'A', U03: 'B' });
    // Moving it in and out again is reversible, like any move.
    const { state, change } = moveUnits(g, s, ['U02'], 'B');
    expect(change).toEqual({ to: { U02: 'B' }, from: { U02: null } });
    expect(unassignedOf(g, state)).toEqual({ units: [], population: 0 });
    expect(byCode(state, 'B').figures.population).toBe(400);
    const back = undoChange(g, state, change!);
    expect(back.metrics).toEqual(s.metrics);
    expect(unassignedOf(g, back)).toEqual(unassignedOf(g, s));
    const out = applyAssignment(g, s, { U00: null });
    expect(unassignedOf(g, out).units).toEqual(['U00', 'U02']);
    expect(out.metrics).toEqual(
      computeMetrics(g, { ...draft, U00: null }, pq('A', 'B'), { allowUnassigned: true }),
    );
  });

  it('marks the edges whose two sides are in different 片区', () => {
    const { units, adjacency } = grid(3, 1);
    const g = buildGraph(units, adjacency);
    const s = createPlan(g, { U00: 'A', U01: 'A', U02: 'B' }, pq('A', 'B'));
    expect(outlineEdges(g, s.of)).toEqual([false, true]);
  });
});

/** A random grid, a random plan on it and a random sequence of moves. */
const scenario = fc
  .record({
    w: fc.integer({ min: 2, max: 7 }),
    h: fc.integer({ min: 1, max: 6 }),
    k: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.nat(1000), { minLength: 49, maxLength: 49 }),
  })
  .chain(({ w, h, k, seed }) => {
    const n = w * h;
    return fc.record({
      w: fc.constant(w),
      h: fc.constant(h),
      k: fc.constant(k),
      seed: fc.constant(seed),
      initial: fc.array(fc.nat(k - 1), { minLength: n, maxLength: n }),
      moves: fc.array(
        fc.record({
          units: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 4 }),
          to: fc.nat(k - 1),
        }),
        { maxLength: 25 },
      ),
    });
  });

function plan(input: { w: number; h: number; k: number; seed: number[]; initial: number[] }) {
  const { units, adjacency, code } = grid(input.w, input.h, {
    // Irregular sizes so float sums are not trivially exact.
    side: 1,
    figures: (i) => ({
      population: input.seed[i % 49]! * 7 + 1,
      households: input.seed[(i * 3) % 49]!,
      workers: input.seed[(i * 5) % 49]! % 5,
      issues12m: input.seed[(i * 7) % 49]! % 13,
    }),
    street: (i) => (input.seed[(i * 11) % 49]! % 2 ? 'tianhe' : 'yiyuan'),
  });
  for (const u of units) {
    u.areaM2 = 1 + input.seed[units.indexOf(u) % 49]! / 997;
    u.perimeterM += input.seed[(units.indexOf(u) * 13) % 49]! / 991;
  }
  for (const e of adjacency) e.sharedM = 0.3 + input.seed[e.a.length % 49]! / 1013;
  const g = buildGraph(units, adjacency);
  const list = pq(...Array.from({ length: input.k }, (_, j) => `P${j}`));
  const assignment = Object.fromEntries(input.initial.map((p, i) => [code(i), `P${p}`]));
  return { g, list, assignment, code };
}

describe('metrics properties', () => {
  it('conserves totals under any sequence of moves', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { g, list, assignment, code } = plan(input);
        let s = createPlan(g, assignment, list);
        for (const m of input.moves) {
          s = moveUnits(g, s, m.units.map(code), `P${m.to}`).state;
          const pop = s.metrics.pianqu.reduce((t, p) => t + p.figures.population, 0);
          const units = s.metrics.pianqu.reduce((t, p) => t + p.units, 0);
          const households = s.metrics.pianqu.reduce((t, p) => t + p.figures.households, 0);
          expect(pop).toBe(g.totals.population);
          expect(households).toBe(g.totals.households);
          expect(units).toBe(g.units.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same metrics incrementally as a full recompute', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { g, list, assignment, code } = plan(input);
        let s = createPlan(g, assignment, list);
        for (const m of input.moves) s = moveUnits(g, s, m.units.map(code), `P${m.to}`).state;
        const full = createPlan(g, assignmentOf(g, s), list);
        expect(s.metrics).toStrictEqual(full.metrics);
        expect(s.of).toStrictEqual(full.of);
      }),
      { numRuns: 150 },
    );
  });

  it('restores exactly on undo, and redo replays', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { g, list, assignment, code } = plan(input);
        const s0 = createPlan(g, assignment, list);
        let s = s0;
        const history: { before: PlanState; change: PlanChange }[] = [];
        for (const m of input.moves) {
          const r = moveUnits(g, s, m.units.map(code), `P${m.to}`);
          if (r.change) history.push({ before: s, change: r.change });
          s = r.state;
        }
        const end = s;
        for (const { before, change } of [...history].reverse()) {
          s = undoChange(g, s, change);
          expect(s.metrics).toStrictEqual(before.metrics);
          expect(s.of).toStrictEqual(before.of);
          expect(assignmentOf(g, s)).toStrictEqual(assignmentOf(g, before));
        }
        expect(s.metrics).toStrictEqual(s0.metrics);
        for (const { change } of history) s = redoChange(g, s, change);
        expect(s.metrics).toStrictEqual(end.metrics);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves the state it was given untouched (immutable)', () => {
    const { units, adjacency } = grid(3, 1);
    const g = buildGraph(units, adjacency);
    const s0 = createPlan(g, { U00: 'A', U01: 'A', U02: 'B' }, pq('A', 'B'));
    const snapshot = structuredClone({ a: assignmentOf(g, s0), m: s0.metrics, of: s0.of });
    applyAssignment(g, s0, { U00: 'B', U01: 'B' });
    expect({ a: assignmentOf(g, s0), m: s0.metrics, of: s0.of }).toStrictEqual(snapshot);
  });
});
