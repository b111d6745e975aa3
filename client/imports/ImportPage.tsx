/**
 * The admin's data import (数据导入): the settings and file on the left, then 检查 (a dry run)
 * and its report; 导入 only after a clean check of the same file and settings, confirmed. The
 * history below lists every import, with 恢复 on the one that can be taken back.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { importRoutes, type ImportCrs, type ImportRun } from '../../server/contract/index.ts';
import { ApiError } from '../api/api.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useRouteQuery } from '../api/query.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import {
  DEFAULT_SETTINGS,
  checkKey,
  formCrs,
  mayImport,
  type CheckResult,
  type ImportSettings,
} from './import-state.ts';
import { postImport, restoreImport } from './imports-api.ts';
import { ImportForm } from './ImportForm.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportReportView } from './ImportReportView.tsx';

/** What the last action said, above the report. */
type Outcome =
  | { kind: 'checked'; errors: number }
  | { kind: 'imported'; inserted: number; updated: number; deleted: number }
  | { kind: 'rejected'; errors: number }
  | { kind: 'restored'; file: string }
  | { kind: 'failed'; error: unknown };

export function ImportPage() {
  const tr = useI18n();
  const { t } = tr;
  const [settings, setSettings] = useState<ImportSettings>(DEFAULT_SETTINGS);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'restore' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState<'import' | ImportRun | null>(null);
  const queryClient = useQueryClient();
  // An import or a restore changes the data: every answer the app holds is read again.
  const dataChanged = useCallback(() => void queryClient.invalidateQueries(), [queryClient]);

  const fields = useRouteQuery(importRoutes.fields, {});
  const sources = useRouteQuery(importRoutes.sources, {});
  const runs = useRouteQuery(importRoutes.runs, {});

  const onFile = useCallback((next: File | null) => {
    setFile(next);
    setCheck(null);
    setOutcome(null);
    setSettings((s) => ({ ...s, mapping: {} }));
  }, []);

  const runCheck = useCallback(
    async (using: ImportSettings) => {
      if (!file) return;
      setSettings(using);
      setBusy('check');
      setOutcome(null);
      try {
        const { report } = await postImport(file, using, true);
        setCheck({ key: checkKey(file, using), report });
        setOutcome({ kind: 'checked', errors: report.errorCount });
      } catch (error) {
        setCheck(null);
        setOutcome({ kind: 'failed', error });
      } finally {
        setBusy(null);
      }
    },
    [file],
  );

  const runImport = useCallback(async () => {
    if (!file) return;
    setConfirming(null);
    setBusy('import');
    try {
      const { report, refused } = await postImport(file, settings, false);
      // The check no longer holds: what it checked against has changed (or was refused).
      setCheck({ key: refused ? checkKey(file, settings) : '', report });
      setOutcome(
        refused
          ? { kind: 'rejected', errors: report.errorCount }
          : {
              kind: 'imported',
              inserted: report.inserted,
              updated: report.updated,
              deleted: report.deleted,
            },
      );
      if (!refused) dataChanged();
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      setBusy(null);
    }
  }, [file, settings, dataChanged]);

  const runRestore = useCallback(
    async (run: ImportRun) => {
      setConfirming(null);
      setBusy('restore');
      try {
        await restoreImport(run.id);
        setOutcome({ kind: 'restored', file: run.fileName });
        setCheck(null);
      } catch (error) {
        setOutcome({ kind: 'failed', error });
      } finally {
        dataChanged();
        setBusy(null);
      }
    },
    [dataChanged],
  );

  if (fields.error || (!fields.data && !fields.loading)) {
    return (
      <main className="imports mode-message">
        <ErrorNotice error={fields.error} onRetry={fields.retry} />
      </main>
    );
  }
  if (!fields.data) {
    return (
      <main className="imports mode-message">
        <p>{t('imports.loading')}</p>
      </main>
    );
  }

  const report = check?.report ?? null;
  const canImport = mayImport(check, file, settings) && busy === null;
  const kindFields = report ? (fields.data[report.kind] ?? []) : [];

  return (
    <main className="imports" data-testid="imports" data-busy={busy ?? ''}>
      <div className="imports-layout">
        <section className="imports-card imports-card--form">
          <h2>{t('imports.title')}</h2>
          <p className="imports-note">{t('imports.lead')}</p>
          <ImportForm
            settings={settings}
            file={file}
            sources={sources.data ?? []}
            onChange={setSettings}
            onFile={onFile}
          />
          <div className="imports-actions">
            <button
              type="button"
              className="imports-button"
              disabled={!file || busy !== null}
              onClick={() => void runCheck(settings)}
              data-testid="imports-check"
            >
              {busy === 'check' ? t('imports.checking') : t('imports.check')}
            </button>
            {canImport ? (
              <button
                type="button"
                className="imports-button imports-button--primary"
                onClick={() => setConfirming('import')}
                data-testid="imports-import"
              >
                {busy === 'import' ? t('imports.importing') : t('imports.import')}
              </button>
            ) : (
              <span className="imports-note" data-testid="imports-import-hint">
                {busy === 'import' ? t('imports.importing') : t('imports.importHint')}
              </span>
            )}
          </div>
        </section>

        <section className="imports-card imports-card--report" aria-live="polite">
          {outcome && <OutcomeNote outcome={outcome} />}
          {report && (
            <ImportReportView
              report={report}
              fields={kindFields}
              mapping={settings.mapping}
              onMappingChange={(mapping) => setSettings({ ...settings, mapping })}
              onRetryCrs={(crs: ImportCrs) => void runCheck({ ...settings, ...formCrs(crs) })}
              busy={busy !== null}
            />
          )}
          {!report && !outcome && <p className="imports-note">{t('imports.importHint')}</p>}
        </section>

        <section className="imports-card imports-card--history">
          <h2>{t('imports.history')}</h2>
          {runs.error ? (
            <ErrorNotice error={runs.error} onRetry={runs.retry} />
          ) : (
            <ImportHistory
              runs={runs.data ?? []}
              busy={busy !== null}
              onRestore={(run) => setConfirming(run)}
            />
          )}
        </section>
      </div>

      {confirming === 'import' && report && file && (
        <ConfirmDialog
          title={t('imports.confirmTitle')}
          confirmLabel={t('imports.confirmOk')}
          onConfirm={() => void runImport()}
          onCancel={() => setConfirming(null)}
          testId="imports-confirm"
        >
          <p>
            {t('imports.confirmBody', {
              file: file.name,
              rows: tr.count(report.valid),
              kind:
                settings.kind === 'boundaries'
                  ? `${t('imports.kind.boundaries')}（${t(`imports.level.${settings.level}`)}）`
                  : t(`imports.kind.${settings.kind}`),
              mode: t(`imports.mode.${settings.mode}`),
            })}
          </p>
          {settings.mode === 'replace' && (
            <p className="imports-warn">{t('imports.confirmReplace')}</p>
          )}
        </ConfirmDialog>
      )}
      {confirming !== null && confirming !== 'import' && (
        <ConfirmDialog
          title={t('imports.restore')}
          confirmLabel={t('imports.restore')}
          onConfirm={() => void runRestore(confirming)}
          onCancel={() => setConfirming(null)}
          testId="restore-confirm"
        >
          <p>{t('imports.restoreConfirm', { file: confirming.fileName })}</p>
        </ConfirmDialog>
      )}
    </main>
  );
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  const tr = useI18n();
  const { t } = tr;
  switch (outcome.kind) {
    case 'checked':
      return outcome.errors === 0 ? (
        <p className="imports-outcome imports-outcome--good" data-testid="imports-outcome">
          {t('imports.checkedClean')}
        </p>
      ) : (
        <p className="imports-outcome imports-outcome--bad" data-testid="imports-outcome">
          {t('imports.checkedErrors', { n: tr.count(outcome.errors) })}
        </p>
      );
    case 'imported':
      return (
        <div className="imports-outcome imports-outcome--good" data-testid="imports-outcome">
          <p data-testid="imports-done" data-inserted={outcome.inserted}>
            {t('imports.done', {
              inserted: tr.count(outcome.inserted),
              updated: tr.count(outcome.updated),
              deleted: tr.count(outcome.deleted),
            })}
          </p>
          <p>{t('imports.refreshNote')}</p>
        </div>
      );
    case 'rejected':
      return (
        <p className="imports-outcome imports-outcome--bad" data-testid="imports-outcome">
          {t('imports.rejected', { n: tr.count(outcome.errors) })}
        </p>
      );
    case 'restored':
      return (
        <p className="imports-outcome imports-outcome--good" data-testid="imports-outcome">
          {t('imports.restoreDone', { file: outcome.file })}
        </p>
      );
    case 'failed': {
      const error = outcome.error;
      const message =
        error instanceof ApiError && error.status === 409 && error.serverMessage
          ? error.serverMessage
          : null;
      return message ? (
        <p
          className="imports-outcome imports-outcome--bad"
          role="alert"
          data-testid="imports-outcome"
        >
          {t('imports.failed', { message })}
        </p>
      ) : (
        <ErrorNotice error={error} />
      );
    }
  }
}
