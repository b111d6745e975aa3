import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannerUnit } from '../../server/contract/index.ts';
import { buildGraph, computeMetrics } from '../../server/contract/planner-metrics.ts';
import { metricsTracker } from './plan-metrics.ts';
import { initialPlan, planReducer, type PlanAction } from './plan-state.ts';

/** A row of four unit squares (1 km side): U1 U2 U3 U4, 1,000 people each. */
function unit(code: string, population: number): PlannerUnit {
  return {
    code,
    name: code,
    pianquCode: 'A',
    street: 'S1',
    figures: {
      population,
      households: population / 2,
      workers: 2,
      openIssues: 1,
      issues12m: 3,
      sites: 1,
      staff: 1,
      escalations12m: 0,
    },
    areaM2: 1e6,
    perimeterM: 4000,
    zoneEdgeM: 0,
    labelPoint: [0, 0],
  };
}
const UNITS = [unit('U1', 1000), unit('U2', 1000), unit('U3', 1000), unit('U4', 3000)];
const ADJ = [
  { a: 'U1', b: 'U2', sharedM: 1000 },
  { a: 'U2', b: 'U3', sharedM: 1000 },
  { a: 'U3', b: 'U4', sharedM: 1000 },
];
const graph = buildGraph(UNITS, ADJ);
const PIANQU_LIST = [
  { code: 'A', name: 'A' },
  { code: 'B', name: 'B' },
];

describe('plan metrics in the workbench', () => {
  it('moves a 社区 and both 片区 change by its population', () => {
    const track = metricsTracker(graph);
    const before = track({ U1: 'A', U2: 'A', U3: 'B', U4: 'B' }, PIANQU_LIST, 0.1);
    const after = track({ U1: 'A', U2: 'A', U3: 'A', U4: 'B' }, PIANQU_LIST, 0.1);
    const pop = (m: typeof before, c: string) =>
      m.pianqu.find((p) => p.code === c)!.figures.population;
    expect(pop(after, 'A') - pop(before, 'A')).toBe(1000);
    expect(pop(before, 'B') - pop(after, 'B')).toBe(1000);
  });

  it('takes unassigned 社区 out of the 片区 and measures against the real ones', () => {
    const track = metricsTracker(graph);
    const m = track({ U1: 'A', U2: 'A', U3: null, U4: 'B' }, PIANQU_LIST, 0.1);
    expect(m.pianqu.map((p) => p.code)).toEqual(['A', 'B']);
    expect(m.unassigned).toEqual({ units: ['U3'], population: 1000 });
    expect(m.pianquCount).toBe(2);
    expect(m.idealPopulation).toBe(3000);
    expect(m.pianqu[0]!.deviation).toBe(-1000);
  });

  it('agrees with a full recompute after any sequence of edits', () => {
    const start = initialPlan({ U1: 'A', U2: 'A', U3: 'B', U4: 'B' }, PIANQU_LIST);
    const action: fc.Arbitrary<PlanAction> = fc.oneof(
      fc.record({
        type: fc.constant('assign' as const),
        units: fc.subarray(['U1', 'U2', 'U3', 'U4'], { minLength: 1 }),
        to: fc.constantFrom('A', 'B'),
      }),
      fc.constant({ type: 'undo' as const }),
      fc.constant({ type: 'redo' as const }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const track = metricsTracker(graph);
        let s = start;
        let m = track(s.assignment, s.pianqu, 0.1);
        for (const a of actions) {
          s = planReducer(s, a);
          m = track(s.assignment, s.pianqu, 0.1);
        }
        const full = computeMetrics(graph, s.assignment, PIANQU_LIST, {
          bandPct: 0.1,
          allowUnassigned: true,
        });
        expect(m.pianqu).toEqual(full.pianqu);
      }),
    );
  });
});
