/**
 * The figure sections every level's profile shows: the overview, the issues with their linked
 * charts (a category bar sets the map's category filter, a brush the months) and the
 * activities. The sections of one level are in levels/.
 */
import type { AreaLevel, ProfileFigures } from '../../../server/contract/index.ts';
import type { IssueCategory } from '../../../server/contract/vocabulary.ts';
import { BarChart } from '../../charts/BarChart.tsx';
import { MonthlyChart } from '../../charts/MonthlyChart.tsx';
import { RateRing } from '../../charts/RateRing.tsx';
import type { Translator } from '../../i18n/i18n.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import { brushMonths, toggleCategory } from '../../state/linked-filters.ts';
import { Stat } from '../area/Stat.tsx';
import type { ProfileBodyProps } from './profile-props.ts';
import { Section } from './Section.tsx';

const LEVELS_BELOW: Record<AreaLevel, readonly ('pianqu' | 'shequ' | 'xiaoqu')[]> = {
  chengqu: ['pianqu', 'shequ', 'xiaoqu'],
  pianqu: ['shequ', 'xiaoqu'],
  shequ: ['xiaoqu'],
  xiaoqu: [],
};

export function Overview({
  figures: f,
  level,
  dated,
  tr,
}: {
  figures: ProfileFigures;
  level: AreaLevel;
  /** The window ends before today (a range or a replayed month): say what does not follow it. */
  dated: boolean;
  tr: Translator;
}) {
  const { t, figure, count } = tr;
  const below = LEVELS_BELOW[level];
  // The counts of the levels below share a row with households and population where they fit.
  const sizes = [
    <Stat
      key="h"
      label={figure('households')}
      value={count(f.households)}
      testId="stat-households"
    />,
    <Stat
      key="p"
      label={figure('population')}
      value={count(f.population)}
      testId="stat-population"
    />,
  ];
  const counts = below.map((l) => (
    <Stat key={l} label={figure(l)} value={count(f[l])} testId={`stat-${l}`} />
  ));
  return (
    <Section title={t('panel.overview')}>
      {below.length >= 2 ? (
        <>
          <div className={below.length === 3 ? 'stat-grid' : 'stat-grid stat-grid--two-top'}>
            {counts}
          </div>
          <div className="stat-grid stat-grid--two">{sizes}</div>
        </>
      ) : (
        <div className={`stat-grid stat-grid--n${below.length + 2}`}>
          {counts}
          {sizes}
        </div>
      )}
      <div className="stat-grid stat-grid--gap">
        <Stat label={figure('sites')} value={count(f.sites)} testId="stat-sites" />
        <Stat label={figure('workers')} value={count(f.workers)} testId="stat-workers" />
        <Stat label={figure('staff')} value={count(f.staff)} testId="stat-staff" />
      </div>
      {dated && (
        <p className="muted panel-note" data-testid="current-state-note">
          {t('profile.currentState')}
        </p>
      )}
    </Section>
  );
}

export function Issues({
  profile,
  url,
  onUrlChange,
  allMonths,
  allCategories,
  tr,
}: ProfileBodyProps) {
  const { t, figure, count, percent, vocab } = tr;
  const { frame } = useDataset();
  const i = profile.figures.issues;
  const f = url.overlays.issues;
  const filtered = f.category.length > 0 || f.status.length > 0 || f.level.length > 0;
  const byCategory = new Map(
    (f.category.length > 0 && allCategories ? allCategories : i.byCategory).map((c) => [
      c.category,
      c,
    ]),
  );
  // Every category of the vocabulary keeps its row (the figures list each one, zeros
  // included), so a chosen one can be clicked off again.
  const categories = [...byCategory.values()].map((c) => ({
    key: c.category,
    label: vocab('issueCategory', c.category),
    total: c.total,
    part: c.resolved,
  }));
  const series = allMonths && allMonths.length > profile.series.length ? allMonths : profile.series;
  const range: [string, string] | null =
    url.timeWindow === 'all' && !f.at
      ? null
      : [
          f.from ?? series[0]?.month ?? frame.firstMonth,
          f.to ?? f.at ?? series.at(-1)?.month ?? frame.lastMonth,
        ];
  return (
    <Section title={t('panel.issues')} testId="profile-issues">
      {(filtered || f.at) && (
        <div className="panel-filtered" data-testid="panel-filtered">
          {filtered && (
            <div>
              {t('profile.filteredIssues')} {t('profile.filtersLeaveOut')}
            </div>
          )}
          {f.at && <div data-testid="panel-replay">{t('window.replay', { month: f.at })}</div>}
        </div>
      )}
      <div className="issues-summary">
        <RateRing
          ratio={i.resolutionRate}
          label={percent(i.resolutionRate)}
          title={figure('issues.resolutionRate')}
          testId="stat-resolution-rate"
        />
        <div className="stat-grid stat-grid--compact">
          <Stat label={figure('issues.total')} value={count(i.total)} testId="stat-issues-total" />
          <Stat
            label={figure('issues.resolved')}
            value={count(i.resolved)}
            testId="stat-issues-resolved"
            tone="good"
            note={
              // 办结 (resolved in the window, whenever reported) is another figure than 已解决
              // (of those reported in it); over all time they are the same.
              profile.window.kind === 'all' && !f.at ? undefined : (
                <span title={t('profile.closedHint')} data-testid="stat-closed">
                  {profile.window.kind === 'month' || profile.window.kind === 'year'
                    ? t('profile.closed', {
                        window: t(`window.${profile.window.kind}`),
                        n: count(i.resolvedInWindow),
                      })
                    : t('profile.closedInRange', { n: count(i.resolvedInWindow) })}
                </span>
              )
            }
          />
          <Stat
            label={figure('issues.unresolved')}
            value={count(i.unresolved)}
            testId="stat-issues-unresolved"
            tone={i.unresolved > 0 ? 'warn' : 'default'}
          />
        </div>
      </div>
      <div className="stat-grid stat-grid--gap">
        <Stat
          label={figure('issues.escalatedResolved')}
          value={count(i.escalatedResolved)}
          testId="stat-escalated-resolved"
          note={`${figure('issues.escalated')} ${count(i.escalated)}`}
        />
        <Stat
          label={figure('issues.legacy')}
          value={count(i.legacy)}
          testId="stat-legacy"
          note={t('profile.legacyResolved', { n: count(i.legacyResolved) })}
        />
        <Stat
          label={figure('issues.perWorker')}
          value={i.perWorker === null ? t('stat.none') : i.perWorker.toFixed(1)}
          testId="stat-per-worker"
        />
      </div>
      <h4 className="panel-section__subtitle">{t('profile.byCategory')}</h4>
      <BarChart
        title={t('profile.byCategory')}
        data={categories}
        format={count}
        testId="issues"
        selected={f.category}
        onSelect={(key, additive) =>
          onUrlChange(toggleCategory(url, key as IssueCategory, additive))
        }
      />
      <h4 className="panel-section__subtitle">
        {t('profile.monthly')}
        <span className="chart-key">
          <span className="chart-key__swatch chart-key__swatch--part" />
          {t('chart.resolved')}
          <span className="chart-key__swatch chart-key__swatch--track" />
          {t('chart.unresolved')}
        </span>
      </h4>
      {series.length > 0 ? (
        <MonthlyChart
          data={series.map((m) => ({ month: m.month, value: m.issues, part: m.resolved }))}
          title={t('profile.monthly')}
          format={count}
          range={range}
          onBrush={(months) => onUrlChange(brushMonths(url, months))}
          testId="monthly-chart"
        />
      ) : (
        <p className="muted">{t('profile.empty')}</p>
      )}
    </Section>
  );
}

export function Activities({ figures: f, tr }: { figures: ProfileFigures; tr: Translator }) {
  const { t, figure, count } = tr;
  return (
    <Section title={t('panel.activities')}>
      <div className="stat-grid">
        <Stat
          label={figure('microActivities')}
          value={count(f.microActivities)}
          testId="stat-micro-activities"
        />
        <Stat
          label={figure('pianquActivities')}
          value={count(f.pianquActivities)}
          testId="stat-pianqu-activities"
        />
        <Stat
          label={figure('attendance')}
          value={count(f.attendance)}
          testId="stat-attendance"
          note={t('profile.attendanceParts', {
            micro: count(f.microAttendance),
            pianqu: count(f.pianquAttendance),
          })}
        />
      </div>
      <div className="stat-grid stat-grid--gap">
        <Stat
          label={figure('projects')}
          value={count(f.projects)}
          testId="stat-projects"
          note={t('stat.projectsCompleted', { n: count(f.projectsCompleted) })}
        />
        <Stat
          label={figure('credits.earned')}
          value={count(f.credits.earned)}
          testId="stat-credits-earned"
          note={t('stat.creditParticipants', { n: count(f.credits.participants) })}
        />
        <Stat
          label={figure('credits.exchanged')}
          value={count(f.credits.exchanged)}
          testId="stat-credits-exchanged"
        />
      </div>
    </Section>
  );
}
