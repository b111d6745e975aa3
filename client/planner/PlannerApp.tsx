/**
 * The planner's redistricting workbench (`?mode=plan`): edit which 片区 each 社区 belongs to
 * on the map, see every 片区's metrics recomputed on each move, save, compare, export, import
 * and apply scenarios. Data comes from `/api/planner/…`; the plan being edited is the pure
 * state of plan-state.ts, its metrics come from the shared metrics module (plan-metrics.ts),
 * and the map only draws (map/PlannerMap.tsx).
 */
import { useDataset } from '../dataset/use-dataset.ts';
import { zoneToday } from '../../server/contract/zone-time.ts';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Me } from '../../server/contract/index.ts';
import type { AssignmentOn, PlannerUnits, ScenarioBody } from '../../server/contract/planner.ts';
import { DEFAULT_BAND_PCT } from '../../server/contract/planner.ts';
import { buildGraph } from '../../server/contract/planner-metrics.ts';
import { fetchBasemap } from '../api/api.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useApi } from '../api/use-api.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { AreaFeature } from '../layers/areas/areas-layer.ts';
import { zoneOutline } from '../map/zone-outline.ts';
import { DISTRICT_PALETTE, colourDistricts, districtNeighbours } from './map/district-colours.ts';
import { PlannerMap, type PlannerTool } from './map/PlannerMap.tsx';
import { CompareView } from './panels/CompareView.tsx';
import { ApplyDialog, SaveDialog } from './panels/dialogs.tsx';
import { MetricsTable } from './panels/MetricsTable.tsx';
import { PlanPanel } from './panels/PlanPanel.tsx';
import { ScenarioPanel } from './panels/ScenarioPanel.tsx';
import { VersionHistory } from './panels/VersionHistory.tsx';
import { metricsTracker } from './plan-metrics.ts';
import {
  EMPTY_PLAN,
  newDistrictCode,
  planReducer,
  sameAssignment,
  type PlanDistrict,
  type Refusal,
} from './plan-state.ts';
import {
  applyScenario,
  createScenario,
  deleteScenario,
  duplicateScenario,
  exportUrl,
  fetchCompare,
  fetchPlannerUnits,
  fetchScenario,
  fetchScenarios,
  fetchVersions,
  importScenario,
  updateScenario,
} from './planner-api.ts';
import './planner.css';

/** Props of {@link PlannerApp}. */
export interface PlannerAppProps {
  /** The planner or admin using it. */
  me: Me;
  /** Changes after an outage: data is loaded again (default 0). */
  refresh?: number;
}

/** The scenario open in the workbench, as last saved or opened. */
interface OpenScenario {
  id: number;
  name: string;
  notes: string;
  /** The plan as saved: the workbench is "changed" while it differs from this. */
  assignment: Readonly<Record<string, string | null>>;
  districts: readonly PlanDistrict[];
}

/** A note over the map: a refused move, a save, an apply. */
interface Toast {
  key: number;
  text: string;
  tone: 'info' | 'warn' | 'good';
  /** Offers the way back to the dashboard (after an apply). Default false. */
  dashboardLink?: boolean;
}

const TOAST_MS = 5_000;
const MAP_PADDING = { top: 40, bottom: 30, left: 40, right: 40 };

function refusalText(
  refused: Refusal,
  name: (code: string) => string,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
) {
  switch (refused.reason) {
    case 'targetLocked':
      return t('planner.refused.targetLocked', { name: name(refused.district) });
    case 'sourceLocked':
      return t('planner.refused.sourceLocked', { name: name(refused.district) });
    case 'dissolveLocked':
      return t('planner.refused.dissolveLocked', { name: name(refused.district) });
    case 'badDistrict':
      return t('planner.refused.badDistrict');
    case 'noHistory':
      return null;
  }
}

export function PlannerApp({ me, refresh = 0 }: PlannerAppProps) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  // Said again by the fresh workbench of the new version, which replaces the one that applied.
  const [applied, setApplied] = useState<string | null>(null);
  const units = useApi('planner-units', (signal) => fetchPlannerUnits(signal), refresh + version);
  const basemap = useApi('basemap', (signal) => fetchBasemap(signal), refresh);
  if (units.error && !units.data) {
    return (
      <main className="planner planner--message">
        <ErrorNotice error={units.error} onRetry={units.retry} />
      </main>
    );
  }
  if (!units.data) {
    return (
      <main className="planner planner--message" data-testid="planner-loading">
        <p>{t('planner.loading')}</p>
      </main>
    );
  }
  return (
    <Workbench
      // A new boundary version (after an apply) starts a fresh workbench on it.
      key={units.data.version.id}
      me={me}
      data={units.data}
      basemap={basemap.data}
      applied={applied}
      onApplied={(text) => {
        setApplied(text);
        setVersion((v) => v + 1);
      }}
    />
  );
}

interface WorkbenchProps {
  me: Me;
  data: PlannerUnits;
  basemap: Parameters<typeof PlannerMap>[0]['basemap'];
  /** What the last apply said (shown once the new version is open), or null. */
  applied: string | null;
  /** A scenario was applied: load the new version, then say `text`. */
  onApplied(text: string): void;
}

function Workbench({ data, basemap, applied, onApplied }: WorkbenchProps) {
  const { frame } = useDataset();
  const tr = useI18n();
  const { t } = tr;

  // What the version gives once.
  const graph = useMemo(() => buildGraph(data.units, data.adjacency), [data]);
  const base = useMemo(
    () => Object.fromEntries(data.units.map((u) => [u.code, u.pianquCode] as const)),
    [data],
  );
  const baseDistricts = useMemo(
    () => data.pianqu.map((p) => ({ code: p.code, name: p.name })),
    [data],
  );
  const baseCodes = useMemo(() => new Set(data.pianqu.map((p) => p.code)), [data]);
  const labelPoints = useMemo(
    () => new Map(data.units.map((u) => [u.code, u.labelPoint] as const)),
    [data],
  );
  const unitNames = useMemo(() => new Map(data.units.map((u) => [u.code, u.name])), [data]);
  const unitPopulation = useMemo(
    () => new Map(data.units.map((u) => [u.code, u.figures.population])),
    [data],
  );
  const zone = useMemo(() => zoneOutline(data.shapes.features as unknown as AreaFeature[]), [data]);

  // The plan being edited.
  const [plan, dispatch] = useReducer(planReducer, EMPTY_PLAN, () =>
    planReducer(EMPTY_PLAN, { type: 'load', assignment: base, districts: baseDistricts }),
  );
  const [bandPct, setBandPct] = useState(DEFAULT_BAND_PCT);
  const [open, setOpen] = useState<OpenScenario | null>(null);
  const [target, setTarget] = useState<string | null>(baseDistricts[0]?.code ?? null);
  const [tool, setTool] = useState<PlannerTool>('click');
  const [brushRadius, setBrushRadius] = useState(24);
  const [highlight, setHighlight] = useState<readonly string[]>([]);
  const [focus, setFocus] = useState<{ key: number; units: readonly string[] } | null>(null);
  const [side, setSide] = useState<'plan' | 'scenarios'>('plan');
  const [view, setView] = useState<'edit' | 'compare'>('edit');
  const [compareIds, setCompareIds] = useState<number[]>([]);
  const [compareKey, setCompareKey] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'save' | 'apply' | null>(null);
  const [toast, setToast] = useState<Toast | null>(() =>
    applied ? { key: 0, text: applied, tone: 'good', dashboardLink: true } : null,
  );
  const [hover, setHover] = useState<{ unit: string; x: number; y: number } | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const mapWrapRef = useRef<HTMLDivElement>(null);

  const say = useCallback((text: string, tone: Toast['tone'] = 'info', dashboardLink = false) => {
    setToast({ key: Date.now(), text, tone, dashboardLink });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const names = useMemo(
    () => new Map(plan.districts.map((d) => [d.code, d.name] as const)),
    [plan.districts],
  );
  const nameOf = useCallback((code: string) => names.get(code) ?? code, [names]);

  // A refused action says why, over the map.
  useEffect(() => {
    if (!plan.refused) return;
    const text = refusalText(plan.refused, nameOf, t);
    if (text) say(text, 'warn');
  }, [plan.refused, nameOf, t, say]);

  // The target must be a 片区 of the plan that is not locked.
  useEffect(() => {
    if (target !== null && plan.districts.some((d) => d.code === target)) return;
    setTarget(plan.districts.find((d) => !plan.locked.includes(d.code))?.code ?? null);
  }, [plan.districts, plan.locked, target]);

  // Metrics on every move, timed (shown small in a corner).
  const tracker = useMemo(() => metricsTracker(graph), [graph]);
  const { metrics, ms } = useMemo(() => {
    const t0 = performance.now();
    const m = tracker(plan.assignment, plan.districts, bandPct);
    return { metrics: m, ms: performance.now() - t0 };
  }, [tracker, plan.assignment, plan.districts, bandPct]);

  // Colours that keep touching 片区 apart and stay put from move to move.
  const previousColours = useRef(new Map<string, number>());
  const colours = useMemo(() => {
    const index = colourDistricts(
      plan.districts.map((d) => d.code),
      districtNeighbours(plan.assignment, data.adjacency),
      previousColours.current,
    );
    previousColours.current = index;
    return new Map([...index].map(([code, i]) => [code, DISTRICT_PALETTE[i]!] as const));
  }, [plan.districts, plan.assignment, data.adjacency]);

  const changedFromSaved = useMemo(() => {
    const saved = open ?? { assignment: base, districts: baseDistricts };
    if (!sameAssignment(saved.assignment, plan.assignment)) return true;
    return (
      saved.districts.length !== plan.districts.length ||
      saved.districts.some(
        (d, i) => d.code !== plan.districts[i]?.code || d.name !== plan.districts[i]?.name,
      )
    );
  }, [open, base, baseDistricts, plan.assignment, plan.districts]);

  // Keyboard: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo (not while typing in a field).
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
  }, []);

  const onAssign = useCallback(
    (unitsToMove: string[], stroke: number | null) => {
      if (target === null) {
        say(t('planner.noTarget'), 'warn');
        return;
      }
      dispatch({ type: 'assign', units: unitsToMove, to: target, stroke: stroke ?? undefined });
    },
    [target, say, t],
  );
  const onHover = useCallback((unit: string | null, x: number, y: number) => {
    setHover(unit ? { unit, x, y } : null);
  }, []);
  const onPiece = useCallback((piece: readonly string[]) => {
    setHighlight(piece);
    setFocus((f) => ({ key: (f?.key ?? 0) + 1, units: piece }));
  }, []);

  // Scenarios.
  const scenarios = useApi(`scenarios:${listVersion}`, (signal) => fetchScenarios(signal));
  const versions = useApi(`versions:${listVersion}`, (signal) => fetchVersions(signal));
  const reloadList = () => setListVersion((v) => v + 1);

  const bodyOf = (name: string, notes: string): ScenarioBody | null => {
    if (metrics.unassigned.units.length > 0) return null;
    return {
      name,
      notes,
      baseVersion: data.version.id,
      assignment: plan.assignment as Record<string, string>,
      pianqu: plan.districts.map((d) =>
        baseCodes.has(d.code)
          ? { code: d.code, name: d.name }
          : { code: d.code, name: d.name, isNew: true },
      ),
      locked: [...plan.locked],
      bandPct,
    };
  };

  const onSave = async (name: string, notes: string, asNew: boolean) => {
    const body = bodyOf(name, notes);
    if (!body) return;
    const saved = open && !asNew ? await updateScenario(open.id, body) : await createScenario(body);
    setOpen({
      id: saved.id,
      name: saved.name,
      notes: saved.notes,
      assignment: plan.assignment,
      districts: plan.districts,
    });
    setDialog(null);
    reloadList();
    say(t('planner.saved', { name: saved.name }), 'good');
  };

  const openSave = () => {
    if (metrics.unassigned.units.length > 0) {
      say(t('planner.assignFirst', { n: metrics.unassigned.units.length }), 'warn');
      return;
    }
    setDialog('save');
  };

  const onOpenScenario = async (id: number) => {
    try {
      const s = await fetchScenario(id);
      if (s.baseVersion !== data.version.id) say(t('planner.otherVersion'), 'warn');
      const districts = s.pianqu.map((p) => ({ code: p.code, name: p.name }));
      dispatch({ type: 'load', assignment: s.assignment, districts, locked: s.locked });
      setBandPct(s.bandPct);
      setOpen({ id: s.id, name: s.name, notes: s.notes, assignment: s.assignment, districts });
      setSide('plan');
      setView('edit');
    } catch (error) {
      say(
        t('planner.failed', { message: error instanceof Error ? error.message : String(error) }),
        'warn',
      );
    }
  };

  // A past configuration, opened as an unsaved plan (its 片区 as they were named then).
  const onOpenHistoric = (on: AssignmentOn) => {
    const districts = new Map<string, string>();
    for (const row of [...on.shequ].sort((x, y) => (x.pianquCode < y.pianquCode ? -1 : 1))) {
      districts.set(row.pianquCode, row.pianquName);
    }
    dispatch({
      type: 'load',
      assignment: Object.fromEntries(on.shequ.map((row) => [row.code, row.pianquCode])),
      districts: [...districts].map(([code, name]) => ({ code, name })),
    });
    setOpen(null);
    setSide('plan');
    say(t('planner.openedHistoric', { on: on.on }));
  };

  const onNewFromCurrent = () => {
    dispatch({ type: 'load', assignment: base, districts: baseDistricts });
    setBandPct(DEFAULT_BAND_PCT);
    setOpen(null);
  };

  const guard = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      say(
        t('planner.failed', { message: error instanceof Error ? error.message : String(error) }),
        'warn',
      );
    }
    reloadList();
  };

  const compare = useApi(compareKey, (signal) => fetchCompare(compareKey!.split(','), signal));
  const startCompare = () => {
    setCompareKey(['current', ...compareIds].join(','));
    setView('compare');
  };

  const onApply = async (effectiveFrom: string, note: string) => {
    if (!open) return;
    const v = await applyScenario(open.id, note ? { effectiveFrom, note } : { effectiveFrom });
    setDialog(null);
    onApplied(t('planner.applied', { name: open.name, date: v.effectiveFrom }));
  };

  const exportReady = open !== null && !changedFromSaved;
  const exportTitle = exportReady ? undefined : t('planner.saveFirst');
  const hoverDistrict = hover ? (plan.assignment[hover.unit] ?? null) : null;

  return (
    <main className="planner" data-testid="planner" data-ready="true" data-revision={plan.revision}>
      <div className="planner-bar">
        <div className="planner-bar__title">
          <span className="planner-bar__label">{t('planner.title')}</span>
          <span
            className="planner-bar__scenario"
            data-testid="scenario-title"
            title={open ? open.name : t('planner.fromCurrent', { v: data.version.effectiveFrom })}
          >
            {open ? open.name : t('planner.fromCurrent', { v: data.version.effectiveFrom })}
            {changedFromSaved && (
              <span className="planner-bar__dirty" title={t('planner.unsaved')}>
                {' '}
                ●
              </span>
            )}
          </span>
        </div>
        <div className="planner-bar__group" role="group" aria-label={t('planner.tools')}>
          {(['click', 'brush', 'pan'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className={`tool-button${tool === k ? ' tool-button--on' : ''}`}
              aria-pressed={tool === k}
              onClick={() => setTool(k)}
              title={t(`planner.toolHint.${k}`)}
              data-testid={`tool-${k}`}
            >
              {t(`planner.tool.${k}`)}
            </button>
          ))}
          {tool === 'brush' && (
            <label className="planner-bar__radius">
              {t('planner.radius')}
              <input
                type="range"
                min={6}
                max={80}
                value={brushRadius}
                onChange={(e) => setBrushRadius(Number(e.target.value))}
              />
            </label>
          )}
          <label className="planner-bar__target">
            {t('planner.target')}
            <select
              value={target ?? ''}
              onChange={(e) => setTarget(e.target.value || null)}
              data-testid="target-district"
            >
              {plan.districts.map((d) => (
                <option key={d.code} value={d.code} disabled={plan.locked.includes(d.code)}>
                  {d.name}
                </option>
              ))}
            </select>
            <span
              className="swatch"
              style={{ background: target ? (colours.get(target) ?? '#ccc') : '#ccc' }}
              aria-hidden="true"
            />
          </label>
        </div>
        <div className="planner-bar__group">
          <button
            type="button"
            className="tool-button"
            onClick={() => dispatch({ type: 'undo' })}
            disabled={plan.past.length === 0}
            title={t('planner.undoHint')}
            data-testid="undo"
          >
            ↶ {t('planner.undo')}
          </button>
          <button
            type="button"
            className="tool-button"
            onClick={() => dispatch({ type: 'redo' })}
            disabled={plan.future.length === 0}
            title={t('planner.redoHint')}
            data-testid="redo"
          >
            ↷ {t('planner.redo')}
          </button>
        </div>
        <div className="planner-bar__group planner-bar__group--end">
          <button type="button" className="tool-button" onClick={onNewFromCurrent}>
            {t('planner.newFromCurrent')}
          </button>
          <button
            type="button"
            className="tool-button tool-button--primary"
            onClick={openSave}
            data-testid="save-button"
          >
            {t('planner.save')}
          </button>
          <a
            className={`tool-button${exportReady ? '' : ' tool-button--disabled'}`}
            href={exportReady ? exportUrl(open.id, 'csv') : undefined}
            download={exportReady ? `${open.name}.csv` : undefined}
            aria-disabled={!exportReady}
            title={exportTitle}
            data-testid="export-csv"
          >
            {t('planner.exportCsv')}
          </a>
          <a
            className={`tool-button${exportReady ? '' : ' tool-button--disabled'}`}
            href={exportReady ? exportUrl(open.id, 'geojson') : undefined}
            download={exportReady ? `${open.name}.geojson` : undefined}
            aria-disabled={!exportReady}
            title={exportTitle}
            data-testid="export-geojson"
          >
            {t('planner.exportGeojson')}
          </a>
          <button
            type="button"
            className="tool-button tool-button--warn"
            disabled={!exportReady}
            title={exportTitle ?? t('planner.applyHint')}
            onClick={() => setDialog('apply')}
            data-testid="apply-button"
          >
            {t('planner.apply')}
          </button>
        </div>
      </div>

      <div className="planner-body">
        <div className="planner-main">
          <div className="planner-map-wrap" ref={mapWrapRef}>
            <PlannerMap
              basemap={basemap}
              zone={zone}
              shapes={data.shapes}
              edges={data.edges}
              assignment={plan.assignment}
              revision={plan.revision}
              colours={colours}
              names={names}
              labelPoints={labelPoints}
              tool={tool}
              brushRadius={brushRadius}
              highlight={highlight}
              focus={focus}
              padding={MAP_PADDING}
              onAssign={onAssign}
              onHover={onHover}
            />
            {hover && (
              <div
                className="planner-tooltip"
                // Opens away from the map's right and bottom edges, so it is never cut off.
                style={{
                  ...(hover.x > (mapWrapRef.current?.clientWidth ?? 0) - 220
                    ? { right: (mapWrapRef.current?.clientWidth ?? 0) - hover.x + 14 }
                    : { left: hover.x + 14 }),
                  ...(hover.y > (mapWrapRef.current?.clientHeight ?? 0) - 90
                    ? { bottom: (mapWrapRef.current?.clientHeight ?? 0) - hover.y + 14 }
                    : { top: hover.y + 14 }),
                }}
                role="tooltip"
              >
                <strong>{unitNames.get(hover.unit)}</strong>
                <span>
                  {hoverDistrict === null ? t('planner.unassigned') : nameOf(hoverDistrict)}
                </span>
                <span>
                  {t('planner.col.population')} {tr.count(unitPopulation.get(hover.unit) ?? 0)}
                </span>
              </div>
            )}
            {toast && (
              <div
                key={toast.key}
                className={`planner-toast planner-toast--${toast.tone}`}
                role="status"
                data-testid="planner-toast"
              >
                {toast.text}
                {toast.dashboardLink && (
                  <a href={`/?lang=${tr.lang}`}> {t('planner.toDashboard')}</a>
                )}
              </div>
            )}
            {highlight.length > 0 && (
              <button
                type="button"
                className="planner-clear-highlight"
                onClick={() => setHighlight([])}
              >
                {t('planner.clearHighlight')}
              </button>
            )}
            <div
              className="planner-move-time"
              data-testid="move-time"
              title={t('planner.moveTimeHint')}
            >
              {t('planner.moveTime', { ms: ms.toFixed(2) })}
            </div>
          </div>
          <MetricsTable
            metrics={metrics}
            names={names}
            colours={colours}
            locked={plan.locked}
            target={target}
            onTarget={setTarget}
            onPiece={onPiece}
            unitNames={unitNames}
          />
        </div>
        <aside className="planner-side">
          <div className="planner-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={side === 'plan'}
              className={`planner-tab${side === 'plan' ? ' planner-tab--on' : ''}`}
              onClick={() => setSide('plan')}
              data-testid="tab-plan"
            >
              {t('planner.tabPlan')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={side === 'scenarios'}
              className={`planner-tab${side === 'scenarios' ? ' planner-tab--on' : ''}`}
              onClick={() => setSide('scenarios')}
              data-testid="tab-scenarios"
            >
              {t('planner.tabScenarios')}
            </button>
          </div>
          <div className="planner-side__body">
            {side === 'plan' ? (
              <PlanPanel
                metrics={metrics}
                districts={plan.districts}
                colours={colours}
                locked={plan.locked}
                target={target}
                onTarget={setTarget}
                onLock={(code, locked) => dispatch({ type: 'lock', code, locked })}
                onDissolve={(code) => dispatch({ type: 'dissolve', code })}
                onCreate={(name) => {
                  const code = newDistrictCode(plan.districts);
                  dispatch({ type: 'create', district: { code, name } });
                  setTarget(code);
                }}
                onBandChange={setBandPct}
                onPiece={onPiece}
              />
            ) : (
              <>
                <ScenarioPanel
                  scenarios={scenarios.data}
                  error={scenarios.error}
                  openId={open?.id ?? null}
                  compareIds={compareIds}
                  onCompareIds={setCompareIds}
                  onCompare={startCompare}
                  onOpen={(id) => void onOpenScenario(id)}
                  onDuplicate={(id) => void guard(() => duplicateScenario(id))}
                  onDelete={(id) =>
                    void guard(async () => {
                      await deleteScenario(id);
                      setCompareIds((ids) => ids.filter((x) => x !== id));
                      if (open?.id === id) setOpen(null);
                    })
                  }
                  onImport={async (csv, name) => {
                    const s = await importScenario(csv, name);
                    reloadList();
                    return s.id;
                  }}
                  onRetry={scenarios.retry}
                />
                <VersionHistory versions={versions.data} onOpen={onOpenHistoric} />
              </>
            )}
          </div>
        </aside>
        {view === 'compare' && (
          <div className="planner-compare">
            <CompareView
              data={compare.dataKey === compareKey ? compare.data : null}
              error={compare.error}
              loading={compare.loading}
              units={data}
              onClose={() => setView('edit')}
              onRetry={compare.retry}
            />
          </div>
        )}
      </div>

      {dialog === 'save' && (
        <SaveDialog
          initialName={open?.name ?? ''}
          initialNotes={open?.notes ?? ''}
          canOverwrite={open !== null}
          onSave={onSave}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'apply' && open && (
        <ApplyDialog
          scenarioName={open.name}
          // The server takes a date after the current version's, and none in the future.
          initialDate={zoneToday(frame.timeZone)}
          onApply={onApply}
          onClose={() => setDialog(null)}
        />
      )}
    </main>
  );
}
