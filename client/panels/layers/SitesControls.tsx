/**
 * 邻里之家 controls: the legend of room kinds with the number of sites of each (from the API),
 * the walking-distance chooser, and the 小区 beyond that walk.
 */
import { useI18n } from '../../i18n/use-i18n.ts';
import { useVocabulary } from '../../i18n/use-vocabulary.ts';
import { iconDataUrl } from '../../layers/overlays/icon-atlas.ts';
import { siteIconId } from '../../layers/overlays/symbols.ts';
import type { Overlays } from '../../layers/overlays/use-overlays.ts';
import { WALK_DISTANCES, type OverlayState, type WalkDistance } from '../../state/overlays.ts';
import { CoverageList } from '../sites/CoverageList.tsx';
import { LayerError } from './legend-parts.tsx';

/** Props of {@link SitesControls}. */
export interface SitesControlsProps {
  state: OverlayState;
  overlays: Overlays;
  onChange(next: OverlayState): void;
}

export function SitesControls({ state, overlays, onChange }: SitesControlsProps) {
  const { t, vocab, count } = useI18n();
  const roomKinds = useVocabulary().siteRoomKind;
  const sites = overlays.sites.data;
  return (
    <div className="layer-controls">
      <div className="layer-legend">
        <div className="layer-legend__caption">
          {t('sites.kinds')}
          {sites && (
            <span className="layer-legend__total" data-testid="sites-count">
              {t('sites.count', { n: count(sites.length) })}
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
                  {count(sites.filter((s) => s.roomKind === k).length)}
                </span>
              )}
            </li>
          ))}
        </ul>
        <LayerError error={overlays.sites.error} />
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
      {state.walk > 0 && (
        <CoverageList coverage={overlays.coverage.data} error={overlays.coverage.error} />
      )}
    </div>
  );
}
