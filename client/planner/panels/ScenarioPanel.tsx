/**
 * Saved scenarios: list, open, duplicate, delete, pick two or three to compare with the
 * current configuration, and import an assignment CSV (the server's row report is shown and
 * nothing changes when it finds a problem).
 */
import { useRef, useState } from 'react';
import type { ScenarioSummary } from '../../../server/contract/index.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ImportRejectedError } from '../planner-api.ts';
import { formatSignedPct } from './format.ts';
import './scenario-panel.css';

/** Props of {@link ScenarioPanel}. */
export interface ScenarioPanelProps {
  scenarios: readonly ScenarioSummary[] | null;
  error: unknown;
  /** The scenario open in the workbench, if any. */
  openId: number | null;
  /** Ids ticked for comparison. */
  compareIds: readonly number[];
  onCompareIds(ids: number[]): void;
  onCompare(): void;
  onOpen(id: number): void;
  onDuplicate(id: number): void;
  onDelete(id: number): void;
  /** Sends a CSV; resolves with the new scenario's id, or rejects with the report. */
  onImport(csv: Blob, name: string): Promise<number>;
  onRetry(): void;
}

/** At most this many scenarios are compared with the current configuration. */
export const MAX_COMPARE = 3;

export function ScenarioPanel(props: ScenarioPanelProps) {
  const { scenarios, openId, compareIds, onCompareIds } = props;
  const { t } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [importState, setImportState] = useState<
    | { kind: 'idle' }
    | { kind: 'sending' }
    | { kind: 'done'; id: number }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'idle' });
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setImportState({ kind: 'sending' });
    try {
      const name = file.name.replace(/\.csv$/i, '').slice(0, 80) || 'import';
      // The file's bytes, not the browser's reading of them: the server reads UTF-8 and the GBK
      // that Excel saves on a Chinese Windows, which a text read would have turned into U+FFFD.
      const id = await props.onImport(file, name);
      setImportState({ kind: 'done', id });
    } catch (error) {
      setImportState({ kind: 'failed', error });
    }
    if (fileRef.current) fileRef.current.value = '';
  };

  const toggle = (id: number) => {
    if (compareIds.includes(id)) onCompareIds(compareIds.filter((x) => x !== id));
    else if (compareIds.length < MAX_COMPARE) onCompareIds([...compareIds, id]);
  };

  return (
    <div className="scenario-panel" data-testid="scenario-panel">
      <div className="scenario-panel__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={compareIds.length === 0}
          onClick={props.onCompare}
          data-testid="compare-button"
        >
          {t('planner.compareWith', { n: compareIds.length })}
        </button>
        <label className="button">
          {t('planner.importCsv')}
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            onChange={(e) => void onFile(e.target.files?.[0])}
            data-testid="import-file"
          />
        </label>
      </div>
      <p className="planner-hint">{t('planner.importHint')}</p>
      {importState.kind === 'sending' && <p className="planner-hint">{t('app.loading')}</p>}
      {importState.kind === 'done' && (
        <p className="planner-ok" role="status" data-testid="import-ok">
          {t('planner.imported')}
        </p>
      )}
      {importState.kind === 'failed' &&
        (importState.error instanceof ImportRejectedError ? (
          <div className="import-report" role="alert" data-testid="import-report">
            <p>{t('planner.importRejected', { n: importState.error.problems.length })}</p>
            <table>
              <thead>
                <tr>
                  <th>{t('planner.importRow')}</th>
                  <th>{t('planner.importCode')}</th>
                  <th>{t('planner.importProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {importState.error.problems.slice(0, 200).map((p, i) => (
                  <tr key={i}>
                    <td>{p.row ?? '—'}</td>
                    <td>{p.code ?? '—'}</td>
                    {/* The server's own sentence is English: a tooltip for the technical
                        reader, as the import report does; the cell says it in the UI's language. */}
                    <td title={p.message}>{t(`planner.problem.${p.problem}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <ErrorNotice error={importState.error} />
        ))}

      {props.error ? <ErrorNotice error={props.error} onRetry={props.onRetry} /> : null}
      {scenarios && scenarios.length === 0 && (
        <p className="planner-hint">{t('planner.noScenarios')}</p>
      )}
      <ul className="scenario-list">
        {(scenarios ?? []).map((s) => (
          <li
            key={s.id}
            className={`scenario-item${s.id === openId ? ' scenario-item--open' : ''}`}
            data-testid={`scenario-${s.id}`}
          >
            <label className="scenario-item__check" title={t('planner.pickCompare')}>
              <input
                type="checkbox"
                checked={compareIds.includes(s.id)}
                disabled={!compareIds.includes(s.id) && compareIds.length >= MAX_COMPARE}
                onChange={() => toggle(s.id)}
                data-testid={`compare-check-${s.id}`}
              />
            </label>
            <div className="scenario-item__body">
              <div className="scenario-item__name">
                {s.name}
                {s.appliedVersion !== null && (
                  <span className="tag">{t('planner.appliedTag', { v: s.appliedVersion })}</span>
                )}
              </div>
              <div className="planner-muted">
                {s.author} · {s.updatedAt.slice(0, 16).replace('T', ' ')}
              </div>
              <div className="scenario-item__metrics">
                {t('planner.scenarioLine', {
                  n: s.pianquCount,
                  dev: formatSignedPct(s.maxAbsDeviationPct).replace(/^[+−±]/, '±'),
                  broken: s.nonContiguous,
                  splits: s.streetSplits,
                })}
              </div>
              {s.notes && <div className="scenario-item__notes">{s.notes}</div>}
            </div>
            <div className="scenario-item__buttons">
              <button
                type="button"
                className="button"
                onClick={() => props.onOpen(s.id)}
                data-testid={`open-${s.id}`}
              >
                {t('planner.open')}
              </button>
              <button type="button" className="button" onClick={() => props.onDuplicate(s.id)}>
                {t('planner.duplicate')}
              </button>
              {confirmDelete === s.id ? (
                <button
                  type="button"
                  className="button button--danger"
                  onClick={() => {
                    setConfirmDelete(null);
                    props.onDelete(s.id);
                  }}
                >
                  {t('planner.confirmDelete')}
                </button>
              ) : (
                <button type="button" className="button" onClick={() => setConfirmDelete(s.id)}>
                  {t('planner.delete')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
