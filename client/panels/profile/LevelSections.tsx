/**
 * The parts of a profile that only one level has: the 城区's 片区 ranking; a 片区's duties
 * scoreboard, member 社区, 议事清单 and shared resources; a 社区's 小区 and its place against
 * the 片区 average; a 小区's policy, branch, workers, sites, staff, issues and activities.
 */
import { useState, type ReactNode } from 'react';
import type {
  AreaDetail,
  AreaProfile,
  ChengquProfile,
  PianquComparison,
  PianquProfile,
  ShequProfile,
  XiaoquProfile,
} from '../../../server/contract/index.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { UrlState } from '../../state/url-state.ts';
import { Stat } from '../area/Stat.tsx';
import { Section } from './Section.tsx';

/** Props of {@link LevelSections}. */
export interface LevelSectionsProps {
  profile: AreaProfile;
  url: UrlState;
  detail: AreaDetail | null;
  onSelect(code: string): void;
}

export function LevelSections({ profile, onSelect }: LevelSectionsProps) {
  const tr = useI18n();
  switch (profile.level) {
    case 'chengqu':
      return <Ranking profile={profile} onSelect={onSelect} tr={tr} />;
    case 'pianqu':
      return <Pianqu profile={profile} onSelect={onSelect} tr={tr} />;
    case 'shequ':
      return <Shequ profile={profile} onSelect={onSelect} tr={tr} />;
    case 'xiaoqu':
      return <Xiaoqu profile={profile} tr={tr} />;
  }
}

interface Part<P> {
  profile: P;
  tr: Translator;
  onSelect(code: string): void;
}

/** A row of a list of areas that selects the area when clicked (the drill-down in the panel). */
function AreaRow({
  code,
  name,
  lead,
  meta,
  onSelect,
}: {
  code: string;
  name: string;
  lead?: ReactNode;
  meta: ReactNode;
  onSelect(code: string): void;
}) {
  return (
    <li>
      <button type="button" className="child-list__item" onClick={() => onSelect(code)}>
        {lead}
        <span className="child-list__name">{name}</span>
        <span className="child-list__meta">{meta}</span>
        <span className="child-list__chevron" aria-hidden="true">
          ›
        </span>
      </button>
    </li>
  );
}

function Ranking({ profile, onSelect, tr }: Part<ChengquProfile>) {
  const { t, count, percent } = tr;
  return (
    <Section
      title={t('profile.ranking', { n: profile.pianquRanking.length })}
      testId="pianqu-ranking"
    >
      <ul className="child-list" data-testid="children">
        {profile.pianquRanking.map((p) => (
          <AreaRow
            key={p.code}
            code={p.code}
            name={p.name}
            onSelect={onSelect}
            lead={
              <span className="rank-badge" title={t('profile.rankShort', { n: p.rank })}>
                {p.rank}
              </span>
            }
            meta={
              <>
                <span>{t('profile.issuesShort', { n: count(p.issues) })}</span>
                <span className="child-list__rate">
                  {t('profile.rateShort', { p: percent(p.resolutionRate) })}
                </span>
              </>
            }
          />
        ))}
      </ul>
    </Section>
  );
}

/** A share as a thin bar with its text. */
function ShareBar({ ratio }: { ratio: number | null }) {
  return (
    <div className="share-bar" aria-hidden="true">
      <div className="share-bar__fill" style={{ width: `${Math.round((ratio ?? 0) * 100)}%` }} />
    </div>
  );
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function Pianqu({ profile, onSelect, tr }: Part<PianquProfile>) {
  const { t, count, percent } = tr;
  const d = profile.duties;
  const duties = [
    {
      key: 'legacy',
      value: percent(d.legacy.rate),
      ratio: d.legacy.rate,
      note: t('duty.foundResolved', {
        found: count(d.legacy.found),
        resolved: count(d.legacy.resolved),
      }),
    },
    {
      key: 'disputes',
      value: count(d.disputes.mediated),
      ratio: share(d.disputes.mediated, d.disputes.total),
      note: t('duty.mediated', {
        total: count(d.disputes.total),
        mediated: count(d.disputes.mediated),
      }),
    },
    {
      key: 'keyProblems',
      value: count(d.keyProblems.solved),
      ratio: share(d.keyProblems.solved, d.keyProblems.escalated),
      note: t('duty.solved', {
        escalated: count(d.keyProblems.escalated),
        solved: count(d.keyProblems.solved),
      }),
    },
    {
      key: 'activities',
      value: count(d.activities.held),
      ratio: null,
      note: t('duty.held', {
        held: count(d.activities.held),
        attendance: count(d.activities.attendance),
      }),
    },
  ] as const;
  const chair = profile.meetings[0]?.chairName;
  return (
    <>
      <Section title={t('profile.duties')} testId="duties">
        <div className="duty-board">
          {duties.map((duty) => (
            <div key={duty.key} className="duty-card" data-testid={`duty-${duty.key}`}>
              <div className="duty-card__label">{t(`duty.${duty.key}`)}</div>
              <div className="duty-card__value" data-testid={`duty-${duty.key}-value`}>
                {duty.value}
              </div>
              {duty.ratio !== null && <ShareBar ratio={duty.ratio} />}
              <div className="duty-card__note">{duty.note}</div>
            </div>
          ))}
        </div>
      </Section>
      <Section title={t('profile.members', { n: profile.members.length })} testId="members">
        <ul className="child-list" data-testid="children">
          {profile.members.map((m) => (
            <AreaRow
              key={m.code}
              code={m.code}
              name={m.name}
              onSelect={onSelect}
              meta={
                <>
                  <span>{t('panel.householdsShort', { n: count(m.households) })}</span>
                  <span>{t('profile.issuesShort', { n: count(m.issues) })}</span>
                  <span className="child-list__rate">
                    {t('profile.rateShort', { p: percent(m.resolutionRate) })}
                  </span>
                </>
              }
            />
          ))}
        </ul>
      </Section>
      <Agenda profile={profile} tr={tr} chair={chair ?? null} />
      <Resources profile={profile} tr={tr} />
      <Section title={t('profile.credits')} testId="credits">
        <div className="stat-grid stat-grid--two-top">
          <Stat
            label={t('profile.creditsEarned')}
            value={count(profile.figures.credits.earned)}
            testId="pianqu-credits-earned"
          />
          <Stat
            label={t('profile.creditsExchanged')}
            value={count(profile.figures.credits.exchanged)}
            testId="pianqu-credits-exchanged"
          />
        </div>
        {profile.creditExchanges.length > 0 && (
          <>
            <h4 className="panel-section__subtitle">{t('profile.exchanges')}</h4>
            <ul className="plain-list">
              {profile.creditExchanges.slice(0, 8).map((e) => (
                <li key={`${e.fromCode}-${e.toCode}`} className="plain-list__row">
                  <span>
                    {e.fromName} → {e.toName}
                  </span>
                  <strong>{count(e.points)}</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </>
  );
}

const AGENDA_SHOWN = 8;

function Agenda({
  profile,
  tr,
  chair,
}: {
  profile: PianquProfile;
  tr: Translator;
  chair: string | null;
}) {
  const { t } = tr;
  const [all, setAll] = useState(false);
  const items = all ? profile.agenda : profile.agenda.slice(0, AGENDA_SHOWN);
  const meetings = new Map(profile.meetings.map((m) => [m.month, m]));
  let lastMonth: string | null = null;
  return (
    <Section
      title={t('profile.agenda')}
      testId="agenda"
      aside={
        chair && (
          <span className="chair-tag" data-testid="agenda-chair">
            {t('profile.chair', { name: chair })}
          </span>
        )
      }
    >
      {profile.agenda.length === 0 ? (
        <p className="muted">{t('profile.agendaEmpty')}</p>
      ) : (
        <ul className="agenda-list">
          {items.map((item) => {
            const meeting = meetings.get(item.month);
            const heading = item.month !== lastMonth;
            lastMonth = item.month;
            return (
              <li key={item.code} className="agenda-list__item" data-testid="agenda-item">
                {heading && (
                  <div className="agenda-list__month">
                    {meeting
                      ? t('profile.meeting', {
                          month: item.month,
                          date: meeting.heldOn,
                          chair: meeting.chairName,
                        })
                      : item.month}
                  </div>
                )}
                <div className="agenda-list__row">
                  <span className="agenda-list__title">{item.title}</span>
                  <span
                    className={`status-chip status-chip--${item.status}`}
                    data-testid="agenda-status"
                  >
                    {t(`agenda.status.${item.status}`)}
                  </span>
                </div>
                <div className="agenda-list__owner">
                  {t('profile.owner', { name: item.ownerName })}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {profile.agenda.length > AGENDA_SHOWN && (
        <button type="button" className="layer-link" onClick={() => setAll((v) => !v)}>
          {all ? '▴' : t('profile.agendaMore', { n: profile.agenda.length - AGENDA_SHOWN })}
        </button>
      )}
    </Section>
  );
}

function Resources({ profile, tr }: { profile: PianquProfile; tr: Translator }) {
  const { t, count } = tr;
  return (
    <Section title={t('profile.resources')} testId="resources">
      {profile.sharedResources.length === 0 ? (
        <p className="muted">{t('profile.resourcesEmpty')}</p>
      ) : (
        <ul className="resource-list">
          {profile.sharedResources.map((r) => (
            <li key={r.code} className="resource-list__item" data-testid="resource-item">
              <div className="resource-list__head">
                <span className="tag">{t(`resource.${r.kind}`)}</span>
                <span className="resource-list__name">{r.name}</span>
                <span className="resource-list__use">
                  {t('profile.resourceUse', {
                    sessions: count(r.sessions),
                    attendance: count(r.attendance),
                  })}
                </span>
              </div>
              <div className="resource-list__host">
                {t('profile.resourceHost', { name: r.hostName })}
              </div>
              {r.users.length > 0 && (
                <ul className="resource-list__users">
                  {r.users.map((u) => (
                    <li key={u.shequCode}>
                      {u.shequName} <strong>{count(u.attendance)}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

function comparisonValue(tr: Translator, c: PianquComparison, v: number | null): string {
  if (v === null) return tr.t('stat.none');
  if (c.key === 'resolutionRate') return tr.percent(v);
  return oneDecimal.format(v);
}

function Shequ({ profile, onSelect, tr }: Part<ShequProfile>) {
  const { t, count, vocab } = tr;
  return (
    <>
      <Section
        title={t('profile.xiaoquTable', { n: profile.xiaoquList.length })}
        testId="xiaoqu-table"
      >
        <ul className="child-list" data-testid="children">
          {profile.xiaoquList.map((x) => (
            <AreaRow
              key={x.code}
              code={x.code}
              name={x.name}
              onSelect={onSelect}
              meta={
                <>
                  {x.compoundType && (
                    <span className="tag tag--small">{vocab('compoundType', x.compoundType)}</span>
                  )}
                  <span>{t('panel.householdsShort', { n: count(x.households) })}</span>
                  <span>{t('profile.issuesShort', { n: count(x.issues) })}</span>
                  {x.unresolved > 0 && (
                    <span className="child-list__warn">
                      {t('panel.unresolvedShort', { n: count(x.unresolved) })}
                    </span>
                  )}
                </>
              }
            />
          ))}
        </ul>
      </Section>
      <Section title={t('profile.vsPianqu')} testId="vs-pianqu">
        <table className="versus-table">
          <thead>
            <tr>
              <th />
              <th>{t('profile.thisArea')}</th>
              <th>{t('profile.average')}</th>
            </tr>
          </thead>
          <tbody>
            {profile.comparison.map((c) => {
              const higher =
                c.value !== null && c.pianquAverage !== null && c.value > c.pianquAverage;
              return (
                <tr key={c.key} data-testid={`vs-${c.key}`}>
                  <th scope="row">{t(`profile.key.${c.key}`)}</th>
                  <td className={higher ? 'versus-table__higher' : undefined}>
                    {comparisonValue(tr, c, c.value)}
                  </td>
                  <td>{comparisonValue(tr, c, c.pianquAverage)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>
    </>
  );
}

const ISSUES_SHOWN = 12;

function Xiaoqu({ profile: p, tr }: { profile: XiaoquProfile; tr: Translator }) {
  const { t, count, vocab } = tr;
  const [allIssues, setAllIssues] = useState(false);
  const issues = allIssues ? p.issues : p.issues.slice(0, ISSUES_SHOWN);
  return (
    <>
      {p.policy && (
        <Section
          title={t('profile.policy')}
          testId="policy"
          aside={p.builtYear ? t('profile.builtYear', { year: p.builtYear }) : undefined}
        >
          <div className="policy-card">
            <div className="policy-card__title">{p.policy.title}</div>
            <p className="policy-card__summary">{p.policy.summary}</p>
            <ul className="policy-card__measures">
              {p.policy.measures.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        </Section>
      )}
      <Section title={t('profile.branch')} testId="branch">
        <div className="branch-line">
          <strong>{p.partyBranch.name}</strong>
          <span>{t('profile.branchMembers', { n: count(p.partyBranch.members) })}</span>
          {p.partyBranch.establishedOn && (
            <span>{t('profile.branchSince', { date: p.partyBranch.establishedOn })}</span>
          )}
        </div>
        <h4 className="panel-section__subtitle">{t('profile.workersByRole')}</h4>
        <div className="stat-grid">
          {p.workersByRole.map((w) => (
            <Stat
              key={w.role}
              label={vocab('workerRole', w.role)}
              value={count(w.count)}
              testId={`workers-${w.role}`}
            />
          ))}
        </div>
      </Section>
      {p.peak && (
        <Section title={t('profile.peak')} testId="peak-mode">
          <div className={`peak-line${p.peak.peakMode ? ' peak-line--on' : ''}`}>
            <strong data-testid="peak-mode-state">
              {p.peak.peakMode ? t('profile.peakOn') : t('profile.peakOff')}
            </strong>
            {p.peak.short && (
              <span className="status-chip status-chip--short">{t('profile.peakShort')}</span>
            )}
          </div>
          <p className="muted">
            {t('profile.peakDetail', {
              time: p.peak.at.replace('T', ' '),
              visitors: count(p.peak.visitors),
              threshold: count(p.peak.threshold),
            })}
            {p.peak.staffOnDuty !== null &&
              ` · ${t('profile.peakStaff', { n: p.peak.staffOnDuty })}`}
          </p>
        </Section>
      )}
      <Section title={t('profile.sitesList', { n: p.sites.length })} testId="sites-list">
        <ul className="plain-list">
          {p.sites.map((s) => (
            <li key={s.code} className="site-row">
              <div className="plain-list__row">
                <strong>{s.name}</strong>
                <span className="tag tag--small">{vocab('siteRoomKind', s.roomKind)}</span>
              </div>
              <div className="site-row__meta">
                {s.openingHours} · {t('profile.siteArea', { n: count(s.floorAreaM2) })}
                {s.services.length > 0 && ` · ${s.services.join('、')}`}
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title={t('profile.staffList', { n: p.staff?.length ?? p.figures.staff })}
        testId="staff-list"
      >
        {p.staff === null ? (
          <p className="muted">{t('profile.staffHidden')}</p>
        ) : (
          <ul className="plain-list">
            {p.staff.map((s) => (
              <li key={s.code} className="plain-list__row">
                <span className="tag tag--small">{vocab('department', s.department)}</span>
                <span className="plain-list__text">{s.dutySchedule}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('profile.issuesList')} testId="issues-list">
        {p.issues.length === 0 ? (
          <p className="muted">{t('profile.empty')}</p>
        ) : (
          <>
            <p className="muted">
              {t('profile.issuesShown', {
                n: count(issues.length),
                total: count(p.figures.issues.total),
              })}
            </p>
            <ul className="issue-list">
              {issues.map((i) => (
                <li key={i.id} className="issue-list__item" data-testid="issue-item">
                  <span className="issue-list__date">{i.reportedOn}</span>
                  <span className="issue-list__category">{vocab('issueCategory', i.category)}</span>
                  <span className={`status-chip status-chip--${i.status}`}>
                    {vocab('issueStatus', i.status)}
                  </span>
                  <span className="status-chip status-chip--level">
                    {vocab('handlingLevel', i.handlingLevel)}
                  </span>
                  {i.legacy && <span className="status-chip">{t('profile.legacyTag')}</span>}
                  {i.crossShequ && <span className="status-chip">{t('profile.crossTag')}</span>}
                </li>
              ))}
            </ul>
            {p.issues.length > ISSUES_SHOWN && (
              <button type="button" className="layer-link" onClick={() => setAllIssues((v) => !v)}>
                {allIssues ? '▴' : t('profile.issuesMore', { n: p.issues.length - ISSUES_SHOWN })}
              </button>
            )}
          </>
        )}
      </Section>
      <Section
        title={t('profile.activitiesList', { n: p.activities.length })}
        testId="activities-list"
      >
        {p.activities.length === 0 ? (
          <p className="muted">{t('profile.empty')}</p>
        ) : (
          <ul className="plain-list">
            {p.activities.slice(0, 10).map((a) => (
              <li key={a.code} className="plain-list__row">
                <span className="issue-list__date">{a.heldOn}</span>
                <span className="plain-list__text">{a.title || vocab('activityKind', a.kind)}</span>
                <span className="muted-inline">
                  {t('profile.activityAttendance', { n: count(a.attendance) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
