/**
 * The parts of a profile that only one level has, one file each in levels/: the 城区's 片区
 * ranking; a 片区's duties scoreboard, member 社区, 议事清单 and shared resources; a 社区's 小区
 * and its place against the 片区 average; a 小区's policy, branch, workers, sites, staff, issues
 * and activities.
 */
import type { AreaDetail, AreaProfile } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { UrlState } from '../../state/url-state.ts';
import { ChengquSections } from './levels/ChengquSections.tsx';
import { PianquSections } from './levels/PianquSections.tsx';
import { ShequSections } from './levels/ShequSections.tsx';
import { XiaoquSections } from './levels/XiaoquSections.tsx';

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
      return <ChengquSections profile={profile} onSelect={onSelect} tr={tr} />;
    case 'pianqu':
      return <PianquSections profile={profile} onSelect={onSelect} tr={tr} />;
    case 'shequ':
      return <ShequSections profile={profile} onSelect={onSelect} tr={tr} />;
    case 'xiaoqu':
      return <XiaoquSections profile={profile} tr={tr} />;
  }
}
