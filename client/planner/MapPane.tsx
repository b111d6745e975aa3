/**
 * The workbench's map and what floats over it: the 社区 under the pointer, the toast, the
 * way out of a highlight, and how long the last move's metrics took.
 */
import { useCallback, useRef, useState, type Dispatch } from 'react';
import type { PlannerUnits } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { PlannerMap } from './map/PlannerMap.tsx';
import type { Say, Toast, useVersionData } from './use-workbench.ts';
import type { WorkbenchAction, WorkbenchState } from './workbench-state.ts';
import './map-pane.css';

const MAP_PADDING = { top: 40, bottom: 30, left: 40, right: 40 };

/** Props of {@link MapPane}. */
export interface MapPaneProps {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  data: PlannerUnits;
  version: ReturnType<typeof useVersionData>;
  basemap: Parameters<typeof PlannerMap>[0]['basemap'];
  colours: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  nameOf(code: string): string;
  toast: Toast | null;
  say: Say;
  /** How long the metrics of the last move took, ms. */
  ms: number;
}

export function MapPane(props: MapPaneProps) {
  const { state, dispatch, data, version, colours, names, nameOf, toast, say, ms } = props;
  const tr = useI18n();
  const { t } = tr;
  const { plan, target } = state;
  const [hover, setHover] = useState<{ unit: string; x: number; y: number } | null>(null);
  const wrap = useRef<HTMLDivElement>(null);

  const onAssign = useCallback(
    (units: string[], stroke: number | null) => {
      if (target === null) {
        say(t('planner.noTarget'), 'warn');
        return;
      }
      dispatch({
        type: 'plan',
        action: { type: 'assign', units, to: target, stroke: stroke ?? undefined },
      });
    },
    [target, say, t, dispatch],
  );
  const onHover = useCallback((unit: string | null, x: number, y: number) => {
    setHover(unit ? { unit, x, y } : null);
  }, []);
  const hoverPianqu = hover ? (plan.assignment[hover.unit] ?? null) : null;
  const width = wrap.current?.clientWidth ?? 0;
  const height = wrap.current?.clientHeight ?? 0;

  return (
    <div className="planner-map-wrap" ref={wrap}>
      <PlannerMap
        basemap={props.basemap}
        zone={version.zone}
        shapes={data.shapes}
        edges={data.edges}
        assignment={plan.assignment}
        revision={plan.revision}
        colours={colours}
        names={names}
        labelPoints={version.labelPoints}
        tool={state.tool}
        brushRadius={state.brushRadius}
        onBrushRadius={(radius) => dispatch({ type: 'brushRadius', radius })}
        highlight={state.highlight}
        focus={state.focus}
        padding={MAP_PADDING}
        onAssign={onAssign}
        onHover={onHover}
      />
      {hover && (
        <div
          className="planner-tooltip"
          // Opens away from the map's right and bottom edges, so it is never cut off.
          style={{
            ...(hover.x > width - 220 ? { right: width - hover.x + 14 } : { left: hover.x + 14 }),
            ...(hover.y > height - 90 ? { bottom: height - hover.y + 14 } : { top: hover.y + 14 }),
          }}
          role="tooltip"
        >
          <strong>{version.unitNames.get(hover.unit)}</strong>
          <span>{hoverPianqu === null ? t('planner.unassigned') : nameOf(hoverPianqu)}</span>
          <span>
            {t('planner.col.population')} {tr.count(version.unitPopulation.get(hover.unit) ?? 0)}
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
          {toast.dashboardLink && <a href={`/?lang=${tr.lang}`}> {t('planner.toDashboard')}</a>}
        </div>
      )}
      {state.highlight.length > 0 && (
        <button
          type="button"
          className="planner-clear-highlight"
          onClick={() => dispatch({ type: 'clearHighlight' })}
        >
          {t('planner.clearHighlight')}
        </button>
      )}
      <div className="planner-move-time" data-testid="move-time" title={t('planner.moveTimeHint')}>
        {t('planner.moveTime', { ms: ms.toFixed(2) })}
      </div>
    </div>
  );
}
