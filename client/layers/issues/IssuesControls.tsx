/**
 * Issue controls: category, status and handling-level filters, the reported-month range, the
 * month replay (slider with play/pause), and the legend with the figures the API returned.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useDataset } from '../../dataset/use-dataset.ts';
import type { HandlingLevel, IssueStatus } from '../../../server/contract/vocabulary.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useVocabulary } from '../../i18n/use-vocabulary.ts';
import { MonthSelect } from '../../app/MonthSelect.tsx';
import { cellColourScale } from './issues-layer.ts';
import { iconDataUrl } from '../overlays/icon-atlas.ts';
import { issueIconId } from '../overlays/symbols.ts';
import type { Escalations, IssueCells } from '../../../server/contract/index.ts';
import type { RouteQueryState } from '../../api/query.ts';
import type { OverlayControlsProps } from '../overlay.ts';
import {
  NO_ISSUE_FILTER,
  hasIssueFilter,
  monthSteps,
  nextReplayMonth,
  toggleIssueFilter,
} from './state.ts';
import { LayerError, Ramp } from '../overlays/legend-parts.tsx';

const PLAY_STEP_MS = 1500;

/** Props of {@link IssuesControls}. */
export interface IssuesControlsProps extends OverlayControlsProps {
  /** The grid cells (below zoom 12), or null where points are shown. */
  cells: RouteQueryState<IssueCells> | null;
  escalations: RouteQueryState<Escalations>;
}

export function IssuesControls({
  state,
  cells: grid,
  escalations: arcs,
  onChange,
}: IssuesControlsProps) {
  const { t, vocab, count } = useI18n();
  const vocabulary = useVocabulary();
  const { frame } = useDataset();
  const STEPS = useMemo(() => monthSteps(frame.firstMonth, frame.lastMonth), [frame]);
  const f = state.issues;
  const [playing, setPlaying] = useState(false);
  const latest = useRef({ state, onChange });
  useEffect(() => {
    latest.current = { state, onChange };
  }, [state, onChange]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const { state: s, onChange: change } = latest.current;
      change({ ...s, issues: { ...s.issues, at: nextReplayMonth(s.issues.at, frame) } });
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, frame]);

  const step = f.at === null ? STEPS.length : STEPS.indexOf(f.at);
  const cells = grid ? grid.data : null;
  const cellMax = cells ? Math.max(0, ...cells.features.map((c) => c.properties.count)) : 0;
  const scale = cells ? cellColourScale(cellMax) : null;
  const escalations = arcs.data;
  const monthSelect = (which: 'from' | 'to') => (
    <MonthSelect
      label={t(`issues.${which}`)}
      className="layer-field"
      months={STEPS}
      value={f[which]}
      anyLabel={t('issues.any')}
      onChange={(m) => onChange({ ...state, issues: { ...f, [which]: m } })}
      testId={`issues-${which}`}
    />
  );

  return (
    <div className="layer-controls">
      <fieldset className="layer-chips">
        <legend>{t('issues.category')}</legend>
        {vocabulary.issueCategory.map(({ key: c }) => (
          <label key={c} className="layer-chip">
            <input
              type="checkbox"
              checked={f.category.includes(c)}
              onChange={(e) => onChange(toggleIssueFilter(state, 'category', c, e.target.checked))}
              data-testid={`issues-category-${c}`}
            />
            <img src={iconDataUrl(issueIconId(c, 'open'))} alt="" width={14} height={14} />
            {vocab('issueCategory', c)}
          </label>
        ))}
      </fieldset>
      <fieldset className="layer-chips">
        <legend>{t('issues.status')}</legend>
        {vocabulary.issueStatus
          .map(({ key }) => key as IssueStatus)
          .map((s) => (
            <label key={s} className="layer-chip">
              <input
                type="checkbox"
                checked={f.status.includes(s)}
                onChange={(e) => onChange(toggleIssueFilter(state, 'status', s, e.target.checked))}
                data-testid={`issues-status-${s}`}
              />
              <img src={iconDataUrl(issueIconId('facilities', s))} alt="" width={14} height={14} />
              {vocab('issueStatus', s)}
            </label>
          ))}
      </fieldset>
      <fieldset className="layer-chips">
        <legend>{t('issues.level')}</legend>
        {vocabulary.handlingLevel
          .map(({ key }) => key as HandlingLevel)
          .map((l) => (
            <label key={l} className="layer-chip">
              <input
                type="checkbox"
                checked={f.level.includes(l)}
                onChange={(e) => onChange(toggleIssueFilter(state, 'level', l, e.target.checked))}
                data-testid={`issues-level-${l}`}
              />
              {vocab('handlingLevel', l)}
            </label>
          ))}
      </fieldset>
      <div className="layer-row">
        {monthSelect('from')}
        {monthSelect('to')}
      </div>
      <div className="layer-field layer-field--slider">
        <div className="layer-field__head">
          <span>{t('issues.replay')}</span>
          <strong data-testid="issues-replay-label">
            {f.at === null ? t('issues.replayNow') : t('issues.replayAt', { month: f.at })}
          </strong>
        </div>
        <div className="layer-row">
          <button
            type="button"
            className="layer-button"
            onClick={() => setPlaying((p) => !p)}
            aria-pressed={playing}
            data-testid="issues-play"
          >
            {playing ? `❚❚ ${t('issues.pause')}` : `▶ ${t('issues.play')}`}
          </button>
          <input
            type="range"
            min={0}
            max={STEPS.length}
            value={step}
            onChange={(e) => {
              const i = Number(e.target.value);
              onChange({ ...state, issues: { ...f, at: i >= STEPS.length ? null : STEPS[i]! } });
            }}
            aria-label={t('issues.replay')}
            data-testid="issues-month-slider"
          />
        </div>
      </div>
      {hasIssueFilter(f) && (
        <button
          type="button"
          className="layer-link"
          onClick={() => {
            setPlaying(false);
            onChange({ ...state, issues: NO_ISSUE_FILTER });
          }}
          data-testid="issues-clear"
        >
          {t('issues.clear')}
        </button>
      )}
      <div className="layer-legend">
        {grid ? (
          <>
            <div className="layer-legend__caption">{t('issues.cellsLegend')}</div>
            {cells && scale && (
              <>
                <Ramp
                  colours={scale.ramp}
                  low="0"
                  high={count(cellMax)}
                  empty={cellMax === 0}
                  testId="issues-cells-max"
                />
                {/* The cells are asked for around the view (use-overlays), so is the total. */}
                <div className="layer-legend__figure" data-testid="issues-cells-total">
                  {t('issues.cellsTotal', { n: count(cells.total) })}
                </div>
              </>
            )}
            <LayerError error={grid.error} />
          </>
        ) : (
          <div className="layer-legend__caption">{t('issues.pointsLegend')}</div>
        )}
        {escalations && (
          <div className="layer-legend__figure" data-testid="issues-escalations">
            <span className="layer-legend__arc" aria-hidden="true" />
            {t('issues.escalations', {
              n: count(escalations.features.reduce((sum, e) => sum + e.properties.count, 0)),
              m: count(escalations.features.length),
            })}
          </div>
        )}
        <div className="layer-legend__caption">{t('issues.escalationLegend')}</div>
        <LayerError error={arcs.error} />
      </div>
    </div>
  );
}
