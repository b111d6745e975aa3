/** The 城区's part of its profile: the ranking of its 片区 by resolution rate. */
import type { ChengquProfile } from '../../../../server/contract/index.ts';
import { AreaList, IssuesRate, type Part } from './rows.tsx';
import './levels.css';

export function ChengquSections({ profile, onSelect, tr }: Part<ChengquProfile>) {
  const { t } = tr;
  return (
    <AreaList
      title={t('profile.ranking', { n: profile.pianquRanking.length })}
      testId="pianqu-ranking"
      areas={profile.pianquRanking}
      onSelect={onSelect}
      lead={(p) => (
        <span className="rank-badge" title={t('profile.rankShort', { n: p.rank })}>
          {p.rank}
        </span>
      )}
      meta={(p) => <IssuesRate issues={p.issues} rate={p.resolutionRate} tr={tr} />}
    />
  );
}
