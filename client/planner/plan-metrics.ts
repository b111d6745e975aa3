/**
 * The metrics of the plan being edited, kept current move by move with the shared metrics
 * module (server/contract/planner-metrics.ts, the same code the server runs when saving): a
 * move recomputes only the 片区 it touched. The workbench also allows 社区 without a 片区
 * (after a dissolve), which a saved plan may not have: they are held in a stand-in 片区 that
 * is taken out of the figures again, and the deviations are measured against the ideal of the
 * real 片区.
 */
import type { PlanMetrics, PlanPianqu } from '../../server/contract/index.ts';
import {
  applyAssignment,
  createPlan,
  membersOf,
  type PlanGraph,
  type PlanState as MetricsState,
} from '../../server/contract/planner-metrics.ts';
import type { PlanDistrict } from './plan-state.ts';

/** The stand-in 片区 of unassigned 社区 (never a valid area code, so never saved). */
export const UNASSIGNED = '~unassigned';

/** The plan's metrics as the workbench shows them. */
export interface WorkbenchMetrics extends PlanMetrics {
  /** 社区 without a 片区, and their population. */
  unassigned: { units: string[]; population: number };
}

function withoutStandIn(metrics: PlanMetrics, unassignedUnits: string[]): WorkbenchMetrics {
  const standIn = metrics.pianqu.find((p) => p.code === UNASSIGNED);
  const rows = metrics.pianqu.filter((p) => p.code !== UNASSIGNED);
  const unassigned = { units: unassignedUnits, population: standIn?.figures.population ?? 0 };
  if (!standIn || standIn.units === 0) return { ...metrics, pianqu: rows, unassigned };
  // The stand-in counted as a 片区 in the ideal: measure again against the real ones. Their
  // population must eventually hold everyone, so the ideal stays total / real 片区.
  const { bandPct } = metrics;
  const real = rows.filter((r) => r.units > 0);
  const ideal = real.length > 0 ? metrics.totals.population / real.length : 0;
  let maxAbsDeviation = 0;
  let maxAbsDeviationPct = 0;
  const outsideBand: string[] = [];
  const pianqu = rows.map((r) => {
    if (r.units === 0) return r;
    const deviation = r.figures.population - ideal;
    const deviationPct = ideal > 0 ? deviation / ideal : 0;
    const withinBand = Math.abs(deviationPct) <= bandPct + 1e-12;
    maxAbsDeviation = Math.max(maxAbsDeviation, Math.abs(deviation));
    maxAbsDeviationPct = Math.max(maxAbsDeviationPct, Math.abs(deviationPct));
    if (!withinBand) outsideBand.push(r.code);
    return { ...r, deviation, deviationPct, withinBand };
  });
  const pp = real.map((r) => r.polsbyPopper).filter((v): v is number => v !== null);
  return {
    ...metrics,
    pianquCount: real.length,
    idealPopulation: ideal,
    maxAbsDeviation,
    maxAbsDeviationPct,
    outsideBand,
    nonContiguous: metrics.nonContiguous.filter((c) => c !== UNASSIGNED),
    streetSplits: metrics.streetSplits.filter((c) => c !== UNASSIGNED),
    minPolsbyPopper: pp.length ? Math.min(...pp) : null,
    meanPolsbyPopper: pp.length ? pp.reduce((s, v) => s + v, 0) / pp.length : null,
    pianqu,
    unassigned,
  };
}

/**
 * Keeps the metrics of a changing plan: call it with each new plan; it recomputes in full when
 * the 片区 list or the band changed, and otherwise only the 片区 whose 社区 changed.
 */
export function metricsTracker(graph: PlanGraph) {
  let last: {
    assignment: Readonly<Record<string, string | null>>;
    districtsKey: string;
    bandPct: number;
    state: MetricsState;
  } | null = null;

  return function update(
    assignment: Readonly<Record<string, string | null>>,
    districts: readonly PlanDistrict[],
    bandPct: number,
  ): WorkbenchMetrics {
    const districtsKey = districts.map((d) => `${d.code}\u0000${d.name}`).join('\u0001');
    let state: MetricsState;
    if (!last || last.districtsKey !== districtsKey || last.bandPct !== bandPct) {
      const full: Record<string, string> = {};
      for (const u of graph.units) full[u.code] = assignment[u.code] ?? UNASSIGNED;
      const pianqu: PlanPianqu[] = [
        ...districts.map((d) => ({ code: d.code, name: d.name })),
        { code: UNASSIGNED, name: UNASSIGNED },
      ];
      state = createPlan(graph, full, pianqu, { bandPct });
    } else {
      const changes: Record<string, string> = {};
      for (const { code } of graph.units) {
        const now = assignment[code] ?? null;
        if (now !== (last.assignment[code] ?? null)) changes[code] = now ?? UNASSIGNED;
      }
      state = applyAssignment(graph, last.state, changes);
    }
    last = { assignment, districtsKey, bandPct, state };
    // The stand-in's members, without a pass over every 社区.
    return withoutStandIn(state.metrics, membersOf(graph, state, UNASSIGNED));
  };
}
