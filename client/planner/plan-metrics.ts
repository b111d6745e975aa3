/**
 * The metrics of the plan being edited, kept current move by move with the shared metrics
 * module (server/contract/planner-metrics.ts, the same code the server runs when saving): a
 * move recomputes only the 片区 it touched. 社区 without a 片区 (after a dissolve) are held
 * apart by that module too (`allowUnassigned`, `unassignedOf`).
 */
import type { PlanMetrics, PlanPianqu } from '../../server/contract/index.ts';
import {
  applyAssignment,
  createPlan,
  unassignedOf,
  type DraftAssignment,
  type PlanGraph,
  type PlanState as MetricsState,
  type Unassigned,
} from '../../server/contract/planner-metrics.ts';

/** The plan's metrics as the workbench shows them. */
export interface WorkbenchMetrics extends PlanMetrics {
  /** 社区 without a 片区, and their population. */
  unassigned: Unassigned;
}

/**
 * Keeps the metrics of a changing plan: call it with each new plan; it recomputes in full when
 * the 片区 list or the band changed, and otherwise only the 片区 whose 社区 changed.
 */
export function metricsTracker(graph: PlanGraph) {
  let last: {
    assignment: DraftAssignment;
    pianquKey: string;
    bandPct: number;
    state: MetricsState;
  } | null = null;

  return function update(
    assignment: DraftAssignment,
    pianqu: readonly Pick<PlanPianqu, 'code' | 'name'>[],
    bandPct: number,
  ): WorkbenchMetrics {
    const pianquKey = pianqu.map((p) => `${p.code}\u0000${p.name}`).join('\u0001');
    let state: MetricsState;
    if (!last || last.pianquKey !== pianquKey || last.bandPct !== bandPct) {
      const list = pianqu.map((p) => ({ code: p.code, name: p.name }));
      state = createPlan(graph, assignment, list, { bandPct, allowUnassigned: true });
    } else {
      const changes: Record<string, string | null> = {};
      for (const { code } of graph.units) {
        const now = assignment[code] ?? null;
        if (now !== (last.assignment[code] ?? null)) changes[code] = now;
      }
      state = applyAssignment(graph, last.state, changes);
    }
    last = { assignment, pianquKey, bandPct, state };
    return { ...state.metrics, unassigned: unassignedOf(graph, state) };
  };
}
