/**
 * A dry run's or an import's report: the summary, the column mapping (editable: a change is
 * sent with the next check), the counts per problem and the problems, errors first. A suspect
 * coordinate system stands out with a one-click check in the suggested one.
 */
import type {
  ColumnMapping,
  CoordinateSystem,
  DataImportReport,
  ImportCrs,
  ImportField,
} from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import {
  encodingLabel,
  fieldLabel,
  problemLabel,
  isTruncated,
  problemPlace,
  problemSentence,
  problemTally,
} from './import-state.ts';
import './import-tables.css';
import './import-report.css';

/** Props of {@link ImportReportView}. */
export interface ImportReportViewProps {
  report: DataImportReport;
  /** The fields of the report's kind (from `/api/admin/import-fields`). */
  fields: ImportField[];
  /** The user's own choices of column, field by field (over the report's mapping). */
  mapping: ColumnMapping;
  onMappingChange(next: ColumnMapping): void;
  /** Checks again in another coordinate system (the crs_suspect button). */
  onRetryCrs(crs: ImportCrs): void;
  busy: boolean;
}

export function ImportReportView({
  report,
  fields,
  mapping,
  onMappingChange,
  onRetryCrs,
  busy,
}: ImportReportViewProps) {
  const tr = useI18n();
  const { t } = tr;
  const crs = report.problems.find((p) => p.problem === 'crs_suspect');
  const suggested = crs?.params.suggested;
  const tally = problemTally(report);
  const total = tally.reduce((a, b) => a + b.count, 0);
  const changed = Object.entries(mapping).some(([f, c]) => report.mapping[f] !== c);
  // The mapping opens by itself when it is what is wrong (a column missing or unknown).
  const mappingAtFault =
    report.problemCounts.column_missing !== undefined ||
    report.problemCounts.column_unknown !== undefined;

  return (
    <section
      className="imports-report"
      aria-label={t('imports.report')}
      data-testid="imports-report"
    >
      <dl className="imports-summary">
        <div>
          <dt>{t('imports.summary.rows')}</dt>
          <dd data-testid="report-rows">{tr.count(report.rows)}</dd>
        </div>
        <div>
          <dt>{t('imports.summary.valid')}</dt>
          <dd data-testid="report-valid">{tr.count(report.valid)}</dd>
        </div>
        <div className={report.errorCount > 0 ? 'imports-summary--bad' : ''}>
          <dt>{t('imports.summary.errors')}</dt>
          <dd data-testid="report-errors">{tr.count(report.errorCount)}</dd>
        </div>
        <div>
          <dt>{t('imports.summary.warnings')}</dt>
          <dd data-testid="report-warnings">{tr.count(report.warningCount)}</dd>
        </div>
        <div>
          <dt>{t('imports.summary.format')}</dt>
          <dd data-testid="report-format">
            {report.format ? t(`imports.format.${report.format}`) : '—'}
            {report.table ? ` · ${report.table}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('imports.summary.encoding')}</dt>
          <dd>{encodingLabel(tr, report.encoding)}</dd>
        </div>
        <div>
          <dt>{t('imports.summary.seconds')}</dt>
          <dd>{t('imports.seconds', { s: report.seconds.toFixed(1) })}</dd>
        </div>
      </dl>

      {crs && typeof suggested === 'string' && (
        <div className="imports-crs" role="alert" data-testid="crs-suspect">
          <strong>{t('imports.crsSuspectTitle')}</strong>
          <p>{problemSentence(tr, crs)}</p>
          <button
            type="button"
            className="imports-button imports-button--primary"
            disabled={busy}
            onClick={() => onRetryCrs(suggested as ImportCrs)}
            data-testid="crs-retry"
          >
            {t('imports.crsRetry', {
              crs: suggested.startsWith('EPSG:')
                ? suggested
                : t(`imports.crs.${suggested as CoordinateSystem}`),
            })}
          </button>
        </div>
      )}

      <h3 className="imports-h3">{t('imports.problems')}</h3>
      {total === 0 ? (
        <p className="imports-note">{t('imports.problemsNone')}</p>
      ) : (
        <>
          <ul
            className="imports-tally"
            aria-label={t('imports.counts')}
            data-testid="problem-counts"
          >
            {tally.map((c) => (
              <li key={c.problem} className={c.error ? 'imports-tally--error' : ''}>
                <span title={c.problem}>{problemLabel(tr, c.problem)}</span> {tr.count(c.count)}
              </li>
            ))}
          </ul>
          {isTruncated(report) && (
            <p className="imports-note" data-testid="problems-truncated">
              {t('imports.truncated', {
                shown: tr.count(report.problems.length),
                total: tr.count(total),
              })}
            </p>
          )}
          <div className="imports-problems">
            <table className="imports-table" data-testid="problems">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">{t('imports.col.place')}</th>
                  <th scope="col">{t('imports.col.field')}</th>
                  <th scope="col">{t('imports.col.code')}</th>
                  <th scope="col">{t('imports.col.problem')}</th>
                  <th scope="col">{t('imports.col.location')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr
                    key={i}
                    className={`imports-problem imports-problem--${p.severity}`}
                    data-testid="problem"
                    data-problem={p.problem}
                  >
                    <td>
                      <span className={`imports-badge imports-badge--${p.severity}`}>
                        {t(`imports.severity.${p.severity}`)}
                      </span>
                    </td>
                    <td className="imports-nowrap" data-testid="problem-place">
                      {problemPlace(tr, p, report)}
                    </td>
                    <td className="imports-nowrap">{p.field ? fieldLabel(tr, p.field) : ''}</td>
                    <td>{p.code ?? ''}</td>
                    <td data-testid="problem-sentence" title={p.message}>
                      {problemSentence(tr, p)}
                    </td>
                    <td className="imports-nowrap">
                      {p.location ? `${p.location[0].toFixed(5)}, ${p.location[1].toFixed(5)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.columns.length > 0 && fields.length > 0 && (
        <details className="imports-mapping" open={mappingAtFault || changed}>
          <summary>{t('imports.mapping')}</summary>
          <p className="imports-note">{t('imports.mappingHint')}</p>
          <table className="imports-table">
            <thead>
              <tr>
                <th scope="col">{t('imports.mappingField')}</th>
                <th scope="col">{t('imports.mappingColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const value = mapping[f.field] ?? report.mapping[f.field] ?? '';
                return (
                  <tr key={f.field}>
                    <th scope="row">
                      <label htmlFor={`map-${f.field}`}>
                        {fieldLabel(tr, f.field)} <code>{f.field}</code>
                      </label>
                      {f.required && (
                        <span className="imports-required" title={t('imports.mappingRequired')}>
                          *<span className="visually-hidden">{t('imports.mappingRequired')}</span>
                        </span>
                      )}
                    </th>
                    <td>
                      <select
                        id={`map-${f.field}`}
                        value={value}
                        onChange={(e) => {
                          const next = { ...mapping };
                          if (e.target.value === '') delete next[f.field];
                          else next[f.field] = e.target.value;
                          onMappingChange(next);
                        }}
                        data-testid={`map-${f.field}`}
                      >
                        <option value="">{t('imports.mappingNone')}</option>
                        {report.columns.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {changed && <p className="imports-warn">{t('imports.mappingChanged')}</p>}
        </details>
      )}
    </section>
  );
}
