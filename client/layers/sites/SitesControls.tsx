/**
 * 邻里之家 controls: the legend of room kinds with the number of sites of each (from the API),
 * the walking-distance chooser, and the 小区 beyond that walk.
 */
import { useI18n } from '../../i18n/use-i18n.ts';
import { useVocabulary } from '../../i18n/use-vocabulary.ts';
import { iconDataUrl } from '../overlays/icon-atlas.ts';
import { siteIconId } from '../overlays/symbols.ts';
import type { Coverage, Sites } from '../../../server/contract/index.ts';
import type { RouteQueryState } from '../../api/query.ts';
import type { OverlayControlsProps } from '../overlay.ts';
import { WALK_DISTANCES, type WalkDistance } from './state.ts';
import { CoverageList } from './CoverageList.tsx';
import { LayerError } from '../overlays/legend-parts.tsx';

/** Props of {@link SitesControls}. */
export interface SitesControlsProps extends OverlayControlsProps {
  sites: RouteQueryState<Sites>;
  coverage: RouteQueryState<Coverage>;
}

export function SitesControls({ state, sites: list, coverage, onChange }: SitesControlsProps) {
  const { t, vocab, count } = useI18n();
  const roomKinds = useVocabulary().siteRoomKind;
  const sites = list.data;
  return (
    <div className="layer-controls">
      <div className="layer-legend">
        <div className="layer-legend__caption">
          {t('sites.kinds')}
          {sites && (
            <span className="layer-legend__total" data-testid="sites-count">
              {t('sites.count', { n: count(sites.features.length) })}
            </span>
          )}
        </div>
        <ul className="layer-keys">
          {roomKinds.map(({ key: k }) => (
            <li key={k}>
              <img src={iconDataUrl(siteIconId(k))} alt="" width={16} height={16} />
              <span>{vocab('siteRoomKind', k)}</span>
              {sites && (
                <span className="layer-keys__n" data-testid={`sites-kind-${k}`}>
                  {count(sites.features.filter((s) => s.properties.roomKind === k).length)}
                </span>
              )}
            </li>
          ))}
        </ul>
        <LayerError error={list.error} />
      </div>
      <label className="layer-field">
        {t('sites.walk')}
        <select
          value={state.walk}
          onChange={(e) => onChange({ ...state, walk: Number(e.target.value) as WalkDistance })}
          data-testid="sites-walk"
        >
          {WALK_DISTANCES.map((d) => (
            <option key={d} value={d}>
              {t(`sites.walk.${d}`)}
            </option>
          ))}
        </select>
      </label>
      {state.walk > 0 && <CoverageList coverage={coverage.data} error={coverage.error} />}
    </div>
  );
}
