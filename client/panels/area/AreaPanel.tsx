/**
 * The side panel of the selected area: where it sits (breadcrumb), its statistics from
 * `GET /api/areas/:code`, and the areas below it. Reads data and dispatches selections; it
 * never touches the map.
 */
import type { ReactNode } from 'react';
import type { AreaDetail, AreaStats, MapLevel } from '../../../server/contract/index.ts';
import { isRetryable } from '../../api/api.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { BarChart } from '../../charts/BarChart.tsx';
import { RateRing } from '../../charts/RateRing.tsx';
import type { Translator } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { AreaFeature } from '../../layers/areas/areas-layer.ts';
import { childLevel } from '../../state/scope.ts';
import { ZONE_CODE } from '../../state/url-state.ts';
import { Breadcrumb } from './Breadcrumb.tsx';
import { Stat } from './Stat.tsx';

/** Props of {@link AreaPanel}. */
export interface AreaPanelProps {
  /** The code the URL selects. */
  code: string;
  /** The latest loaded detail; may still be the previous selection's while the next loads. */
  detail: AreaDetail | null;
  loading: boolean;
  error: unknown;
  /** The polygons of the children, when loaded: their numbers go into the children list. */
  childAreas: readonly AreaFeature[];
  /** The issue figures follow the map's issue filters (default false): say so. */
  filtered?: boolean;
  onSelect(code: string): void;
  onRetry(): void;
}

const LEVEL_ORDER: readonly MapLevel[] = ['pianqu', 'shequ', 'xiaoqu'];

/** The levels whose counts make sense under an area: those below it. */
function levelsBelow(level: AreaDetail['level']): MapLevel[] {
  const first = childLevel(level);
  return first ? LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(first)) : [];
}

export function AreaPanel(props: AreaPanelProps) {
  const { code, detail, loading, error, onRetry, onSelect } = props;
  const tr = useI18n();
  const fresh = detail !== null && detail.code === code;
  const ready = fresh && !loading && !error;

  return (
    <aside
      className={`area-panel${loading ? ' area-panel--loading' : ''}`}
      data-testid="area-panel"
      data-ready={ready ? 'true' : 'false'}
      aria-busy={loading}
    >
      {loading && <div className="area-panel__progress" aria-label={tr.t('panel.loading')} />}
      {error && !loading ? (
        <div className="area-panel__error">
          <ErrorNotice error={error} onRetry={isRetryable(error) ? onRetry : undefined} />
          {code !== ZONE_CODE && !isRetryable(error) && (
            <button
              type="button"
              className="button button--link"
              onClick={() => onSelect(ZONE_CODE)}
            >
              {tr.t('panel.backToZone')}
            </button>
          )}
        </div>
      ) : null}
      {detail && (fresh || loading) ? (
        <PanelBody {...props} detail={detail} tr={tr} />
      ) : (
        !error && <div className="area-panel__placeholder">{tr.t('panel.loading')}</div>
      )}
    </aside>
  );
}

function PanelBody({
  detail,
  childAreas,
  filtered = false,
  onSelect,
  tr,
}: AreaPanelProps & { detail: AreaDetail; tr: Translator }) {
  const { t, vocab } = tr;
  const s = detail.stats;
  const subtitle = [
    t(`level.${detail.level}`),
    detail.street ? vocab('street', detail.street) : null,
    detail.compoundType ? vocab('compoundType', detail.compoundType) : null,
  ].filter(Boolean);

  return (
    <div className="area-panel__body">
      <header className="area-panel__header">
        <Breadcrumb
          chain={detail.chain}
          current={{ code: detail.code, name: detail.name, level: detail.level }}
          onSelect={onSelect}
        />
        <h2 className="area-panel__title" data-testid="panel-title">
          {detail.name}
        </h2>
        <div className="area-panel__subtitle">
          {subtitle.map((part, i) => (
            <span key={i} className="tag">
              {part}
            </span>
          ))}
        </div>
      </header>

      <Overview detail={detail} tr={tr} />
      <Forces stats={s} tr={tr} />
      <Issues stats={s} tr={tr} filtered={filtered} />
      <Activities stats={s} tr={tr} />
      <Children detail={detail} childAreas={childAreas} onSelect={onSelect} tr={tr} />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h3 className="panel-section__title">{title}</h3>
      {children}
    </section>
  );
}

function Overview({ detail, tr }: { detail: AreaDetail; tr: Translator }) {
  const { t, count } = tr;
  const s = detail.stats;
  const levels = levelsBelow(detail.level);
  // Six columns: the counts share a row (the zone's four spill into the next), households and
  // population take halves, or thirds beside the spilled count.
  const counts = levels.length + 1;
  const countSpan = counts === 4 ? 2 : 6 / counts;
  const sizeSpan = counts === 4 ? 2 : 3;
  return (
    <Section title={t('panel.overview')}>
      <div className="stat-grid stat-grid--six">
        {levels.map((level) => (
          <Stat
            key={level}
            label={t(`stat.${level}`)}
            value={count(s[level])}
            testId={`stat-${level}`}
            span={countSpan}
          />
        ))}
        <Stat
          label={t('stat.partyBranches')}
          value={count(s.partyBranches)}
          testId="stat-party-branches"
          span={countSpan}
        />
        <Stat
          label={t('stat.households')}
          value={count(s.households)}
          testId="stat-households"
          span={sizeSpan}
        />
        <Stat
          label={t('stat.population')}
          value={count(s.population)}
          testId="stat-population"
          span={sizeSpan}
        />
      </div>
    </Section>
  );
}

function Forces({ stats: s, tr }: { stats: AreaStats; tr: Translator }) {
  const { t, count, vocab } = tr;
  return (
    <Section title={t('panel.forces')}>
      <div className="stat-grid">
        <Stat label={t('stat.sites')} value={count(s.sites)} testId="stat-sites" />
        <Stat label={t('stat.workers')} value={count(s.workers)} testId="stat-workers" />
        <Stat label={t('stat.staff')} value={count(s.staff)} testId="stat-staff" />
      </div>
      {s.staffByDepartment.length > 0 && (
        <>
          <h4 className="panel-section__subtitle">{t('panel.staffByDepartment')}</h4>
          <BarChart
            title={t('panel.staffByDepartment')}
            data={s.staffByDepartment.map((d) => ({
              key: d.department,
              label: vocab('department', d.department),
              total: d.count,
            }))}
            format={count}
            testId="staff"
          />
        </>
      )}
    </Section>
  );
}

function Issues({
  stats: s,
  tr,
  filtered,
}: {
  stats: AreaStats;
  tr: Translator;
  filtered: boolean;
}) {
  const { t, count, percent, vocab } = tr;
  const i = s.issues;
  return (
    <Section title={t('panel.issues')}>
      {filtered && (
        <div className="panel-filtered" data-testid="panel-filtered">
          {t('panel.filtered')}
        </div>
      )}
      <div className="issues-summary">
        <RateRing
          ratio={i.resolutionRate}
          label={percent(i.resolutionRate)}
          title={t('stat.resolutionRate')}
          testId="stat-resolution-rate"
        />
        <div className="stat-grid stat-grid--compact">
          <Stat label={t('stat.issuesTotal')} value={count(i.total)} testId="stat-issues-total" />
          <Stat
            label={t('stat.issuesResolved')}
            value={count(i.resolved)}
            testId="stat-issues-resolved"
            tone="good"
          />
          <Stat
            label={t('stat.issuesUnresolved')}
            value={count(i.unresolved)}
            testId="stat-issues-unresolved"
            tone={i.unresolved > 0 ? 'warn' : 'default'}
          />
        </div>
      </div>
      <div className="stat-grid stat-grid--two">
        <Stat
          label={t('stat.escalatedResolved')}
          value={count(i.escalatedResolved)}
          testId="stat-escalated-resolved"
        />
        <Stat
          label={t('stat.escalatedOpen')}
          value={count(i.escalatedOpen)}
          testId="stat-escalated-open"
        />
      </div>
      <h4 className="panel-section__subtitle">
        {t('panel.issuesByCategory')}
        <span className="chart-key">
          <span className="chart-key__swatch chart-key__swatch--part" />
          {t('chart.resolved')}
          <span className="chart-key__swatch chart-key__swatch--track" />
          {t('chart.unresolved')}
        </span>
      </h4>
      {i.total > 0 ? (
        <BarChart
          title={t('panel.issuesByCategory')}
          data={i.byCategory.map((c) => ({
            key: c.category,
            label: vocab('issueCategory', c.category),
            total: c.total,
            part: c.resolved,
          }))}
          format={count}
          testId="issues"
        />
      ) : (
        <p className="muted">{t('chart.empty')}</p>
      )}
    </Section>
  );
}

function Activities({ stats: s, tr }: { stats: AreaStats; tr: Translator }) {
  const { t, count } = tr;
  return (
    <Section title={t('panel.activities')}>
      <div className="stat-grid stat-grid--two">
        <Stat
          label={t('stat.microActivities')}
          value={count(s.microActivities)}
          testId="stat-micro-activities"
        />
        <Stat
          label={t('stat.pianquActivities')}
          value={count(s.pianquActivities)}
          testId="stat-pianqu-activities"
        />
        <Stat
          label={t('stat.projects')}
          value={count(s.projects)}
          testId="stat-projects"
          note={t('stat.projectsCompleted', { n: count(s.projectsCompleted) })}
        />
        <Stat
          label={t('stat.creditPoints')}
          value={count(s.creditPoints)}
          testId="stat-credit-points"
          note={t('stat.creditParticipants', { n: count(s.creditParticipants) })}
        />
      </div>
    </Section>
  );
}

function Children({
  detail,
  childAreas,
  onSelect,
  tr,
}: {
  detail: AreaDetail;
  childAreas: readonly AreaFeature[];
  onSelect(code: string): void;
  tr: Translator;
}) {
  const { t, count } = tr;
  const level = childLevel(detail.level);
  if (!level) return null;
  const byCode = new Map(childAreas.map((a) => [a.properties.code, a.properties]));
  return (
    <Section
      title={t('panel.children', { level: t(`level.${level}`), count: detail.children.length })}
    >
      {detail.children.length === 0 ? (
        <p className="muted">{t('panel.childrenEmpty')}</p>
      ) : (
        <ul className="child-list" data-testid="children">
          {detail.children.map((c) => {
            const p = byCode.get(c.code);
            return (
              <li key={c.code}>
                <button type="button" className="child-list__item" onClick={() => onSelect(c.code)}>
                  <span className="child-list__name">{c.name}</span>
                  {p && (
                    <span className="child-list__meta">
                      {t('panel.householdsShort', { n: count(p.households) })}
                      {p.unresolvedIssues > 0 && (
                        <span className="child-list__warn">
                          {t('panel.unresolvedShort', { n: count(p.unresolvedIssues) })}
                        </span>
                      )}
                    </span>
                  )}
                  <span className="child-list__chevron" aria-hidden="true">
                    ›
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
