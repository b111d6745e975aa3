import { describe, expect, it } from 'vitest';
import type { AssignmentOn, Scenario } from '../../server/contract/index.ts';
import {
  changedFromSaved,
  initialWorkbench,
  savedScenario,
  workbenchReducer,
  type WorkbenchAction,
  type WorkbenchState,
} from './workbench-state.ts';

const BASE = {
  assignment: { U1: 'A', U2: 'A', U3: 'B' },
  pianqu: [
    { code: 'A', name: '甲' },
    { code: 'B', name: '乙' },
  ],
};

const run = (state: WorkbenchState, ...actions: WorkbenchAction[]) =>
  actions.reduce(workbenchReducer, state);

function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    id: 7,
    schemaVersion: 1,
    name: '方案七',
    author: 'p',
    notes: 'n',
    baseVersion: 1,
    createdAt: '',
    updatedAt: '',
    assignment: { U1: 'A', U2: 'B', U3: 'B' },
    pianqu: BASE.pianqu,
    locked: ['B'],
    bandPct: 0.05,
    metrics: {} as Scenario['metrics'],
    appliedVersion: null,
    ...overrides,
  };
}

describe('the workbench reducer', () => {
  it('opens on the version with the first 片区 as the target, unchanged', () => {
    const s = initialWorkbench(BASE);
    expect(s.target).toBe('A');
    expect(s.bandPct).toBe(0.1);
    expect(changedFromSaved(s)).toBe(false);
    expect(savedScenario(s)).toBeNull();
  });

  it('keeps the target a 片区 of the plan: a dissolved target passes to the first unlocked', () => {
    let s = run(
      initialWorkbench(BASE),
      { type: 'plan', action: { type: 'lock', code: 'B', locked: true } },
      { type: 'createPianqu', name: '丙' },
    );
    const created = s.plan.pianqu[2]!.code;
    expect(s.target).toBe(created);
    s = run(s, { type: 'plan', action: { type: 'dissolve', code: created } });
    expect(s.target).toBe('A');
    s = run(s, { type: 'target', code: null });
    expect(s.target).toBe('A');
  });

  it('opens a scenario for editing, and knows when the plan differs from it', () => {
    let s = run(
      initialWorkbench(BASE),
      { type: 'side', side: 'scenarios' },
      { type: 'compareIds', ids: [7] },
      { type: 'compare' },
      { type: 'openScenario', scenario: scenario() },
    );
    expect(s.side).toBe('plan');
    expect(s.view).toBe('edit');
    expect(s.bandPct).toBe(0.05);
    expect(s.plan.locked).toEqual(['B']);
    expect(s.open?.id).toBe(7);
    expect(savedScenario(s)?.name).toBe('方案七');
    s = run(s, { type: 'plan', action: { type: 'assign', units: ['U1'], to: 'B' } });
    // B is locked: the move is refused and the plan is still the scenario.
    expect(s.plan.refused).toEqual({ reason: 'targetLocked', pianqu: 'B' });
    expect(changedFromSaved(s)).toBe(false);
    s = run(
      s,
      { type: 'plan', action: { type: 'lock', code: 'B', locked: false } },
      { type: 'plan', action: { type: 'assign', units: ['U1'], to: 'B' } },
    );
    expect(changedFromSaved(s)).toBe(true);
    expect(savedScenario(s)).toBeNull();
    s = run(s, { type: 'saved', scenario: { id: 8, name: '方案八', notes: '' } });
    expect(changedFromSaved(s)).toBe(false);
    expect(s.open?.id).toBe(8);
    expect(s.dialog).toBeNull();
  });

  it('forgets a deleted scenario, in the comparison and as the open one', () => {
    const s = run(
      initialWorkbench(BASE),
      { type: 'openScenario', scenario: scenario() },
      { type: 'compareIds', ids: [7, 9] },
      { type: 'deleted', id: 7 },
    );
    expect(s.compareIds).toEqual([9]);
    expect(s.open).toBeNull();
  });

  it('compares the current configuration with the ticked scenarios', () => {
    const s = run(initialWorkbench(BASE), { type: 'compareIds', ids: [3, 5] }, { type: 'compare' });
    expect(s.compared).toEqual(['current', '3', '5']);
    expect(s.view).toBe('compare');
    expect(run(s, { type: 'closeCompare' }).view).toBe('edit');
  });

  it('opens a past configuration unsaved, with its 片区 as they were named', () => {
    const on: AssignmentOn = {
      on: '2024-01-01',
      version: null,
      shequ: [
        { code: 'U1', pianquCode: 'B', pianquName: '旧乙' },
        { code: 'U2', pianquCode: 'A', pianquName: '旧甲' },
        { code: 'U3', pianquCode: 'A', pianquName: '旧甲' },
      ],
    };
    const s = run(
      initialWorkbench(BASE),
      { type: 'openScenario', scenario: scenario() },
      {
        type: 'openHistoric',
        on,
      },
    );
    expect(s.open).toBeNull();
    expect(s.plan.pianqu).toEqual([
      { code: 'A', name: '旧甲' },
      { code: 'B', name: '旧乙' },
    ]);
    expect(s.plan.assignment).toEqual({ U1: 'B', U2: 'A', U3: 'A' });
    expect(changedFromSaved(s)).toBe(true);
    const back = run(s, { type: 'newFromCurrent' });
    expect(back.plan.assignment).toEqual(BASE.assignment);
    expect(changedFromSaved(back)).toBe(false);
  });

  it('highlights a piece and asks the map to fit it again each time', () => {
    const s = run(
      initialWorkbench(BASE),
      { type: 'piece', units: ['U1'] },
      {
        type: 'piece',
        units: ['U1'],
      },
    );
    expect(s.highlight).toEqual(['U1']);
    expect(s.focus?.key).toBe(2);
    expect(run(s, { type: 'clearHighlight' }).highlight).toEqual([]);
  });
});
