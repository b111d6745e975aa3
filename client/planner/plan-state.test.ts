import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialPlan,
  movedUnits,
  newPianquCode,
  planReducer,
  sameAssignment,
  type PlanAction,
  type PlanState,
} from './plan-state.ts';

const UNITS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
const PIANQU_LIST = [
  { code: 'A', name: '甲片区' },
  { code: 'B', name: '乙片区' },
  { code: 'C', name: '丙片区' },
];

function start(): PlanState {
  return initialPlan({ S1: 'A', S2: 'A', S3: 'B', S4: 'B', S5: 'C', S6: 'C' }, PIANQU_LIST);
}

const run = (state: PlanState, actions: readonly PlanAction[]) =>
  actions.reduce(planReducer, state);

/** What undo must restore: the plan itself, not its history. */
const plan = (s: PlanState) => ({
  assignment: s.assignment,
  pianqu: s.pianqu,
  locked: s.locked,
});

const code = fc.constantFrom('A', 'B', 'C', 'NEW01', 'NEW02');
const action: fc.Arbitrary<PlanAction> = fc.oneof(
  fc.record({
    type: fc.constant('assign' as const),
    units: fc.subarray(UNITS, { minLength: 1 }),
    to: fc.option(code, { nil: null }),
    stroke: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  code.map((c) => ({ type: 'create' as const, pianqu: { code: c, name: `新${c}` } })),
  code.map((c) => ({ type: 'dissolve' as const, code: c })),
  fc.record({ type: fc.constant('lock' as const), code, locked: fc.boolean() }),
  fc.constant({ type: 'undo' as const }),
  fc.constant({ type: 'redo' as const }),
);

describe('plan state', () => {
  it('moves a 社区 to another 片区 and undo puts it back', () => {
    const moved = planReducer(start(), { type: 'assign', units: ['S3'], to: 'A' });
    expect(moved.assignment.S3).toBe('A');
    const undone = planReducer(moved, { type: 'undo' });
    expect(undone.assignment).toEqual(start().assignment);
    expect(planReducer(undone, { type: 'redo' }).assignment.S3).toBe('A');
  });

  it('refuses moves into a locked 片区 and says why', () => {
    const locked = planReducer(start(), { type: 'lock', code: 'A', locked: true });
    const next = planReducer(locked, { type: 'assign', units: ['S3'], to: 'A' });
    expect(next.assignment).toEqual(locked.assignment);
    expect(next.refused).toEqual({ reason: 'targetLocked', pianqu: 'A' });
  });

  it('keeps the 社区 of a locked 片区 where they are', () => {
    const locked = planReducer(start(), { type: 'lock', code: 'B', locked: true });
    const next = planReducer(locked, { type: 'assign', units: ['S3', 'S5'], to: 'A' });
    expect(next.assignment.S3).toBe('B');
    expect(next.assignment.S5).toBe('A');
    const refused = planReducer(locked, { type: 'assign', units: ['S3'], to: 'A' });
    expect(refused.refused).toEqual({ reason: 'sourceLocked', pianqu: 'B' });
  });

  it('dissolves a 片区: its 社区 become unassigned, undo brings it back in its place', () => {
    const dissolved = planReducer(start(), { type: 'dissolve', code: 'B' });
    expect(dissolved.assignment.S3).toBeNull();
    expect(dissolved.assignment.S4).toBeNull();
    expect(dissolved.pianqu.map((d) => d.code)).toEqual(['A', 'C']);
    const undone = planReducer(dissolved, { type: 'undo' });
    expect(plan(undone)).toEqual(plan(start()));
  });

  it('creates a 片区 with a fresh code and refuses a taken name', () => {
    const s = start();
    const c = newPianquCode(s.pianqu);
    expect(c).toBe('NEW01');
    const created = planReducer(s, { type: 'create', pianqu: { code: c, name: '新片区' } });
    expect(created.pianqu.at(-1)).toEqual({ code: c, name: '新片区' });
    const again = planReducer(created, {
      type: 'create',
      pianqu: { code: 'NEW02', name: '新片区' },
    });
    expect(again.refused?.reason).toBe('badPianqu');
  });

  it('makes one history step of a brush stroke', () => {
    const painted = run(start(), [
      { type: 'assign', units: ['S3'], to: 'A', stroke: 7 },
      { type: 'assign', units: ['S5'], to: 'A', stroke: 7 },
    ]);
    expect(painted.past).toHaveLength(1);
    expect(plan(planReducer(painted, { type: 'undo' }))).toEqual(plan(start()));
  });

  it('tells equal assignments from different ones', () => {
    expect(sameAssignment({ S1: 'A', S2: null }, { S2: null, S1: 'A' })).toBe(true);
    expect(sameAssignment({ S1: 'A', S2: 'B' }, { S1: 'A', S2: null })).toBe(false);
    expect(sameAssignment({ S1: 'A' }, { S1: 'A', S2: 'B' })).toBe(false);
  });

  it('lists the 社区 that moved between two assignments', () => {
    expect(movedUnits({ S1: 'A', S2: 'B' }, { S1: 'A', S2: 'C' })).toEqual([
      { unit: 'S2', from: 'B', to: 'C' },
    ]);
  });

  it('restores the plan exactly after undoing any sequence of actions', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const s0 = start();
        let s = s0;
        for (const a of actions) s = planReducer(s, a);
        // Undo everything that is in the history, one step at a time.
        const steps = s.past.length;
        for (let i = 0; i < steps; i++) s = planReducer(s, { type: 'undo' });
        expect(plan(s)).toEqual(plan(s0));
        // …and redo it all back.
        let r = s;
        for (let i = 0; i < steps; i++) r = planReducer(r, { type: 'redo' });
        const done = actions.reduce(planReducer, s0);
        expect(plan(r)).toEqual(plan(done));
      }),
    );
  });

  it('never changes the 社区 of a locked 片区, whatever is asked', () => {
    fc.assert(
      fc.property(
        fc.array(
          action.filter((a) => a.type !== 'lock' && a.type !== 'undo'),
          { maxLength: 40 },
        ),
        (actions) => {
          const locked = planReducer(start(), { type: 'lock', code: 'B', locked: true });
          const end = run(locked, actions);
          expect(end.assignment.S3).toBe('B');
          expect(end.assignment.S4).toBe('B');
          for (const [unit, d] of Object.entries(end.assignment)) {
            if (unit !== 'S3' && unit !== 'S4') expect(d).not.toBe('B');
          }
          expect(end.pianqu.some((d) => d.code === 'B')).toBe(true);
        },
      ),
    );
  });

  it('keeps every 社区 in the plan under any sequence of actions', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const end = run(start(), actions);
        expect(Object.keys(end.assignment).sort()).toEqual([...UNITS].sort());
        const codes = new Set(end.pianqu.map((d) => d.code));
        for (const d of Object.values(end.assignment))
          if (d !== null) expect(codes.has(d)).toBe(true);
      }),
    );
  });
});
