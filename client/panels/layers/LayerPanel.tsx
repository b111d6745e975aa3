/**
 * The layer panel: switches each overlay on or off, sets its opacity, and shows its controls
 * (filters, sliders) and legend while it is on. Reads data and dispatches state changes; it
 * never builds GL objects.
 */
import type { AreaFigures } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { Overlays } from '../../layers/overlays/use-overlays.ts';
import { PANEL_ORDER } from '../../layers/registry.ts';
import { setOverlayOpacity, toggleOverlay, type OverlayState } from '../../state/overlays.ts';
import { BasemapPicker, type BasemapPickerProps } from './BasemapPicker.tsx';
import './layers.css';

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  state: OverlayState;
  /** The overlays' data, as loaded for `state`. */
  overlays: Overlays;
  /** The selected area's figures (the panel's profile), for the staff counts; null until loaded. */
  figures: AreaFigures | null;
  onChange(next: OverlayState): void;
  /** Folded to its title (default false): the map then has the room. */
  folded?: boolean;
  onFoldedChange?(folded: boolean): void;
  /** The basemap choice, offered under the overlays when the server has online ones. */
  basemaps?: BasemapPickerProps;
}

export function LayerPanel({
  state,
  overlays,
  figures,
  onChange,
  folded = false,
  onFoldedChange,
  basemaps,
}: LayerPanelProps) {
  const { t } = useI18n();
  return (
    <section
      className={`layer-panel${folded ? ' layer-panel--folded' : ''}`}
      data-testid="layer-panel"
      aria-label={t('layers.title')}
    >
      <h2 className="layer-panel__title">
        <button
          type="button"
          className="layer-panel__fold"
          aria-expanded={!folded}
          onClick={() => onFoldedChange?.(!folded)}
          data-testid="layer-panel-fold"
        >
          <span aria-hidden="true">{folded ? '▸' : '▾'}</span> {t('layers.title')}
          {state.on.length > 0 && <span className="layer-panel__badge">{state.on.length}</span>}
        </button>
      </h2>
      {!folded &&
        PANEL_ORDER.map(({ id: o }) => {
          const on = state.on.includes(o);
          return (
            <div key={o} className={`layer-panel__item${on ? ' layer-panel__item--on' : ''}`}>
              <div className="layer-panel__row">
                <label className="layer-panel__toggle">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) => onChange(toggleOverlay(state, o, e.target.checked))}
                    data-testid={`overlay-toggle-${o}`}
                  />
                  <span>{t(`layers.overlay.${o}`)}</span>
                </label>
                {on && (
                  <input
                    className="layer-panel__opacity"
                    type="range"
                    min={10}
                    max={100}
                    step={5}
                    value={Math.round(state.opacity[o] * 100)}
                    aria-label={`${t(`layers.overlay.${o}`)} · ${t('layers.opacity')}`}
                    title={t('layers.opacity')}
                    onChange={(e) =>
                      onChange(setOverlayOpacity(state, o, Number(e.target.value) / 100))
                    }
                    data-testid={`overlay-opacity-${o}`}
                  />
                )}
              </div>
              {on && (
                <div className="layer-panel__body">
                  {overlays.views[o].controls({ state, onChange, figures })}
                </div>
              )}
            </div>
          );
        })}
      {!folded && basemaps && <BasemapPicker {...basemaps} />}
    </section>
  );
}
