/**
 * The import history (导入记录), newest first, with 恢复 on the one import that can be restored.
 */
import type { ImportRun } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { isBoundaryLevel } from './import-state.ts';
import './import-tables.css';

/** Props of {@link ImportHistory}. */
export interface ImportHistoryProps {
  runs: ImportRun[];
  /** Asks to restore an import (the page confirms first). */
  onRestore(run: ImportRun): void;
  busy: boolean;
}

export function ImportHistory({ runs, onRestore, busy }: ImportHistoryProps) {
  const tr = useI18n();
  const { t } = tr;
  if (runs.length === 0) return <p className="imports-note">{t('imports.historyEmpty')}</p>;
  return (
    <div className="imports-history">
      <table className="imports-table" data-testid="imports-history">
        <thead>
          <tr>
            <th scope="col">{t('imports.history.time')}</th>
            <th scope="col">{t('imports.history.kind')}</th>
            <th scope="col">{t('imports.history.file')}</th>
            <th scope="col">{t('imports.history.source')}</th>
            <th scope="col">{t('imports.history.by')}</th>
            <th scope="col">{t('imports.history.counts')}</th>
            <th scope="col">{t('imports.history.status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr
              key={r.id}
              data-testid={`import-run-${r.id}`}
              data-status={r.status}
              data-restorable={String(r.restorable)}
            >
              <td className="imports-nowrap">{tr.clock(Date.parse(r.createdAt))}</td>
              <td>
                {t(`imports.kind.${r.kind}`)}
                {isBoundaryLevel(r.level) ? ` · ${t(`imports.level.${r.level}`)}` : ''}
              </td>
              <td className="imports-file-cell" title={r.fileName}>
                {r.fileName}
              </td>
              <td>{r.source ?? ''}</td>
              <td>{r.createdBy}</td>
              <td className="imports-nowrap">
                {tr.count(r.inserted)} / {tr.count(r.updated)} / {tr.count(r.deleted)}
              </td>
              <td data-testid="run-status">
                <span className={`imports-status imports-status--${r.status}`}>
                  {t(`imports.status.${r.status}`)}
                </span>
              </td>
              <td>
                {r.restorable && (
                  <button
                    type="button"
                    className="imports-button"
                    disabled={busy}
                    onClick={() => onRestore(r)}
                    data-testid="run-restore"
                  >
                    {t('imports.restore')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
