import type { ScreenSummary } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** Height of one row (design pixels). */
const ROW = 32;

/** Props of {@link PeakList}. */
export interface PeakListProps {
  peak: ScreenSummary['peak'];
  width: number;
  height: number;
}

/** The 小区 that should be in peak mode now, busiest first, with their visitors per hour. */
export function PeakList({ peak, width, height }: PeakListProps) {
  const { t, count } = useI18n();
  const rows = [...peak.xiaoqu].sort((a, b) => b.visitors - a.visitors);
  const fit = Math.max(1, Math.floor(height / ROW));
  // Two columns where the panel is wide enough (the wide wall's column).
  const columns = width >= 520 && rows.length > fit ? 2 : 1;
  const shown = rows.slice(0, fit * columns);
  const hidden = rows.length - shown.length;
  if (rows.length === 0) return <p className="screen-empty">{t('screen.peak.none')}</p>;
  return (
    <ol
      className="peak-list"
      style={{ width, gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      data-testid="peak-list"
    >
      {shown.map((x, i) => (
        <li
          key={x.code}
          className="peak-list__item"
          style={{ height: ROW }}
          data-testid="peak-item"
        >
          <span className="peak-list__name">{x.name}</span>
          <span className="peak-list__value">
            {i === shown.length - 1 && hidden > 0
              ? t('screen.peak.more', { n: hidden + 1 })
              : count(x.visitors)}
          </span>
        </li>
      ))}
    </ol>
  );
}
