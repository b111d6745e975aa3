import { useI18n } from '../../i18n/use-i18n.ts';
import { OVERLAY_MODULES } from './modules.ts';
import type { OverlayHover } from './use-overlays.ts';
import '../areas/tooltip.css';

/** Props of {@link OverlayTooltip}. */
export interface OverlayTooltipProps {
  hover: OverlayHover;
  /** Opens to the left of the pointer instead of the right (default false). */
  flip?: boolean;
}

/**
 * The box beside the pointer for an overlay object: what it is and its figures from the API,
 * as the overlay that drew the layer writes them (its `tooltips`). Issues show category,
 * status, level, dates and 小区, never a person.
 */
export function OverlayTooltip({ hover, flip = false }: OverlayTooltipProps) {
  const tr = useI18n();
  const { layerId, object, x, y } = hover;
  const tip = OVERLAY_MODULES.map((o) => o.tooltips[layerId]).find((f) => f !== undefined);
  if (!tip) return null;
  const { tag, title, rows } = tip(object as never, tr);
  return (
    <div
      className="area-tooltip overlay-tooltip"
      style={
        flip ? { right: `calc(100% - ${x - 14}px)`, top: y + 14 } : { left: x + 14, top: y + 14 }
      }
      role="tooltip"
      data-testid="overlay-tooltip"
    >
      <div className="area-tooltip__title">
        <span className="area-tooltip__level">{tag}</span>
        {title}
      </div>
      <dl className="area-tooltip__stats">
        {rows.map(([k, v]) => (
          <div key={k} className="overlay-tooltip__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
