import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { OverlayHover } from './use-overlays.ts';
import '../areas/tooltip.css';

/** Props of {@link OverlayTooltip}. */
export interface OverlayTooltipProps {
  hover: OverlayHover;
  /** Opens to the left of the pointer instead of the right (default false). */
  flip?: boolean;
}

/**
 * The box beside the pointer for an overlay object: what it is and its figures from the API.
 * Issues show category, status, level, dates and 小区, never a person.
 */
export function OverlayTooltip({ hover, flip = false }: OverlayTooltipProps) {
  const { t, vocab, count } = useI18n();
  const { object: o, x, y } = hover;
  let title: ReactNode;
  let tag: string;
  const rows: [string, ReactNode][] = [];
  switch (o.kind) {
    case 'cell':
      tag = t('layers.overlay.issues');
      title = t('tip.gridCell');
      rows.push(
        [t('tip.issues'), count(o.cell.count)],
        [t('tip.unresolved'), count(o.cell.unresolved)],
      );
      break;
    case 'issue': {
      const i = o.issue;
      tag = t('layers.overlay.issues');
      title = vocab('issueCategory', i.category);
      rows.push(
        [t('issues.status'), vocab('issueStatus', i.status)],
        [t('issues.level'), vocab('handlingLevel', i.handling_level)],
        [t('tip.reported'), i.reported_on],
      );
      if (i.resolved_on) rows.push([t('tip.resolvedOn'), i.resolved_on]);
      rows.push([t('level.xiaoqu'), i.xiaoqu]);
      break;
    }
    case 'escalation':
      tag = t('tip.escalated');
      title = `${o.escalation.xiaoquName} → ${o.escalation.pianquName}`;
      rows.push([t('tip.issues'), count(o.escalation.count)]);
      break;
    case 'site':
      tag = t('layers.overlay.sites');
      title = o.site.name;
      rows.push(
        [t('tip.roomKind'), vocab('siteRoomKind', o.site.roomKind)],
        [t('tip.services'), o.site.services.join('、')],
        [t('tip.hours'), o.site.openingHours],
        [t('tip.floorArea'), t('tip.floorAreaValue', { n: count(o.site.floorAreaM2) })],
        [t('level.xiaoqu'), o.site.xiaoquName],
      );
      break;
    case 'staff':
      tag = t('layers.overlay.staff');
      title = `${vocab('department', o.group.department)} · ${o.group.xiaoquName}`;
      rows.push(
        [
          t('peak.staff'),
          t('tip.onDuty', { on: count(o.group.onDuty), total: count(o.group.total) }),
        ],
        [t('tip.schedule'), o.group.schedules.join('；')],
      );
      break;
    case 'pressure':
      tag = t('layers.overlay.tourism');
      title = o.cell.cellId;
      rows.push([t('tip.visitors'), count(o.cell.visitors)]);
      break;
    case 'peak':
      tag = t('tip.peakMode');
      title = o.compound.name;
      rows.push(
        [t('peak.visitors'), count(o.compound.visitors)],
        [
          t('peak.staff'),
          o.compound.staffOnDuty === null ? t('stat.none') : count(o.compound.staffOnDuty),
        ],
        [
          t('peak.short'),
          o.compound.short === null ? t('stat.none') : o.compound.short ? t('peak.short') : '✓',
        ],
      );
      break;
  }
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
