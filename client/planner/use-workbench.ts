/**
 * The workbench's hooks: what a version gives once, the metrics and colours of the plan, the
 * toast over the map, the undo keys, and the scenario actions that call the server.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from 'react';
import type { PlannerUnits, ScenarioBody } from '../../server/contract/index.ts';
import { buildGraph } from '../../server/contract/planner-metrics.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { AreaFeature } from '../layers/areas/areas-layer.ts';
import { zoneOutline } from '../map/zone-outline.ts';
import { PIANQU_PALETTE, colourPianqu, pianquNeighbours } from './map/pianqu-colours.ts';
import { metricsTracker, type WorkbenchMetrics } from './plan-metrics.ts';
import type { PlanAction, PlanState, Refusal } from './plan-state.ts';
import { fetchScenario, usePlannerWrites } from './planner-api.ts';
import type { WorkbenchAction, WorkbenchState } from './workbench-state.ts';

/** A note over the map: a refused move, a save, an apply. */
export interface Toast {
  key: number;
  text: string;
  tone: 'info' | 'warn' | 'good';
  /** Offers the way back to the dashboard (after an apply). Default false. */
  dashboardLink?: boolean;
}

export type Say = (text: string, tone?: Toast['tone'], dashboardLink?: boolean) => void;

const TOAST_MS = 5_000;

/** What a boundary version gives once: the metrics graph, its configuration, lookups. */
export function useVersionData(data: PlannerUnits) {
  return useMemo(() => {
    const assignment = Object.fromEntries(data.units.map((u) => [u.code, u.pianquCode] as const));
    return {
      graph: buildGraph(data.units, data.adjacency),
      base: { assignment, pianqu: data.pianqu.map((p) => ({ code: p.code, name: p.name })) },
      baseCodes: new Set(data.pianqu.map((p) => p.code)),
      labelPoints: new Map(data.units.map((u) => [u.code, u.labelPoint] as const)),
      unitNames: new Map(data.units.map((u) => [u.code, u.name])),
      unitPopulation: new Map(data.units.map((u) => [u.code, u.figures.population])),
      zone: zoneOutline(data.shapes.features as unknown as AreaFeature[]),
    };
  }, [data]);
}

/** The toast shown over the map, gone after a few seconds; `initial` is said first. */
export function useToast(initial: string | null): { toast: Toast | null; say: Say } {
  const [toast, setToast] = useState<Toast | null>(() =>
    initial ? { key: 0, text: initial, tone: 'good', dashboardLink: true } : null,
  );
  const say = useCallback<Say>((text, tone = 'info', dashboardLink = false) => {
    setToast({ key: Date.now(), text, tone, dashboardLink });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return { toast, say };
}

function refusalText(
  refused: Refusal,
  name: (code: string) => string,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
) {
  switch (refused.reason) {
    case 'targetLocked':
      return t('planner.refused.targetLocked', { name: name(refused.pianqu) });
    case 'sourceLocked':
      return t('planner.refused.sourceLocked', { name: name(refused.pianqu) });
    case 'dissolveLocked':
      return t('planner.refused.dissolveLocked', { name: name(refused.pianqu) });
    case 'badPianqu':
      return t('planner.refused.badPianqu');
    case 'noHistory':
      return null;
  }
}

/** The plan's 片区 names, and a refused edit said over the map. */
export function usePianquNames(plan: PlanState, say: Say) {
  const { t } = useI18n();
  const names = useMemo(() => new Map(plan.pianqu.map((p) => [p.code, p.name] as const)), [plan]);
  const nameOf = useCallback((code: string) => names.get(code) ?? code, [names]);
  useEffect(() => {
    if (!plan.refused) return;
    const text = refusalText(plan.refused, nameOf, t);
    if (text) say(text, 'warn');
  }, [plan.refused, nameOf, t, say]);
  return { names, nameOf };
}

/** The plan's metrics on every move, with how long they took (shown small in a corner). */
export function usePlanMetrics(
  graph: ReturnType<typeof useVersionData>['graph'],
  plan: PlanState,
  bandPct: number,
): { metrics: WorkbenchMetrics; ms: number } {
  const tracker = useMemo(() => metricsTracker(graph), [graph]);
  return useMemo(() => {
    const t0 = performance.now();
    const metrics = tracker(plan.assignment, plan.pianqu, bandPct);
    return { metrics, ms: performance.now() - t0 };
  }, [tracker, plan.assignment, plan.pianqu, bandPct]);
}

/** Colours that keep touching 片区 apart and stay put from move to move. */
export function usePianquColours(
  plan: PlanState,
  adjacency: PlannerUnits['adjacency'],
): ReadonlyMap<string, string> {
  const previous = useRef(new Map<string, number>());
  return useMemo(() => {
    const index = colourPianqu(
      plan.pianqu.map((p) => p.code),
      pianquNeighbours(plan.assignment, adjacency),
      previous.current,
    );
    previous.current = index;
    return new Map([...index].map(([code, i]) => [code, PIANQU_PALETTE[i]!] as const));
  }, [plan.pianqu, plan.assignment, adjacency]);
}

/** Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo (not while typing in a field). */
export function useUndoKeys(dispatch: Dispatch<PlanAction>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable))
        return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
      } else if (key === 'y') {
        e.preventDefault();
        dispatch({ type: 'redo' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
}

/** What the workbench's scenario actions need. */
interface ScenarioActionsInput {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  data: PlannerUnits;
  baseCodes: ReadonlySet<string>;
  metrics: WorkbenchMetrics;
  say: Say;
  /** A scenario was applied: the fresh workbench of the new version says `text`. */
  onApplied(text: string): void;
}

/** Save, open, duplicate, delete, import and apply, each saying how it went. */
export function useScenarioActions(input: ScenarioActionsInput) {
  const { state, dispatch, data, baseCodes, metrics, say, onApplied } = input;
  const { t } = useI18n();
  const writes = usePlannerWrites();
  const failed = (error: unknown) =>
    say(
      t('planner.failed', { message: error instanceof Error ? error.message : String(error) }),
      'warn',
    );
  const unassigned = metrics.unassigned.units.length;

  const bodyOf = (name: string, notes: string): ScenarioBody => ({
    name,
    notes,
    baseVersion: data.version.id,
    assignment: state.plan.assignment as Record<string, string>,
    pianqu: state.plan.pianqu.map((p) =>
      baseCodes.has(p.code) ? { code: p.code, name: p.name } : { ...p, isNew: true },
    ),
    locked: [...state.plan.locked],
    bandPct: state.bandPct,
  });

  return {
    openSave() {
      if (unassigned > 0) say(t('planner.assignFirst', { n: unassigned }), 'warn');
      else dispatch({ type: 'dialog', dialog: 'save' });
    },
    async save(name: string, notes: string, asNew: boolean) {
      if (unassigned > 0) return;
      const body = bodyOf(name, notes);
      const { open } = state;
      const saved = open && !asNew ? await writes.update(open.id, body) : await writes.create(body);
      dispatch({ type: 'saved', scenario: saved });
      say(t('planner.saved', { name: saved.name }), 'good');
    },
    async open(id: number) {
      try {
        const s = await fetchScenario(id);
        if (s.baseVersion !== data.version.id) say(t('planner.otherVersion'), 'warn');
        dispatch({ type: 'openScenario', scenario: s });
      } catch (error) {
        failed(error);
      }
    },
    async duplicate(id: number) {
      await writes.duplicate(id).catch(failed);
    },
    async remove(id: number) {
      try {
        await writes.remove(id);
        dispatch({ type: 'deleted', id });
      } catch (error) {
        failed(error);
      }
    },
    openedHistoric(on: string) {
      say(t('planner.openedHistoric', { on }));
    },
    async importCsv(csv: string | Blob, name: string) {
      return (await writes.importCsv(csv, name)).id;
    },
    async apply(effectiveFrom: string, note: string, overrides: string[]) {
      const { open } = state;
      if (!open) return;
      const v = await writes.apply(open.id, {
        effectiveFrom,
        ...(note ? { note } : {}),
        ...(overrides.length > 0 ? { overrides } : {}),
      });
      dispatch({ type: 'dialog', dialog: null });
      onApplied(t('planner.applied', { name: open.name, date: v.effectiveFrom }));
    },
  };
}
