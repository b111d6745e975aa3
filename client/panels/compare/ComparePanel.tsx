/**
 * The compare view: two or three areas of one level side by side, from `GET /api/compare` in the
 * URL's time window. Each row of figures marks its best and worst value where the figure has a
 * better way (a rate, issues per worker), else its highest and lowest; each area gets a
 * small monthly chart on a shared scale. Reads data and dispatches URL states.
 */
import {
  compareRoutes,
  figureDefinition,
  figureValue,
  type FigureKey,
  type ProfileFigures,
} from '../../../server/contract/index.ts';
import { isRetryable } from '../../api/api.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useRouteQuery } from '../../api/query.ts';
import { MonthlyChart } from '../../charts/MonthlyChart.tsx';
import type { Translator } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { removeFromCompare, setCompareOpen, windowQuery } from '../../state/linked-filters.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import type { UrlState } from '../../state/url-state.ts';
import { profileQueryOf } from '../../figures/route-query.ts';
import { judgedExtremes } from './extremes.ts';
import './compare.css';

/** Props of {@link ComparePanel}. */
export interface ComparePanelProps {
  url: UrlState;
  onUrlChange(next: UrlState): void;
}

/** One row of the table: a figure, how to read it and how to show it. */
interface Row {
  key: FigureKey;
  label: string;
  value(f: ProfileFigures): number | null;
  format(n: number | null): string;
}

/**
 * The figures compared, in the table's order: one number each (lists and the current-state
 * counts of the levels above are left out). Labels and values come from the definitions.
 */
const COMPARED: readonly FigureKey[] = [
  'shequ',
  'xiaoqu',
  'households',
  'population',
  'sites',
  'workers',
  'staff',
  'issues.total',
  'issues.resolved',
  'issues.resolutionRate',
  'issues.escalatedResolved',
  'issues.legacyRate',
  'issues.perWorker',
  'microActivities',
  'pianquActivities',
  'attendance',
  'projects',
  'credits.earned',
  'credits.exchanged',
];

function rows(tr: Translator): Row[] {
  const { t, count, percent, figure } = tr;
  return COMPARED.map((key) => ({
    key,
    label: figure(key),
    value: (f) => figureValue(f, key),
    format: key.endsWith('Rate')
      ? (v) => percent(v)
      : key === 'issues.perWorker'
        ? (v) => (v === null ? t('stat.none') : v.toFixed(1))
        : (v) => (v === null ? t('stat.none') : count(v)),
  }));
}

export function ComparePanel({ url, onUrlChange }: ComparePanelProps) {
  const tr = useI18n();
  const { t, count } = tr;
  const codes = url.compare;
  const { frame } = useDataset();
  const query = windowQuery(url, frame.firstMonth);
  const compare = useRouteQuery(
    compareRoutes.compare,
    codes.length >= 2 ? { query: { ...profileQueryOf(query), codes: codes.join(',') } } : null,
  );
  const data = compare.data;
  const close = () => onUrlChange(setCompareOpen(url, false));
  const yMax = data ? Math.max(1, ...data.areas.flatMap((a) => a.series.map((m) => m.issues))) : 1;

  return (
    <section
      className="area-compare"
      data-testid="compare-view"
      data-ready={data && !compare.loading ? 'true' : 'false'}
      aria-label={t('compare.open')}
    >
      <header className="area-compare__header">
        <h2 className="area-compare__title">
          {data ? t('compare.heading', { level: t(`level.${data.level}`) }) : t('compare.open')}
        </h2>
        {data && (
          <span className="area-compare__window">
            {data.window.from && data.window.to
              ? t('window.span', { from: data.window.from, to: data.window.to })
              : t('window.allTime')}
          </span>
        )}
        <button
          type="button"
          className="area-compare__close"
          onClick={close}
          data-testid="compare-close"
        >
          {t('compare.close')} ×
        </button>
      </header>
      {compare.loading && <div className="area-panel__progress" />}
      {codes.length < 2 && <p className="muted">{t('compare.needTwo')}</p>}
      {compare.error && !compare.loading ? (
        <ErrorNotice
          error={compare.error}
          onRetry={isRetryable(compare.error) ? compare.retry : undefined}
        />
      ) : null}
      {data && (
        <div className="area-compare__body">
          <table className="area-compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">{t('compare.figure')}</th>
                {data.areas.map((a) => (
                  <th key={a.code} scope="col" data-testid={`compare-area-${a.code}`}>
                    <span className="area-compare-table__name">{a.name}</span>
                    <button
                      type="button"
                      className="area-compare-table__remove"
                      title={t('compare.remove', { name: a.name })}
                      aria-label={t('compare.remove', { name: a.name })}
                      onClick={() => onUrlChange(removeFromCompare(url, a.code))}
                    >
                      ×
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows(tr).map((row) => {
                const values = data.areas.map((a) => row.value(a.figures));
                const marks = judgedExtremes(values, figureDefinition(row.key).better);
                return (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {values.map((v, i) => (
                      <td
                        key={data.areas[i]!.code}
                        className={marks[i] ? `area-compare-table__${marks[i]}` : undefined}
                        data-testid={`compare-${row.key}-${data.areas[i]!.code}`}
                      >
                        {row.format(v)}
                      </td>
                    ))}
                  </tr>
                );
              })}
              <tr className="area-compare-table__charts">
                <th scope="row">{t('compare.monthly')}</th>
                {data.areas.map((a) => (
                  <td key={a.code}>
                    <MonthlyChart
                      data={a.series.map((m) => ({
                        month: m.month,
                        value: m.issues,
                        part: m.resolved,
                      }))}
                      title={`${a.name} · ${t('compare.monthly')}`}
                      format={count}
                      yMax={yMax}
                      height={80}
                    />
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="area-compare__note">{t('compare.note')}</p>
        </div>
      )}
    </section>
  );
}
