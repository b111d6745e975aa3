/** A 片区's part of its profile: the duties scoreboard, member 社区, 议事清单 and shared resources. */
import { useState } from 'react';
import type { PianquProfile } from '../../../../server/contract/index.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { Stat } from '../../area/Stat.tsx';
import { Section } from '../Section.tsx';
import { AreaRow, ShareBar, share, type Part } from './rows.tsx';

export function PianquSections({ profile, onSelect, tr }: Part<PianquProfile>) {
  const { t, figure, count, percent } = tr;
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
            label={figure('credits.earned')}
            value={count(profile.figures.credits.earned)}
            testId="pianqu-credits-earned"
          />
          <Stat
            label={figure('credits.exchanged')}
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
