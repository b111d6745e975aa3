import type { LiveEvent } from '../../server/contract/index.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Height of one ticker row (design pixels). */
const ROW = 38;

/** Props of {@link Ticker}. */
export interface TickerProps {
  /** Newest first (the live event list). */
  events: readonly LiveEvent[];
  width: number;
  height: number;
}

/** What an event says after its place: the category, activity or department and change. */
function useDetail() {
  const { t, vocab } = useI18n();
  return (e: LiveEvent): string => {
    if (e.kind.startsWith('issue.')) {
      const parts = [e.category && vocab('issueCategory', e.category)];
      if (e.kind === 'issue.updated' && e.status) parts.push(vocab('issueStatus', e.status));
      return parts.filter(Boolean).join(' · ');
    }
    if (e.kind === 'activity.held') {
      return e.activityTitle ?? (e.activityKind ? vocab('activityKind', e.activityKind) : '');
    }
    if (e.kind === 'staff.changed') {
      return [
        e.department && vocab('department', e.department),
        e.staffChange && t(`screen.staffChange.${e.staffChange}` as MessageKey),
      ]
        .filter(Boolean)
        .join(' · ');
    }
    return '';
  };
}

/**
 * The latest events, newest on top: time, kind, place and what happened. Only the rows that fit
 * are drawn; the list itself is bounded (event-list.ts).
 */
export function Ticker({ events, width, height }: TickerProps) {
  const { t, clock } = useI18n();
  const detail = useDetail();
  const rows = Math.max(1, Math.floor(height / ROW));
  const shown = events.slice(0, rows);
  if (shown.length === 0) return <p className="screen-empty">{t('screen.ticker.empty')}</p>;
  return (
    <ol className="ticker" style={{ width }} data-testid="ticker">
      {shown.map((e) => (
        <li
          key={e.id}
          className={`ticker__item ticker__item--${e.kind.replace('.', '-')}`}
          style={{ height: ROW }}
          data-testid="ticker-item"
          data-event-id={e.id}
        >
          <time className="ticker__time">{clock(Date.parse(e.occurredAt))}</time>
          <span className="ticker__kind">{t(`screen.event.${e.kind}` as MessageKey)}</span>
          <span className="ticker__place">{e.xiaoquName ?? e.shequName ?? e.pianquName ?? ''}</span>
          <span className="ticker__detail">{detail(e)}</span>
        </li>
      ))}
    </ol>
  );
}
