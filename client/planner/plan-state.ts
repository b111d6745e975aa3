/**
 * The plan being edited, as pure state: which 片区 each 社区 belongs to, the 片区 of the plan,
 * which of them are locked, and a deep undo/redo history. Every change is an {@link Edit} that
 * records what it changed, so undo applies its inverse exactly and history costs memory only
 * for what moved (a city of 5,000 社区 keeps thousands of steps). No React, no map here.
 */

/** A 片区 of the plan. */
export interface Pianqu {
  /** Area code; a 片区 created in the workbench has a new code that no area has yet. */
  code: string;
  name: string;
}

/** One 社区 changing 片区 (null: unassigned, after its 片区 was dissolved). */
export interface UnitChange {
  unit: string;
  from: string | null;
  to: string | null;
}

/** One step of the history. */
export type Edit =
  /** 社区 moved to a 片区 (or out of any); `stroke` groups the moves of one brush drag. */
  | { kind: 'assign'; changes: UnitChange[]; stroke: number | null }
  /** A new 片区, appended to the list. */
  | { kind: 'create'; pianqu: Pianqu }
  /** A 片区 removed from position `index`; its 社区 (`changes`) became unassigned. */
  | { kind: 'dissolve'; pianqu: Pianqu; index: number; changes: UnitChange[] }
  /** A 片区 locked or unlocked (part of the history so that undo never moves a locked 社区). */
  | { kind: 'lock'; code: string; locked: boolean };

/** Why an action changed nothing, for the hint the workbench shows. */
export type Refusal =
  /** The target 片区 is locked: it gains no 社区. */
  | { reason: 'targetLocked'; pianqu: string }
  /** Every 社区 asked for sits in a locked 片区: they cannot leave it. */
  | { reason: 'sourceLocked'; pianqu: string }
  /** A locked 片区 cannot be dissolved. */
  | { reason: 'dissolveLocked'; pianqu: string }
  /** The code or name of a new 片区 is taken or empty. */
  | { reason: 'badPianqu'; pianqu: string }
  /** Nothing to undo or redo. */
  | { reason: 'noHistory' };

/** The plan with its history. */
export interface PlanState {
  /** 社区 code → 片区 code, or null when unassigned. Every 社区 of the zone has a key. */
  assignment: Readonly<Record<string, string | null>>;
  /** The 片区 of the plan, in the order the planner sees them. */
  pianqu: readonly Pianqu[];
  /** Codes of the locked 片区. */
  locked: readonly string[];
  /** Edits done, oldest first; undo takes the last. */
  past: readonly Edit[];
  /** Edits undone, the next to redo last. */
  future: readonly Edit[];
  /** Why the last action changed nothing (null when it did, or after any other action). */
  refused: Refusal | null;
  /** Counts every change of `assignment` or `pianqu`: a cheap key for what depends on them. */
  revision: number;
}

/** What the workbench asks of the plan. */
export type PlanAction =
  /** Start over from an assignment (current configuration or a saved scenario); clears history. */
  | {
      type: 'load';
      assignment: Readonly<Record<string, string | null>>;
      pianqu: readonly Pianqu[];
      /** Locked 片区 of a saved scenario (default none). */
      locked?: readonly string[];
    }
  /**
   * Moves 社区 to a 片区 (null: unassign). 社区 in a locked 片区 stay. With a `stroke`, moves
   * of the same brush drag join one history step.
   */
  | { type: 'assign'; units: readonly string[]; to: string | null; stroke?: number }
  | { type: 'create'; pianqu: Pianqu }
  | { type: 'dissolve'; code: string }
  | { type: 'lock'; code: string; locked: boolean }
  | { type: 'undo' }
  | { type: 'redo' };

/** An empty plan (before the units have loaded). */
export const EMPTY_PLAN: PlanState = {
  assignment: {},
  pianqu: [],
  locked: [],
  past: [],
  future: [],
  refused: null,
  revision: 0,
};

/** A plan loaded from an assignment, with no history. */
export function initialPlan(
  assignment: Readonly<Record<string, string | null>>,
  pianqu: readonly Pianqu[],
): PlanState {
  return planReducer(EMPTY_PLAN, { type: 'load', assignment, pianqu });
}

function applyChanges(
  assignment: Readonly<Record<string, string | null>>,
  changes: readonly UnitChange[],
  direction: 'forward' | 'back',
): Record<string, string | null> {
  const next = { ...assignment };
  // Backwards in reverse order: a unit changed twice in one step ends where it started.
  const ordered = direction === 'forward' ? changes : [...changes].reverse();
  for (const c of ordered) next[c.unit] = direction === 'forward' ? c.to : c.from;
  return next;
}

/**
 * The plan after an edit is done or redone (`forward`), or undone (`back`): one function for
 * both ways, so an undo cannot drift from the edit it takes back.
 */
function applyEdit(
  state: PlanState,
  edit: Edit,
  direction: 'forward' | 'back',
): Pick<PlanState, 'assignment' | 'pianqu' | 'locked'> {
  const { assignment, pianqu, locked } = state;
  const forward = direction === 'forward';
  switch (edit.kind) {
    case 'assign':
      return { assignment: applyChanges(assignment, edit.changes, direction), pianqu, locked };
    case 'create':
      return {
        assignment,
        pianqu: forward
          ? [...pianqu, edit.pianqu]
          : pianqu.filter((d) => d.code !== edit.pianqu.code),
        locked,
      };
    case 'dissolve': {
      // Undone, the 片区 goes back to where it stood in the list.
      const next = forward
        ? pianqu.filter((d) => d.code !== edit.pianqu.code)
        : [...pianqu.slice(0, edit.index), edit.pianqu, ...pianqu.slice(edit.index)];
      return {
        assignment: applyChanges(assignment, edit.changes, direction),
        pianqu: next,
        locked,
      };
    }
    case 'lock':
      return {
        assignment,
        pianqu,
        locked: inPlanOrder(
          pianqu,
          edit.locked === forward ? [...locked, edit.code] : locked.filter((c) => c !== edit.code),
        ),
      };
  }
}

/**
 * The locked codes in the plan's 片区 order: a set kept as a list, so that undoing an unlock
 * gives back the list it was, not the same codes in another order (a property test found it).
 */
function inPlanOrder(pianqu: readonly { code: string }[], locked: readonly string[]): string[] {
  const set = new Set(locked);
  return pianqu.map((p) => p.code).filter((c) => set.has(c));
}

function refuse(state: PlanState, refused: Refusal): PlanState {
  return { ...state, refused };
}

/** Records a new edit: it is done, the redo list is dropped. */
function commit(state: PlanState, edit: Edit): PlanState {
  const past = state.past;
  const last = past[past.length - 1];
  // One brush drag is one step of the history, however many 社区 it swept over.
  if (
    edit.kind === 'assign' &&
    edit.stroke !== null &&
    last?.kind === 'assign' &&
    last.stroke === edit.stroke &&
    state.future.length === 0
  ) {
    const merged: Edit = { ...last, changes: [...last.changes, ...edit.changes] };
    return {
      ...state,
      ...applyEdit(state, edit, 'forward'),
      past: [...past.slice(0, -1), merged],
      refused: null,
      revision: state.revision + 1,
    };
  }
  return {
    ...state,
    ...applyEdit(state, edit, 'forward'),
    past: [...past, edit],
    future: [],
    refused: null,
    revision: state.revision + (edit.kind === 'lock' ? 0 : 1),
  };
}

/** The next plan. Pure: the same state and action always give the same result. */
export function planReducer(state: PlanState, action: PlanAction): PlanState {
  switch (action.type) {
    case 'load': {
      const codes = new Set(action.pianqu.map((d) => d.code));
      const assignment: Record<string, string | null> = {};
      for (const [unit, pianqu] of Object.entries(action.assignment)) {
        assignment[unit] = pianqu !== null && codes.has(pianqu) ? pianqu : null;
      }
      return {
        ...EMPTY_PLAN,
        assignment,
        pianqu: [...action.pianqu],
        locked: inPlanOrder(
          action.pianqu,
          (action.locked ?? []).filter((c) => codes.has(c)),
        ),
        revision: state.revision + 1,
      };
    }
    case 'assign': {
      const { to } = action;
      if (to !== null && !state.pianqu.some((d) => d.code === to)) {
        return refuse(state, { reason: 'badPianqu', pianqu: to });
      }
      if (to !== null && state.locked.includes(to)) {
        return refuse(state, { reason: 'targetLocked', pianqu: to });
      }
      const changes: UnitChange[] = [];
      let lockedSource: string | null = null;
      const seen = new Set<string>();
      for (const unit of action.units) {
        if (seen.has(unit) || !(unit in state.assignment)) continue;
        seen.add(unit);
        const from = state.assignment[unit] ?? null;
        if (from === to) continue;
        if (from !== null && state.locked.includes(from)) {
          lockedSource = from;
          continue;
        }
        changes.push({ unit, from, to });
      }
      if (changes.length === 0) {
        return lockedSource !== null
          ? refuse(state, { reason: 'sourceLocked', pianqu: lockedSource })
          : { ...state, refused: null };
      }
      return commit(state, { kind: 'assign', changes, stroke: action.stroke ?? null });
    }
    case 'create': {
      const { code, name } = action.pianqu;
      if (
        code.trim() === '' ||
        name.trim() === '' ||
        state.pianqu.some((d) => d.code === code || d.name === name)
      ) {
        return refuse(state, { reason: 'badPianqu', pianqu: code });
      }
      return commit(state, { kind: 'create', pianqu: { code, name: name.trim() } });
    }
    case 'dissolve': {
      const index = state.pianqu.findIndex((d) => d.code === action.code);
      if (index < 0) return refuse(state, { reason: 'badPianqu', pianqu: action.code });
      if (state.locked.includes(action.code)) {
        return refuse(state, { reason: 'dissolveLocked', pianqu: action.code });
      }
      const changes: UnitChange[] = Object.entries(state.assignment)
        .filter(([, pianqu]) => pianqu === action.code)
        .map(([unit]) => ({ unit, from: action.code, to: null }));
      return commit(state, {
        kind: 'dissolve',
        pianqu: state.pianqu[index]!,
        index,
        changes,
      });
    }
    case 'lock': {
      if (!state.pianqu.some((d) => d.code === action.code)) {
        return refuse(state, { reason: 'badPianqu', pianqu: action.code });
      }
      if (state.locked.includes(action.code) === action.locked) return { ...state, refused: null };
      return commit(state, { kind: 'lock', code: action.code, locked: action.locked });
    }
    case 'undo': {
      const edit = state.past[state.past.length - 1];
      if (!edit) return refuse(state, { reason: 'noHistory' });
      return {
        ...state,
        ...applyEdit(state, edit, 'back'),
        past: state.past.slice(0, -1),
        future: [...state.future, edit],
        refused: null,
        revision: state.revision + 1,
      };
    }
    case 'redo': {
      const edit = state.future[state.future.length - 1];
      if (!edit) return refuse(state, { reason: 'noHistory' });
      return {
        ...state,
        ...applyEdit(state, edit, 'forward'),
        past: [...state.past, edit],
        future: state.future.slice(0, -1),
        refused: null,
        revision: state.revision + 1,
      };
    }
  }
}

/** The 社区 of each 片区 (and `null`: the unassigned), in assignment order. */
export function unitsByPianqu(
  assignment: Readonly<Record<string, string | null>>,
): Map<string | null, string[]> {
  const by = new Map<string | null, string[]>();
  for (const [unit, pianqu] of Object.entries(assignment)) {
    const list = by.get(pianqu);
    if (list) list.push(unit);
    else by.set(pianqu, [unit]);
  }
  return by;
}

/** The 社区 whose 片区 differs between two assignments, with where they were and are. */
export function movedUnits(
  before: Readonly<Record<string, string | null>>,
  after: Readonly<Record<string, string | null>>,
): UnitChange[] {
  const moved: UnitChange[] = [];
  for (const unit of Object.keys(after).sort()) {
    const from = before[unit] ?? null;
    const to = after[unit] ?? null;
    if (from !== to) moved.push({ unit, from, to });
  }
  return moved;
}

/** Whether two assignments put every 社区 in the same 片区 (stops at the first difference). */
export function sameAssignment(
  a: Readonly<Record<string, string | null>>,
  b: Readonly<Record<string, string | null>>,
): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null) || !(k in b)) return false;
  return true;
}

/** A code for a new 片区 that no 片区 of the plan has: `NEW01`, `NEW02`, … */
export function newPianquCode(pianqu: readonly Pianqu[]): string {
  const taken = new Set(pianqu.map((d) => d.code));
  for (let n = 1; ; n++) {
    const code = `NEW${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
}
