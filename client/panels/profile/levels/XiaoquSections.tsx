/** A 小区's part of its profile: policy, branch, workers, sites, staff, issues and activities. */
import { useState } from 'react';
import type { XiaoquProfile } from '../../../../server/contract/index.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { Stat } from '../../area/Stat.tsx';
import { Section } from '../Section.tsx';
import './levels.css';

const ISSUES_SHOWN = 12;

export function XiaoquSections({ profile: p, tr }: { profile: XiaoquProfile; tr: Translator }) {
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
