/**
 * The layer panel: switches each overlay on or off, sets its opacity, and shows its controls
 * (filters, sliders) and legend while it is on. Reads data and dispatches state changes; it
 * never builds GL objects.
 */
import type { ReactNode } from 'react';
import type { AreaFigures } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { Overlays } from '../../layers/overlays/use-overlays.ts';
import { OVERLAYS, toggleOverlay, type Overlay, type OverlayState } from '../../state/overlays.ts';
import { IssuesControls } from './IssuesControls.tsx';
import { SitesControls } from './SitesControls.tsx';
import { StaffControls } from './StaffControls.tsx';
import { TourismControls } from './TourismControls.tsx';
import './layers.css';

/** Props of {@link LayerPanel}. */
export interface LayerPanelProps {
  state: OverlayState;
  /** The overlays' data, as loaded for `state`. */
  overlays: Overlays;
  /** The selected area's statistics (staff counts when staff posts may not be seen), or null. */
  /** The selected area's figures (the panel's profile), for the staff counts; null until loaded. */
  figures: AreaFigures | null;
  onChange(next: OverlayState): void;
  /** Folded to its title (default false): the map then has the room. */
  folded?: boolean;
  onFoldedChange?(folded: boolean): void;
}

// Top to bottom in the panel: what is drawn on top comes first.
const PANEL_ORDER: readonly Overlay[] = ['issues', 'sites', 'staff', 'tourism'];

export function LayerPanel({
  state,
  overlays,
  figures,
  onChange,
  folded = false,
  onFoldedChange,
}: LayerPanelProps) {
  const { t } = useI18n();
  const controls: Record<Overlay, ReactNode> = {
    issues: <IssuesControls state={state} overlays={overlays} onChange={onChange} />,
    sites: <SitesControls state={state} overlays={overlays} onChange={onChange} />,
    staff: (
      <StaffControls state={state} overlays={overlays} figures={figures} onChange={onChange} />
    ),
    tourism: <TourismControls state={state} overlays={overlays} onChange={onChange} />,
  };
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
        PANEL_ORDER.filter((o) => OVERLAYS.includes(o)).map((o) => {
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
                      onChange({
                        ...state,
                        opacity: { ...state.opacity, [o]: Number(e.target.value) / 100 },
                      })
                    }
                    data-testid={`overlay-opacity-${o}`}
                  />
                )}
              </div>
              {on && <div className="layer-panel__body">{controls[o]}</div>}
            </div>
          );
        })}
    </section>
  );
}
