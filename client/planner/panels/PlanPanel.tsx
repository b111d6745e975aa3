/**
 * The plan side panel: the plan's summary (max deviation, 片区 out of band, broken 片区, 镇街
 * splits, unassigned 社区), the target band, and the 片区 palette: choose the 片区 that clicks
 * and the brush assign to, lock it, dissolve it, or create a new one.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { WorkbenchMetrics } from '../plan-metrics.ts';
import type { Pianqu } from '../plan-state.ts';
import { formatRatio, formatSignedPct } from './format.ts';
import { LockIcon } from './LockIcon.tsx';
import './metrics-table.css';
import './side-panel.css';

/** Props of {@link PlanPanel}. */
export interface PlanPanelProps {
  metrics: WorkbenchMetrics;
  pianqu: readonly Pianqu[];
  colours: ReadonlyMap<string, string>;
  locked: readonly string[];
  target: string | null;
  onTarget(code: string): void;
  onLock(code: string, locked: boolean): void;
  onDissolve(code: string): void;
  /** Create a 片区 with this name (the workbench gives it a new code). */
  onCreate(name: string): void;
  /** Target band as a fraction. */
  onBandChange(bandPct: number): void;
  /** Zoom to these 社区. */
  onPiece(units: readonly string[]): void;
}

function SummaryItem({
  label,
  value,
  bad,
  testId,
}: {
  label: string;
  value: string;
  bad: boolean;
  testId: string;
}) {
  return (
    <div className={`plan-summary__item${bad ? ' plan-summary__item--bad' : ''}`}>
      <div className="plan-summary__label">{label}</div>
      <div className="plan-summary__value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function PlanPanel(props: PlanPanelProps) {
  const { metrics, pianqu, colours, locked, target, onTarget, onLock, onDissolve } = props;
  const tr = useI18n();
  const { t } = tr;
  const [newName, setNewName] = useState('');
  const rows = new Map(metrics.pianqu.map((r) => [r.code, r]));

  const create = (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    props.onCreate(name);
    setNewName('');
  };

  return (
    <div className="plan-panel" data-testid="plan-panel">
      <section className="plan-summary" aria-label={t('planner.summary')}>
        <SummaryItem
          label={t('planner.maxDeviation')}
          value={formatSignedPct(metrics.maxAbsDeviationPct).replace(/^[+−±]/, '±')}
          bad={metrics.maxAbsDeviationPct > metrics.bandPct + 1e-12}
          testId="summary-max-deviation"
        />
        <SummaryItem
          label={t('planner.outOfBand')}
          value={tr.count(metrics.outsideBand.length)}
          bad={metrics.outsideBand.length > 0}
          testId="summary-out-of-band"
        />
        <SummaryItem
          label={t('planner.nonContiguous')}
          value={tr.count(metrics.nonContiguous.length)}
          bad={metrics.nonContiguous.length > 0}
          testId="summary-non-contiguous"
        />
        <SummaryItem
          label={t('planner.splits')}
          value={tr.count(metrics.streetSplits.length)}
          bad={false}
          testId="summary-splits"
        />
        <div className="plan-summary__line">
          {t('planner.ideal', {
            ideal: tr.count(Math.round(metrics.idealPopulation)),
            n: metrics.pianquCount,
          })}
          {' · '}
          {t('planner.meanPp', { pp: formatRatio(metrics.meanPolsbyPopper, 2) })}
        </div>
        <label className="plan-summary__band">
          {t('planner.band')}
          <input
            type="range"
            min={1}
            max={30}
            step={1}
            value={Math.round(metrics.bandPct * 100)}
            onChange={(e) => props.onBandChange(Number(e.target.value) / 100)}
            data-testid="band"
          />
          <span>±{Math.round(metrics.bandPct * 100)}%</span>
        </label>
        {metrics.unassigned.units.length > 0 && (
          <div className="plan-summary__unassigned" role="status" data-testid="unassigned">
            <span className="hatch-swatch" aria-hidden="true" />
            {t('planner.unassignedNote', {
              n: metrics.unassigned.units.length,
              population: tr.count(metrics.unassigned.population),
            })}
            <button
              type="button"
              className="button--link"
              onClick={() => props.onPiece(metrics.unassigned.units)}
            >
              {t('planner.show')}
            </button>
          </div>
        )}
      </section>

      <section className="pianqu-list" aria-label={t('planner.pianqu')}>
        <h3 className="planner-heading">{t('planner.pianqu')}</h3>
        <p className="planner-hint">{t('planner.pianquHint')}</p>
        <ul>
          {pianqu.map((d) => {
            const row = rows.get(d.code);
            const isLocked = locked.includes(d.code);
            const out = row && !row.withinBand;
            return (
              <li
                key={d.code}
                className={`pianqu-item${d.code === target ? ' pianqu-item--target' : ''}`}
              >
                <button
                  type="button"
                  className="pianqu-item__pick"
                  onClick={() => onTarget(d.code)}
                  aria-pressed={d.code === target}
                  disabled={isLocked}
                  data-testid={`pianqu-${d.code}`}
                >
                  <span
                    className="swatch"
                    style={{ background: colours.get(d.code) ?? '#ccc' }}
                    aria-hidden="true"
                  />
                  <span className="pianqu-item__name">{d.name}</span>
                  <span className={`pianqu-item__dev${out ? ' warn' : ''}`}>
                    {row?.deviationPct != null ? formatSignedPct(row.deviationPct) : '—'}
                  </span>
                </button>
                <button
                  type="button"
                  className={`icon-button${isLocked ? ' icon-button--on' : ''}`}
                  onClick={() => onLock(d.code, !isLocked)}
                  title={isLocked ? t('planner.unlock') : t('planner.lock')}
                  aria-pressed={isLocked}
                  data-testid={`lock-${d.code}`}
                >
                  <LockIcon locked={isLocked} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  onClick={() => onDissolve(d.code)}
                  title={t('planner.dissolve')}
                  disabled={isLocked}
                  data-testid={`dissolve-${d.code}`}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
        <form className="pianqu-new" onSubmit={create}>
          <input
            type="text"
            value={newName}
            maxLength={40}
            placeholder={t('planner.newPianquName')}
            onChange={(e) => setNewName(e.target.value)}
            data-testid="new-pianqu-name"
          />
          <button type="submit" className="button" disabled={!newName.trim()}>
            {t('planner.newPianqu')}
          </button>
        </form>
      </section>
    </div>
  );
}
