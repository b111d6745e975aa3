/**
 * The workbench's top bar: the plan's title, the tools and the target 片区, undo and redo,
 * and the scenario's save, export and apply.
 */
import type { Dispatch } from 'react';
import { BRUSH_RADIUS } from '../map/brush.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { PlannerUnits } from '../../../server/contract/index.ts';
import { exportUrl } from '../planner-api.ts';
import {
  changedFromSaved,
  savedScenario,
  type WorkbenchAction,
  type WorkbenchState,
} from '../workbench-state.ts';
import './planner-bar.css';

/** Props of {@link PlannerBar}. */
export interface PlannerBarProps {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  version: PlannerUnits['version'];
  colours: ReadonlyMap<string, string>;
  onSave(): void;
}

export function PlannerBar({ state, dispatch, version, colours, onSave }: PlannerBarProps) {
  const { t } = useI18n();
  const { plan, open, tool, target } = state;
  const saved = savedScenario(state);
  const exportTitle = saved ? undefined : t('planner.saveFirst');
  const title = open ? open.name : t('planner.fromCurrent', { v: version.effectiveFrom });
  const exportLink = (format: 'csv' | 'geojson') => (
    <a
      className={`tool-button${saved ? '' : ' tool-button--disabled'}`}
      href={saved ? exportUrl(saved.id, format) : undefined}
      download={saved ? `${saved.name}.${format}` : undefined}
      aria-disabled={!saved}
      title={exportTitle}
      data-testid={`export-${format}`}
    >
      {t(format === 'csv' ? 'planner.exportCsv' : 'planner.exportGeojson')}
    </a>
  );
  return (
    <div className="planner-bar">
      <div className="planner-bar__title">
        <span className="planner-bar__label">{t('planner.title')}</span>
        <span className="planner-bar__scenario" data-testid="scenario-title" title={title}>
          {title}
          {changedFromSaved(state) && (
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
            onClick={() => dispatch({ type: 'tool', tool: k })}
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
              min={BRUSH_RADIUS.min}
              max={BRUSH_RADIUS.max}
              value={state.brushRadius ?? BRUSH_RADIUS.min}
              onChange={(e) => dispatch({ type: 'brushRadius', radius: Number(e.target.value) })}
              data-testid="brush-radius"
            />
            <span className="planner-bar__radius-value" data-testid="brush-radius-value">
              {state.brushRadius === null ? '' : `${state.brushRadius} px`}
            </span>
          </label>
        )}
        <label className="planner-bar__target">
          {t('planner.target')}
          <select
            value={target ?? ''}
            onChange={(e) => dispatch({ type: 'target', code: e.target.value || null })}
            data-testid="target-district"
          >
            {plan.pianqu.map((p) => (
              <option key={p.code} value={p.code} disabled={plan.locked.includes(p.code)}>
                {p.name}
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
          onClick={() => dispatch({ type: 'plan', action: { type: 'undo' } })}
          disabled={plan.past.length === 0}
          title={t('planner.undoHint')}
          data-testid="undo"
        >
          ↶ {t('planner.undo')}
        </button>
        <button
          type="button"
          className="tool-button"
          onClick={() => dispatch({ type: 'plan', action: { type: 'redo' } })}
          disabled={plan.future.length === 0}
          title={t('planner.redoHint')}
          data-testid="redo"
        >
          ↷ {t('planner.redo')}
        </button>
      </div>
      <div className="planner-bar__group planner-bar__group--end">
        <button
          type="button"
          className="tool-button"
          onClick={() => dispatch({ type: 'newFromCurrent' })}
        >
          {t('planner.newFromCurrent')}
        </button>
        <button
          type="button"
          className="tool-button tool-button--primary"
          onClick={onSave}
          data-testid="save-button"
        >
          {t('planner.save')}
        </button>
        {exportLink('csv')}
        {exportLink('geojson')}
        <button
          type="button"
          className="tool-button tool-button--warn"
          disabled={!saved}
          title={exportTitle ?? t('planner.applyHint')}
          onClick={() => dispatch({ type: 'dialog', dialog: 'apply' })}
          data-testid="apply-button"
        >
          {t('planner.apply')}
        </button>
      </div>
    </div>
  );
}
