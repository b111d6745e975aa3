/**
 * Redistricting metrics, pure and shared: the planner client imports this module (like the
 * contract) to preview every move in the browser, and the server runs the same code when a
 * scenario is saved, so the two can never disagree. It must import nothing from the server
 * (no database, no Node APIs): types from the contract only.
 *
 * No geometry here. PostGIS precomputes, once per boundary version, each 社区's additive
 * figures, area, perimeter and the boundary length it shares with each neighbour; then a
 * 片区's perimeter is Σ member perimeters − 2 Σ lengths shared inside it, contiguity is a
 * graph search, and outlines are the shared edges whose two sides differ.
 *
 * Speed: a move touches only the 片区 it takes 社区 from and gives them to; those are
 * recomputed from their (sorted) member lists, the rest is reused. Plan states are immutable,
 * so undo/redo is a stack of states or of {@link PlanChange}s, and recomputing a 片区 from
 * the same members gives bit-identical floats (members are summed in unit order), so an undo
 * restores exactly and an incremental update equals a full recompute.
 *
 * Unassigned 社区: a plan being edited may hold 社区 without a 片区 (after a dissolve); a saved
 * one may not. With `allowUnassigned` they are held apart, outside every 片区's figures and
 * the count the ideal population divides by (which stays total / real 片区, since those must
 * eventually hold everyone); {@link unassignedOf} lists them.
 *
 * One file, past 400 lines, on purpose: the full recompute ({@link createPlan}) and the
 * incremental one ({@link applyAssignment}) must share the private `computeCore` and `finish`
 * to give bit-identical floats; split, those would become exports nothing else should call.
 */
import {
  DEFAULT_BAND_PCT,
  UNIT_FIGURE_KEYS,
  type Assignment,
  type PianquMetrics,
  type PlanMetrics,
  type PlanPianqu,
  type PlannerUnit,
  type UnitAdjacency,
  type UnitFigures,
} from './planner.ts';

/**
 * An assignment being edited: 社区 code → 片区 code, or null (or no key) for a 社区 without one.
 * A saved plan's {@link Assignment} is one with every 社区 assigned.
 */
export type DraftAssignment = Readonly<Record<string, string | null>>;

/** Where unassigned units are held in a state's `of` and `cores`: never a 片区 code (codes have
 * at least one character), and never in the plan's 片区 list, so no metric row counts it. */
const NONE = '';

/** Options of {@link createPlan}. */
export interface PlanOptions {
  /** Target band; default {@link DEFAULT_BAND_PCT}. */
  bandPct?: number;
  /** Hold 社区 without a 片区 as unassigned rather than refuse the plan. Default false. */
  allowUnassigned?: boolean;
}

/** 社区 without a 片区 in a plan being edited, and how many people live in them. */
export interface Unassigned {
  /** Their codes, ascending. */
  units: string[];
  population: number;
}

/** The units and their adjacency, indexed for fast metrics. Build once per boundary version. */
export interface PlanGraph {
  /** The units, sorted by code; a unit's index is its position here. */
  readonly units: readonly PlannerUnit[];
  /** Unit code → index. */
  readonly index: ReadonlyMap<string, number>;
  /** The adjacency pairs as given (drawing order of the edge lines). */
  readonly adjacency: readonly UnitAdjacency[];
  /** Neighbours of unit i: `neighbours[start[i] .. start[i+1])`, with their shared lengths. */
  readonly start: Int32Array;
  readonly neighbours: Int32Array;
  readonly shared: Float64Array;
  /** Adjacency pair k as unit indices. */
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  /** Every unit's figures summed. */
  readonly totals: UnitFigures;
}

/** What is wrong with an assignment, by code. Empty lists everywhere means it is valid. */
export interface AssignmentProblems {
  /** Codes in the assignment that are not units of the version. */
  unknownUnits: string[];
  /** Units of the version without a 片区. */
  missingUnits: string[];
  /** 片区 codes used by the assignment but not in the plan's 片区 list. */
  unknownPianqu: string[];
  /** 片区 codes listed twice. */
  duplicatePianqu: string[];
}

/** Everything about one 片区 that does not depend on the rest of the plan. */
interface PianquCore {
  readonly code: string;
  /** Member unit indices, ascending. */
  readonly members: readonly number[];
  readonly figures: UnitFigures;
  readonly areaM2: number;
  readonly perimeterM: number;
  readonly components: string[][];
  readonly streets: { street: string | null; units: number }[];
}

/** One plan being edited: immutable; every edit returns a new state. */
export interface PlanState {
  /** The plan's 片区, in display order (empty ones included until removed). */
  readonly pianqu: readonly PlanPianqu[];
  /** Target band, a fraction of the ideal population. */
  readonly bandPct: number;
  /**
   * 片区 of each unit, by unit index (`graph.units` order; `NONE` when unassigned).
   * {@link assignmentOf} turns it into a 社区 code → 片区 code record; not kept here, so a
   * move on 5,000 社区 copies no record.
   */
  readonly of: readonly string[];
  readonly cores: ReadonlyMap<string, PianquCore>;
  readonly metrics: PlanMetrics;
}

/**
 * A reversible edit: `to` the new 片区 of each unit it moved, `from` the one it left. Undo is
 * `applyAssignment(graph, state, change.from)`, redo the same with `change.to`.
 */
export interface PlanChange {
  /** null: unassigned. */
  readonly to: DraftAssignment;
  readonly from: DraftAssignment;
}

/** The answer of {@link moveUnits}. */
export interface MoveResult {
  state: PlanState;
  /** null when nothing moved. */
  change: PlanChange | null;
  /** Units not moved because their 片区 or the target is locked. */
  refused: string[];
}

/** A unit's figures before anything is counted. */
export const zeroFigures = (): UnitFigures => ({
  population: 0,
  households: 0,
  workers: 0,
  openIssues: 0,
  issues12m: 0,
  sites: 0,
  staff: 0,
  escalations12m: 0,
});

/** Indexes units and adjacency. Adjacency naming an unknown unit is an error. */
export function buildGraph(
  units: readonly PlannerUnit[],
  adjacency: readonly UnitAdjacency[],
): PlanGraph {
  const sorted = [...units].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const index = new Map<string, number>();
  sorted.forEach((u, i) => index.set(u.code, i));
  if (index.size !== sorted.length) throw new Error('duplicate unit codes');
  const n = sorted.length;
  const pairA = new Int32Array(adjacency.length);
  const pairB = new Int32Array(adjacency.length);
  const degree = new Int32Array(n + 1);
  adjacency.forEach((e, k) => {
    const a = index.get(e.a);
    const b = index.get(e.b);
    if (a === undefined || b === undefined) {
      throw new Error(`adjacency ${e.a}–${e.b} names an unknown unit`);
    }
    pairA[k] = a;
    pairB[k] = b;
    degree[a]!++;
    degree[b]!++;
  });
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const neighbours = new Int32Array(start[n]!);
  const shared = new Float64Array(start[n]!);
  const fill = start.slice(0, n);
  adjacency.forEach((e, k) => {
    const a = pairA[k]!;
    const b = pairB[k]!;
    neighbours[fill[a]!] = b;
    shared[fill[a]!++] = e.sharedM;
    neighbours[fill[b]!] = a;
    shared[fill[b]!++] = e.sharedM;
  });
  const totals = zeroFigures();
  for (const u of sorted) for (const key of UNIT_FIGURE_KEYS) totals[key] += u.figures[key];
  return { units: sorted, index, adjacency, start, neighbours, shared, pairA, pairB, totals };
}

/** Checks that an assignment covers exactly the graph's units with 片区 of the list. */
export function assignmentProblems(
  graph: PlanGraph,
  assignment: Readonly<Assignment>,
  pianqu: readonly PlanPianqu[],
): AssignmentProblems {
  const listed = new Set<string>();
  const duplicatePianqu: string[] = [];
  for (const p of pianqu) {
    if (listed.has(p.code)) duplicatePianqu.push(p.code);
    listed.add(p.code);
  }
  const unknownUnits: string[] = [];
  const unknownPianqu = new Set<string>();
  for (const [unit, pq] of Object.entries(assignment)) {
    if (!graph.index.has(unit)) unknownUnits.push(unit);
    else if (!listed.has(pq)) unknownPianqu.add(pq);
  }
  const missingUnits = graph.units
    .filter((u) => !Object.prototype.hasOwnProperty.call(assignment, u.code))
    .map((u) => u.code);
  return {
    unknownUnits: unknownUnits.sort(),
    missingUnits,
    unknownPianqu: [...unknownPianqu].sort(),
    duplicatePianqu,
  };
}

/** True when {@link assignmentProblems} found nothing. */
export function isValidAssignment(problems: AssignmentProblems): boolean {
  return (
    problems.unknownUnits.length === 0 &&
    problems.missingUnits.length === 0 &&
    problems.unknownPianqu.length === 0 &&
    problems.duplicatePianqu.length === 0
  );
}

/** A sentence naming every problem (for a 400 answer), or null. */
export function describeProblems(problems: AssignmentProblems): string | null {
  const parts: string[] = [];
  const list = (codes: string[]) =>
    codes.slice(0, 20).join(', ') + (codes.length > 20 ? ` and ${codes.length - 20} more` : '');
  if (problems.unknownUnits.length) parts.push(`unknown 社区: ${list(problems.unknownUnits)}`);
  if (problems.missingUnits.length)
    parts.push(`社区 without a 片区: ${list(problems.missingUnits)}`);
  if (problems.unknownPianqu.length)
    parts.push(`片区 not in the plan's list: ${list(problems.unknownPianqu)}`);
  if (problems.duplicatePianqu.length)
    parts.push(`片区 listed twice: ${list(problems.duplicatePianqu)}`);
  return parts.length ? parts.join('; ') : null;
}

/** Recomputes one 片区 from its members (ascending indices), with `of` the unit → 片区 map. */
function computeCore(
  graph: PlanGraph,
  code: string,
  members: readonly number[],
  of: readonly string[],
): PianquCore {
  const figures = zeroFigures();
  let areaM2 = 0;
  let perimeterM = 0;
  let internal = 0;
  const streetCounts = new Map<string | null, number>();
  const { units, start, neighbours, shared } = graph;
  for (const i of members) {
    const u = units[i]!;
    for (const key of UNIT_FIGURE_KEYS) figures[key] += u.figures[key];
    areaM2 += u.areaM2;
    perimeterM += u.perimeterM;
    streetCounts.set(u.street, (streetCounts.get(u.street) ?? 0) + 1);
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = neighbours[k]!;
      if (j > i && of[j] === code) internal += shared[k]!;
    }
  }
  perimeterM -= 2 * internal;
  // Shared lengths are measured on their own; never let rounding make a perimeter negative.
  if (perimeterM < 0) perimeterM = 0;

  // Connected pieces by breadth-first search over members.
  const seen = new Uint8Array(units.length);
  const components: string[][] = [];
  for (const s of members) {
    if (seen[s]) continue;
    seen[s] = 1;
    const piece = [s];
    for (let q = 0; q < piece.length; q++) {
      const i = piece[q]!;
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const j = neighbours[k]!;
        if (!seen[j] && of[j] === code) {
          seen[j] = 1;
          piece.push(j);
        }
      }
    }
    piece.sort((x, y) => x - y);
    components.push(piece.map((i) => units[i]!.code));
  }
  // Largest first; ties by first code (units are sorted by code, so by first index).
  components.sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));

  const streets = [...streetCounts.entries()]
    .map(([street, n]) => ({ street, units: n }))
    .sort(
      (x, y) =>
        y.units - x.units ||
        (x.street === null ? 1 : y.street === null ? -1 : x.street < y.street ? -1 : 1),
    );
  return { code, members, figures, areaM2, perimeterM, components, streets };
}

const ratio = (num: number, den: number, scale = 1) => (den > 0 ? (num * scale) / den : null);

/** Plan-wide figures from the 片区 cores: cheap (one pass over the 片区). */
function finish(
  graph: PlanGraph,
  pianqu: readonly PlanPianqu[],
  cores: ReadonlyMap<string, PianquCore>,
  bandPct: number,
): PlanMetrics {
  const nonEmpty = pianqu.filter((p) => (cores.get(p.code)?.members.length ?? 0) > 0);
  const count = nonEmpty.length;
  const ideal = count > 0 ? graph.totals.population / count : 0;
  let maxAbsDeviation = 0;
  let maxAbsDeviationPct = 0;
  let ppSum = 0;
  let ppN = 0;
  let ppMin: number | null = null;
  const outsideBand: string[] = [];
  const nonContiguous: string[] = [];
  const streetSplits: string[] = [];
  const rows: PianquMetrics[] = pianqu.map((p) => {
    const core = cores.get(p.code);
    const members = core?.members.length ?? 0;
    const f = core?.figures ?? zeroFigures();
    const empty = members === 0;
    const deviation = empty ? null : f.population - ideal;
    const deviationPct = empty || deviation === null ? null : ideal > 0 ? deviation / ideal : 0;
    // A hair of tolerance so a 片区 exactly on the band's edge counts as inside.
    const withinBand = deviationPct === null || Math.abs(deviationPct) <= bandPct + 1e-12;
    const areaM2 = core?.areaM2 ?? 0;
    const perimeterM = core?.perimeterM ?? 0;
    const polsbyPopper = !empty && perimeterM > 0 ? (4 * Math.PI * areaM2) / perimeterM ** 2 : null;
    const components = core?.components ?? [];
    const streets = core?.streets ?? [];
    if (!empty) {
      if (Math.abs(deviation!) > maxAbsDeviation) maxAbsDeviation = Math.abs(deviation!);
      if (Math.abs(deviationPct!) > maxAbsDeviationPct)
        maxAbsDeviationPct = Math.abs(deviationPct!);
      if (!withinBand) outsideBand.push(p.code);
      if (components.length > 1) nonContiguous.push(p.code);
      if (streets.length > 1) streetSplits.push(p.code);
      if (polsbyPopper !== null) {
        ppSum += polsbyPopper;
        ppN++;
        if (ppMin === null || polsbyPopper < ppMin) ppMin = polsbyPopper;
      }
    }
    return {
      code: p.code,
      units: members,
      figures: { ...f },
      deviation,
      deviationPct,
      withinBand,
      householdsPerWorker: ratio(f.households, f.workers),
      openIssuesPerWorker: ratio(f.openIssues, f.workers),
      issues12mPerWorker: ratio(f.issues12m, f.workers),
      sitesPer10k: ratio(f.sites, f.population, 10_000),
      staffPer10k: ratio(f.staff, f.population, 10_000),
      areaM2,
      perimeterM,
      polsbyPopper,
      contiguous: components.length <= 1,
      // Shared with the core, not copied: a move must not cost a copy of every 片区's member
      // list. Metrics are immutable like the state.
      components,
      streets,
      splitsStreets: streets.length > 1,
    };
  });
  return {
    totals: { ...graph.totals },
    pianquCount: count,
    idealPopulation: ideal,
    bandPct,
    maxAbsDeviation,
    maxAbsDeviationPct,
    outsideBand,
    nonContiguous,
    streetSplits,
    minPolsbyPopper: ppMin,
    meanPolsbyPopper: ppN > 0 ? ppSum / ppN : null,
    pianqu: rows,
  };
}

/** Thrown by {@link createPlan} for an assignment that does not fit the graph. */
export class AssignmentError extends Error {
  constructor(readonly problems: AssignmentProblems) {
    super(describeProblems(problems) ?? 'invalid assignment');
    this.name = 'AssignmentError';
  }
}

/** The assigned entries of a draft (its nulls left out). */
function assignedOnly(assignment: DraftAssignment): Assignment {
  const out: Assignment = {};
  for (const [unit, pq] of Object.entries(assignment)) if (pq !== null) out[unit] = pq;
  return out;
}

/**
 * A plan from scratch (full recompute): every unit must be assigned to a 片区 of the list,
 * unless `allowUnassigned` holds the others apart.
 */
export function createPlan(
  graph: PlanGraph,
  assignment: DraftAssignment,
  pianqu: readonly PlanPianqu[],
  options: PlanOptions = {},
): PlanState {
  const assigned = assignedOnly(assignment);
  const problems = assignmentProblems(graph, assigned, pianqu);
  if (options.allowUnassigned) problems.missingUnits = [];
  if (!isValidAssignment(problems)) throw new AssignmentError(problems);
  const of = graph.units.map((u) => assigned[u.code] ?? NONE);
  const members = new Map<string, number[]>(pianqu.map((p) => [p.code, []]));
  members.set(NONE, []);
  of.forEach((pq, i) => members.get(pq)!.push(i));
  const cores = new Map<string, PianquCore>();
  for (const [code, m] of members) cores.set(code, computeCore(graph, code, m, of));
  const bandPct = options.bandPct ?? DEFAULT_BAND_PCT;
  return {
    pianqu: pianqu.map((p) => ({ ...p })),
    bandPct,
    of,
    cores,
    metrics: finish(graph, pianqu, cores, bandPct),
  };
}

/** The metrics of an assignment in one call (what the server runs when saving). */
export function computeMetrics(
  graph: PlanGraph,
  assignment: DraftAssignment,
  pianqu: readonly PlanPianqu[],
  options: PlanOptions = {},
): PlanMetrics {
  return createPlan(graph, assignment, pianqu, options).metrics;
}

/**
 * Reassigns units (unit code → 片区 code, or null to unassign) and recomputes only the 片区
 * that lost or gained one. Unknown units or 片区 not in the list throw; locks are not checked
 * here (see {@link moveUnits}).
 */
export function applyAssignment(
  graph: PlanGraph,
  state: PlanState,
  changes: DraftAssignment,
): PlanState {
  const listed = new Set(state.pianqu.map((p) => p.code));
  const of = state.of.slice();
  const touched = new Set<string>();
  const moved: number[] = [];
  for (const [unit, target] of Object.entries(changes)) {
    const i = graph.index.get(unit);
    if (i === undefined) throw new Error(`unknown 社区 ${unit}`);
    if (target !== null && !listed.has(target))
      throw new Error(`片区 ${target} is not in the plan`);
    const to = target ?? NONE;
    if (of[i] === to) continue;
    touched.add(of[i]!);
    touched.add(to);
    of[i] = to;
    moved.push(i);
  }
  if (moved.length === 0) return state;
  const cores = new Map(state.cores);
  for (const code of touched) {
    const old = state.cores.get(code)?.members ?? [];
    // Members stay ascending: keep the ones still here, add the arrivals, sort once.
    const kept = old.filter((i) => of[i] === code);
    const arrived = moved.filter((i) => of[i] === code);
    const members = arrived.length ? [...kept, ...arrived].sort((x, y) => x - y) : kept;
    cores.set(code, computeCore(graph, code, members, of));
  }
  return {
    ...state,
    of,
    cores,
    metrics: finish(graph, state.pianqu, cores, state.bandPct),
  };
}

/**
 * Moves units to one 片区 (a click or a brush stroke). Units already there are skipped; units
 * of a locked 片区, or any unit when the target is locked, are refused.
 */
export function moveUnits(
  graph: PlanGraph,
  state: PlanState,
  units: readonly string[],
  to: string,
  locked: ReadonlySet<string> = new Set(),
): MoveResult {
  const toMap: Record<string, string> = {};
  const fromMap: Record<string, string | null> = {};
  const refused: string[] = [];
  for (const unit of units) {
    const i = graph.index.get(unit);
    if (i === undefined) throw new Error(`unknown 社区 ${unit}`);
    const from = state.of[i]!;
    if (from === to || unit in toMap) continue;
    if (locked.has(to) || locked.has(from)) {
      refused.push(unit);
      continue;
    }
    toMap[unit] = to;
    fromMap[unit] = from === NONE ? null : from;
  }
  if (Object.keys(toMap).length === 0) return { state, change: null, refused };
  return {
    state: applyAssignment(graph, state, toMap),
    change: { to: toMap, from: fromMap },
    refused,
  };
}

/** Undoes a change made by {@link moveUnits} (exactly: the same floats as before). */
export function undoChange(graph: PlanGraph, state: PlanState, change: PlanChange): PlanState {
  return applyAssignment(graph, state, change.from);
}

/** Redoes an undone change. */
export function redoChange(graph: PlanGraph, state: PlanState, change: PlanChange): PlanState {
  return applyAssignment(graph, state, change.to);
}

/** Adds a new, empty 片区 to the plan (its code must be new). */
export function addPianqu(graph: PlanGraph, state: PlanState, pianqu: PlanPianqu): PlanState {
  if (state.pianqu.some((p) => p.code === pianqu.code)) {
    throw new Error(`片区 ${pianqu.code} is already in the plan`);
  }
  const list = [...state.pianqu, { ...pianqu }];
  const cores = new Map(state.cores);
  cores.set(pianqu.code, computeCore(graph, pianqu.code, [], state.of));
  return { ...state, pianqu: list, cores, metrics: finish(graph, list, cores, state.bandPct) };
}

/** Removes an empty 片区 from the plan (dissolve: move its 社区 away first). */
export function removePianqu(graph: PlanGraph, state: PlanState, code: string): PlanState {
  if ((state.cores.get(code)?.members.length ?? 0) > 0) {
    throw new Error(`片区 ${code} still has 社区; move them first`);
  }
  const list = state.pianqu.filter((p) => p.code !== code);
  const cores = new Map(state.cores);
  cores.delete(code);
  return { ...state, pianqu: list, cores, metrics: finish(graph, list, cores, state.bandPct) };
}

/** Renames a 片区 of the plan. */
export function renamePianqu(state: PlanState, code: string, name: string): PlanState {
  return { ...state, pianqu: state.pianqu.map((p) => (p.code === code ? { ...p, name } : p)) };
}

/** Sets the target band (a fraction of the ideal population). */
export function setBand(graph: PlanGraph, state: PlanState, bandPct: number): PlanState {
  return { ...state, bandPct, metrics: finish(graph, state.pianqu, state.cores, bandPct) };
}

/** The plan's assignment, 社区 code → 片区 code (what a scenario saves); unassigned 社区 have no key. */
export function assignmentOf(graph: PlanGraph, state: PlanState): Assignment {
  const out: Assignment = {};
  graph.units.forEach((u, i) => {
    if (state.of[i] !== NONE) out[u.code] = state.of[i]!;
  });
  return out;
}

/** The 社区 of a plan that have no 片区, and their population. */
export function unassignedOf(graph: PlanGraph, state: PlanState): Unassigned {
  const core = state.cores.get(NONE);
  return {
    units: (core?.members ?? []).map((i) => graph.units[i]!.code),
    population: core?.figures.population ?? 0,
  };
}

/** The members of a 片区, as unit codes (ascending). */
export function membersOf(graph: PlanGraph, state: PlanState, code: string): string[] {
  return (state.cores.get(code)?.members ?? []).map((i) => graph.units[i]!.code);
}

/**
 * Which adjacency pairs lie on a 片区 outline under the assignment: `true` at index k when the
 * two 社区 of `graph.adjacency[k]` are in different 片区. Zone-edge lines are always outline.
 */
export function outlineEdges(graph: PlanGraph, of: readonly string[]): boolean[] {
  const out = new Array<boolean>(graph.pairA.length);
  for (let k = 0; k < out.length; k++) out[k] = of[graph.pairA[k]!] !== of[graph.pairB[k]!];
  return out;
}

/** Units whose 片区 differs between two assignments (sorted codes). */
export function movedUnits(a: Readonly<Assignment>, b: Readonly<Assignment>): string[] {
  const codes = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...codes].filter((c) => a[c] !== b[c]).sort();
}

/**
 * What a plan should not become in force with unless the planner says so: a 片区 in pieces
 * (不连通) or outside the population band. (A 社区 without a 片区 is refused outright at save.)
 * One warning per 片区 and kind, named `kind:code`: the apply dialog lists them, the planner
 * confirms each by name (`ApplyBody.overrides`), the server refuses the rest and audits them.
 */
export interface ApplyWarning {
  id: string;
  kind: 'nonContiguous' | 'outsideBand';
  code: string;
  /** Pieces of a 片区 in pieces; its deviation from the ideal (a fraction) outside the band. */
  value: number;
}

/** The warnings of a plan's metrics, in its 片区 order. */
export function applyWarnings(metrics: PlanMetrics): ApplyWarning[] {
  const warnings: ApplyWarning[] = [];
  for (const p of metrics.pianqu) {
    if (p.units === 0) continue;
    if (!p.contiguous) {
      warnings.push({
        id: `nonContiguous:${p.code}`,
        kind: 'nonContiguous',
        code: p.code,
        value: p.components.length,
      });
    }
    if (!p.withinBand) {
      warnings.push({
        id: `outsideBand:${p.code}`,
        kind: 'outsideBand',
        code: p.code,
        value: p.deviationPct ?? 0,
      });
    }
  }
  return warnings;
}
