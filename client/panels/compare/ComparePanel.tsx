/**
 * The compare view: two or three areas of one level side by side, from `GET /api/compare` in the
 * URL's time window. Each row of figures marks its highest and lowest value; each area gets a
 * small monthly chart on a shared scale. Reads data and dispatches URL states.
 */
import { compareRoutes, type ProfileFigures } from '../../../server/contract/index.ts';
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
import { extremes } from './extremes.ts';
import './compare.css';

/** Props of {@link ComparePanel}. */
export interface ComparePanelProps {
  url: UrlState;
  onUrlChange(next: UrlState): void;
}

/** One row of the table: how to read the figure and how to show it. */
interface Row {
  key: string;
  label: string;
  value(f: ProfileFigures): number | null;
  format(n: number | null): string;
}

function rows(tr: Translator): Row[] {
  const { t, count, percent } = tr;
  const n = (label: string, key: string, value: (f: ProfileFigures) => number): Row => ({
    key,
    label,
    value,
    format: (v) => (v === null ? t('stat.none') : count(v)),
  });
  const r = (label: string, key: string, value: (f: ProfileFigures) => number | null): Row => ({
    key,
    label,
    value,
    format: (v) => percent(v),
  });
  return [
    n(t('stat.shequ'), 'shequ', (f) => f.shequ),
    n(t('stat.xiaoqu'), 'xiaoqu', (f) => f.xiaoqu),
    n(t('stat.households'), 'households', (f) => f.households),
    n(t('stat.population'), 'population', (f) => f.population),
    n(t('stat.sites'), 'sites', (f) => f.sites),
    n(t('stat.workers'), 'workers', (f) => f.workers),
    n(t('stat.staff'), 'staff', (f) => f.staff),
    n(t('stat.issuesTotal'), 'issues', (f) => f.issues.total),
    n(t('stat.issuesResolved'), 'resolved', (f) => f.issues.resolved),
    r(t('stat.resolutionRate'), 'resolutionRate', (f) => f.issues.resolutionRate),
    n(t('profile.escalatedResolved'), 'escalatedResolved', (f) => f.issues.escalatedResolved),
    r(t('profile.legacyRate'), 'legacyRate', (f) => f.issues.legacyRate),
    {
      key: 'perWorker',
      label: t('profile.perWorker'),
      value: (f) => f.issues.perWorker,
      format: (v) => (v === null ? t('stat.none') : v.toFixed(1)),
    },
    n(t('stat.microActivities'), 'microActivities', (f) => f.microActivities),
    n(t('stat.pianquActivities'), 'pianquActivities', (f) => f.pianquActivities),
    n(t('profile.attendance'), 'attendance', (f) => f.attendance),
    n(t('stat.projects'), 'projects', (f) => f.projects),
    n(t('profile.creditsEarned'), 'creditsEarned', (f) => f.credits.earned),
    n(t('profile.creditsExchanged'), 'creditsExchanged', (f) => f.credits.exchanged),
  ];
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
                const marks = extremes(values);
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
