/**
 * The planner's redistricting workbench (`?mode=plan`): edit which 片区 each 社区 belongs to
 * on the map, see every 片区's metrics recomputed on each move, save, compare, export, import
 * and apply scenarios. Data comes from `plannerRoutes` (planner-api.ts); the workbench is the
 * pure state of workbench-state.ts around the plan of plan-state.ts, its metrics come from
 * the shared metrics module (plan-metrics.ts), and the map only draws (map/PlannerMap.tsx).
 */
import { useCallback, useReducer, useState, type Dispatch } from 'react';
import type { Me, PlannerUnits } from '../../server/contract/index.ts';
import { zoneToday } from '../../server/contract/zone-time.ts';
import { applyWarnings } from '../../server/contract/planner-metrics.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { MapPane } from './MapPane.tsx';
import type { PlannerMap } from './map/PlannerMap.tsx';
import { CompareView } from './panels/CompareView.tsx';
import { ApplyDialog, SaveDialog } from './panels/dialogs.tsx';
import { MetricsTable } from './panels/MetricsTable.tsx';
import { PlannerBar } from './panels/PlannerBar.tsx';
import { SidePanel } from './panels/SidePanel.tsx';
import type { PlanAction } from './plan-state.ts';
import { useBasemap } from '../app/use-basemap.ts';
import { plannerRoutes, usePlannerUnits } from './planner-api.ts';
import {
  usePianquColours,
  usePianquNames,
  usePlanMetrics,
  useScenarioActions,
  useToast,
  useUndoKeys,
  useVersionData,
} from './use-workbench.ts';
import {
  initialWorkbench,
  workbenchReducer,
  type WorkbenchAction,
  type WorkbenchState,
} from './workbench-state.ts';
import '../app/mode-denied.css';
import './planner.css';

/** Props of {@link PlannerApp}. */
export interface PlannerAppProps {
  /** The planner or admin using it. */
  me: Me;
}

export function PlannerApp(_props: PlannerAppProps) {
  const { t } = useI18n();
  // Said again by the fresh workbench of the new version, which replaces the one that applied.
  const [applied, setApplied] = useState<string | null>(null);
  const units = usePlannerUnits();
  const basemap = useBasemap().data;
  if (units.error && !units.data) {
    return (
      <main className="planner mode-message">
        <ErrorNotice error={units.error} onRetry={units.retry} />
      </main>
    );
  }
  if (!units.data) {
    return (
      <main className="planner mode-message" data-testid="planner-loading">
        <p>{t('planner.loading')}</p>
      </main>
    );
  }
  return (
    <Workbench
      // A new boundary version (after an apply) starts a fresh workbench on it.
      key={units.data.version.id}
      data={units.data}
      basemap={basemap}
      applied={applied}
      onApplied={setApplied}
    />
  );
}

interface WorkbenchProps {
  data: PlannerUnits;
  basemap: Parameters<typeof PlannerMap>[0]['basemap'];
  /** What the last apply said (shown once the new version is open), or null. */
  applied: string | null;
  /** A scenario was applied: the new version loads, then says `text`. */
  onApplied(text: string): void;
}

function Workbench({ data, basemap, applied, onApplied }: WorkbenchProps) {
  const { frame } = useDataset();
  const version = useVersionData(data);
  const [state, dispatch] = useReducer(workbenchReducer, version.base, initialWorkbench);
  const { plan } = state;
  const planDispatch = useCallback(
    (action: PlanAction) => dispatch({ type: 'plan', action }),
    [dispatch],
  );
  useUndoKeys(planDispatch);
  const { toast, say } = useToast(applied);
  const { names, nameOf } = usePianquNames(plan, say);
  const { metrics, ms } = usePlanMetrics(version.graph, plan, state.bandPct);
  const colours = usePianquColours(plan, data.adjacency);
  const actions = useScenarioActions({
    state,
    dispatch,
    data,
    baseCodes: version.baseCodes,
    metrics,
    say,
    onApplied,
  });

  return (
    <main className="planner" data-testid="planner" data-ready="true" data-revision={plan.revision}>
      <PlannerBar
        state={state}
        dispatch={dispatch}
        version={data.version}
        colours={colours}
        onSave={actions.openSave}
      />
      <div className="planner-body">
        <div className="planner-main">
          <MapPane
            state={state}
            dispatch={dispatch}
            data={data}
            version={version}
            basemap={basemap}
            colours={colours}
            names={names}
            nameOf={nameOf}
            toast={toast}
            say={say}
            ms={ms}
          />
          <MetricsTable
            metrics={metrics}
            names={names}
            colours={colours}
            locked={plan.locked}
            target={state.target}
            onTarget={(code) => dispatch({ type: 'target', code })}
            onPiece={(units) => dispatch({ type: 'piece', units })}
            unitNames={version.unitNames}
          />
        </div>
        <SidePanel
          state={state}
          dispatch={dispatch}
          metrics={metrics}
          colours={colours}
          actions={actions}
        />
        {state.view === 'compare' && state.compared && (
          <ComparePane data={data} compared={state.compared} dispatch={dispatch} />
        )}
      </div>

      {state.dialog === 'save' && (
        <SaveDialog
          initialName={state.open?.name ?? ''}
          initialNotes={state.open?.notes ?? ''}
          canOverwrite={state.open !== null}
          onSave={actions.save}
          onClose={() => dispatch({ type: 'dialog', dialog: null })}
        />
      )}
      {state.dialog === 'apply' && state.open && (
        <ApplyDialog
          scenarioName={state.open.name}
          // Apply is offered only for the saved plan unchanged: the workbench's metrics are its.
          warnings={applyWarnings(metrics)}
          nameOf={nameOf}
          // The server takes a date after the current version's, and none in the future.
          initialDate={zoneToday(frame.timeZone)}
          onApply={actions.apply}
          onClose={() => dispatch({ type: 'dialog', dialog: null })}
        />
      )}
    </main>
  );
}

function ComparePane(props: {
  data: PlannerUnits;
  compared: WorkbenchState['compared'] & object;
  dispatch: Dispatch<WorkbenchAction>;
}) {
  const compare = useRouteQuery(plannerRoutes.compare, {
    query: { ids: props.compared.join(',') },
  });
  return (
    <div className="planner-compare">
      <CompareView
        data={compare.data}
        error={compare.error}
        loading={compare.loading}
        units={props.data}
        onClose={() => props.dispatch({ type: 'closeCompare' })}
        onRetry={compare.retry}
      />
    </div>
  );
}
