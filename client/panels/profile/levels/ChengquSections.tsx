/** The 城区's part of its profile: the ranking of its 片区 by resolution rate. */
import type { ChengquProfile } from '../../../../server/contract/index.ts';
import { Section } from '../Section.tsx';
import { AreaRow, type Part } from './rows.tsx';
import './levels.css';

export function ChengquSections({ profile, onSelect, tr }: Part<ChengquProfile>) {
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
