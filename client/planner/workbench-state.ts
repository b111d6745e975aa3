/**
 * The workbench around the plan, as pure state: the plan being edited (plan-state.ts), the
 * scenario it came from, the band, the target 片区 and tool, what is highlighted, which panel,
 * view and dialog are open, and what is being compared. Every change is an action, so the
 * rules (the target is always a 片区 of the plan, opening a scenario shows it for editing) are
 * written once here and tested without React.
 */
import type { AssignmentOn, Scenario } from '../../server/contract/index.ts';
import { DEFAULT_BAND_PCT } from '../../server/contract/planner-units.ts';
import type { PlannerTool } from './map/PlannerMap.tsx';
import {
  EMPTY_PLAN,
  newPianquCode,
  planReducer,
  sameAssignment,
  type Pianqu,
  type PlanAction,
  type PlanState,
} from './plan-state.ts';

/** An assignment of the workbench with its 片区 list. */
export interface PlanSnapshot {
  assignment: Readonly<Record<string, string | null>>;
  pianqu: readonly Pianqu[];
}

/** The scenario open in the workbench, as last saved or opened. */
export interface OpenScenario extends PlanSnapshot {
  id: number;
  name: string;
  notes: string;
}

export interface WorkbenchState {
  plan: PlanState;
  /** The configuration of the version (what "new from current" loads again). */
  base: PlanSnapshot;
  bandPct: number;
  /** The scenario the plan came from; null for the current configuration or a past one. */
  open: OpenScenario | null;
  /** The 片区 a click or brush assigns to. */
  target: string | null;
  tool: PlannerTool;
  /** Brush radius, CSS pixels; null until the brush is first taken (then fitted to the map). */
  brushRadius: number | null;
  /** 社区 highlighted on the map (a piece of a non-contiguous 片区). */
  highlight: readonly string[];
  /** The map fits these 社区; `key` changes on every ask, so the same piece fits again. */
  focus: { key: number; units: readonly string[] } | null;
  side: 'plan' | 'scenarios';
  view: 'edit' | 'compare';
  /** Scenario ids ticked for comparison. */
  compareIds: readonly number[];
  /** The plans of the comparison shown (`current` first), once one was asked for. */
  compared: readonly string[] | null;
  dialog: 'save' | 'apply' | null;
}

export type WorkbenchAction =
  /** An edit of the plan (move, create, dissolve, lock, undo, redo). */
  | { type: 'plan'; action: PlanAction }
  /** A new 片区 named `name`, which becomes the target. */
  | { type: 'createPianqu'; name: string }
  | { type: 'openScenario'; scenario: Scenario }
  /** A past configuration, opened as an unsaved plan (its 片区 as they were named then). */
  | { type: 'openHistoric'; on: AssignmentOn }
  | { type: 'newFromCurrent' }
  /** The plan was saved as this scenario. */
  | { type: 'saved'; scenario: Pick<Scenario, 'id' | 'name' | 'notes'> }
  | { type: 'deleted'; id: number }
  | { type: 'target'; code: string | null }
  | { type: 'tool'; tool: PlannerTool }
  | { type: 'brushRadius'; radius: number }
  | { type: 'band'; bandPct: number }
  /** Highlight a piece of a 片区 and fit the map to it. */
  | { type: 'piece'; units: readonly string[] }
  | { type: 'clearHighlight' }
  | { type: 'side'; side: WorkbenchState['side'] }
  | { type: 'compareIds'; ids: readonly number[] }
  | { type: 'compare' }
  | { type: 'closeCompare' }
  | { type: 'dialog'; dialog: WorkbenchState['dialog'] };

/** The workbench opened on a version's configuration. */
export function initialWorkbench(base: PlanSnapshot): WorkbenchState {
  const plan = planReducer(EMPTY_PLAN, { type: 'load', ...base });
  return {
    plan,
    base,
    bandPct: DEFAULT_BAND_PCT,
    open: null,
    target: base.pianqu[0]?.code ?? null,
    tool: 'click',
    brushRadius: null,
    highlight: [],
    focus: null,
    side: 'plan',
    view: 'edit',
    compareIds: [],
    compared: null,
    dialog: null,
  };
}

/** The target must be a 片区 of the plan; when it is gone, the first unlocked one. */
function keepTarget(state: WorkbenchState): WorkbenchState {
  const { plan, target } = state;
  if (target !== null && plan.pianqu.some((p) => p.code === target)) return state;
  const next = plan.pianqu.find((p) => !plan.locked.includes(p.code))?.code ?? null;
  return next === target ? state : { ...state, target: next };
}

function withPlan(state: WorkbenchState, action: PlanAction): WorkbenchState {
  return { ...state, plan: planReducer(state.plan, action) };
}

/** The workbench after an action. */
export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  return keepTarget(step(state, action));
}

function step(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case 'plan':
      return withPlan(state, action.action);
    case 'createPianqu': {
      const code = newPianquCode(state.plan.pianqu);
      const next = withPlan(state, { type: 'create', pianqu: { code, name: action.name } });
      return { ...next, target: code };
    }
    case 'openScenario': {
      const s = action.scenario;
      const pianqu = s.pianqu.map((p) => ({ code: p.code, name: p.name }));
      const loaded = withPlan(state, {
        type: 'load',
        assignment: s.assignment,
        pianqu,
        locked: s.locked,
      });
      return {
        ...loaded,
        bandPct: s.bandPct,
        open: { id: s.id, name: s.name, notes: s.notes, assignment: s.assignment, pianqu },
        side: 'plan',
        view: 'edit',
      };
    }
    case 'openHistoric': {
      const names = new Map<string, string>();
      const rows = [...action.on.shequ].sort((x, y) => (x.pianquCode < y.pianquCode ? -1 : 1));
      for (const row of rows) names.set(row.pianquCode, row.pianquName);
      const loaded = withPlan(state, {
        type: 'load',
        assignment: Object.fromEntries(action.on.shequ.map((row) => [row.code, row.pianquCode])),
        pianqu: [...names].map(([code, name]) => ({ code, name })),
      });
      return { ...loaded, open: null, side: 'plan' };
    }
    case 'newFromCurrent':
      return {
        ...withPlan(state, { type: 'load', ...state.base }),
        bandPct: DEFAULT_BAND_PCT,
        open: null,
      };
    case 'saved': {
      const { id, name, notes } = action.scenario;
      const { assignment, pianqu } = state.plan;
      return { ...state, open: { id, name, notes, assignment, pianqu }, dialog: null };
    }
    case 'deleted':
      return {
        ...state,
        compareIds: state.compareIds.filter((x) => x !== action.id),
        open: state.open?.id === action.id ? null : state.open,
      };
    case 'target':
      return { ...state, target: action.code };
    case 'tool':
      return { ...state, tool: action.tool };
    case 'brushRadius':
      return { ...state, brushRadius: action.radius };
    case 'band':
      return { ...state, bandPct: action.bandPct };
    case 'piece':
      return {
        ...state,
        highlight: action.units,
        focus: { key: (state.focus?.key ?? 0) + 1, units: action.units },
      };
    case 'clearHighlight':
      return { ...state, highlight: [] };
    case 'side':
      return { ...state, side: action.side };
    case 'compareIds':
      return { ...state, compareIds: action.ids };
    case 'compare':
      return { ...state, compared: ['current', ...state.compareIds.map(String)], view: 'compare' };
    case 'closeCompare':
      return { ...state, view: 'edit' };
    case 'dialog':
      return { ...state, dialog: action.dialog };
  }
}

/** Whether the plan differs from the scenario it came from (or the version's configuration). */
export function changedFromSaved(state: WorkbenchState): boolean {
  const saved = state.open ?? state.base;
  const { plan } = state;
  if (!sameAssignment(saved.assignment, plan.assignment)) return true;
  return (
    saved.pianqu.length !== plan.pianqu.length ||
    saved.pianqu.some((p, i) => p.code !== plan.pianqu[i]?.code || p.name !== plan.pianqu[i]?.name)
  );
}

/** The open scenario when it is saved as shown: what export and apply work on. */
export function savedScenario(state: WorkbenchState): OpenScenario | null {
  return state.open !== null && !changedFromSaved(state) ? state.open : null;
}
