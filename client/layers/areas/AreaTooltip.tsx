import { useI18n } from '../../i18n/use-i18n.ts';
import type { AreaFeature } from './areas-layer.ts';
import './tooltip.css';

/** Props of {@link AreaTooltip}. */
export interface AreaTooltipProps {
  area: AreaFeature;
  /** A neighbour outside the scope (shows only its name and level). */
  context: boolean;
  /** Pointer position in map pixels. */
  x: number;
  y: number;
  /** Opens to the left of the pointer instead of the right (default false). */
  flip?: boolean;
}

/** The box beside the pointer: an area's name, level and a few of its numbers. */
export function AreaTooltip({ area, context, x, y, flip = false }: AreaTooltipProps) {
  const { t, count } = useI18n();
  const p = area.properties;
  return (
    <div
      className="area-tooltip"
      style={
        flip ? { right: `calc(100% - ${x - 14}px)`, top: y + 14 } : { left: x + 14, top: y + 14 }
      }
      role="tooltip"
    >
      <div className="area-tooltip__title">
        <span className="area-tooltip__level">{t(`level.${p.level}`)}</span>
        {p.name}
      </div>
      {!context && (
        <dl className="area-tooltip__stats">
          <dt>{t('tooltip.households')}</dt>
          <dd>{count(p.households)}</dd>
          <dt>{t('tooltip.population')}</dt>
          <dd>{count(p.population)}</dd>
          <dt>{t('tooltip.unresolvedIssues')}</dt>
          <dd>{count(p.unresolvedIssues)}</dd>
        </dl>
      )}
      <div className="area-tooltip__hint">{t('tooltip.clickToOpen')}</div>
    </div>
  );
}
