/**
 * The workbench's side: the plan's 片区 (PlanPanel), or the saved scenarios with the boundary
 * versions. The lists are read here, from the server.
 */
import type { Dispatch } from 'react';
import { useRouteQuery } from '../../api/query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { WorkbenchMetrics } from '../plan-metrics.ts';
import { plannerRoutes } from '../planner-api.ts';
import type { useScenarioActions } from '../use-workbench.ts';
import type { WorkbenchAction, WorkbenchState } from '../workbench-state.ts';
import { PlanPanel } from './PlanPanel.tsx';
import { ScenarioPanel } from './ScenarioPanel.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import './side-panel.css';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  metrics: WorkbenchMetrics;
  colours: ReadonlyMap<string, string>;
  actions: ReturnType<typeof useScenarioActions>;
}

export function SidePanel({ state, dispatch, metrics, colours, actions }: SidePanelProps) {
  const { t } = useI18n();
  const { plan, side } = state;
  const tab = (which: WorkbenchState['side'], label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={side === which}
      className={`planner-tab${side === which ? ' planner-tab--on' : ''}`}
      onClick={() => dispatch({ type: 'side', side: which })}
      data-testid={`tab-${which}`}
    >
      {label}
    </button>
  );
  return (
    <aside className="planner-side">
      <div className="planner-tabs" role="tablist">
        {tab('plan', t('planner.tabPlan'))}
        {tab('scenarios', t('planner.tabScenarios'))}
      </div>
      <div className="planner-side__body">
        {side === 'plan' ? (
          <PlanPanel
            metrics={metrics}
            pianqu={plan.pianqu}
            colours={colours}
            locked={plan.locked}
            target={state.target}
            onTarget={(code) => dispatch({ type: 'target', code })}
            onLock={(code, locked) =>
              dispatch({ type: 'plan', action: { type: 'lock', code, locked } })
            }
            onDissolve={(code) => dispatch({ type: 'plan', action: { type: 'dissolve', code } })}
            onCreate={(name) => dispatch({ type: 'createPianqu', name })}
            onBandChange={(bandPct) => dispatch({ type: 'band', bandPct })}
            onPiece={(units) => dispatch({ type: 'piece', units })}
          />
        ) : (
          <ScenarioLists state={state} dispatch={dispatch} actions={actions} />
        )}
      </div>
    </aside>
  );
}

function ScenarioLists({ state, dispatch, actions }: Omit<SidePanelProps, 'metrics' | 'colours'>) {
  const scenarios = useRouteQuery(plannerRoutes.scenarios, {});
  const versions = useRouteQuery(plannerRoutes.versions, {});
  return (
    <>
      <ScenarioPanel
        scenarios={scenarios.data}
        error={scenarios.error}
        openId={state.open?.id ?? null}
        compareIds={state.compareIds}
        onCompareIds={(ids) => dispatch({ type: 'compareIds', ids })}
        onCompare={() => dispatch({ type: 'compare' })}
        onOpen={(id) => void actions.open(id)}
        onDuplicate={(id) => void actions.duplicate(id)}
        onDelete={(id) => void actions.remove(id)}
        onImport={actions.importCsv}
        onRetry={scenarios.retry}
      />
      <VersionHistory
        versions={versions.data}
        onOpen={(on) => {
          dispatch({ type: 'openHistoric', on });
          actions.openedHistoric(on.on);
        }}
      />
    </>
  );
}
