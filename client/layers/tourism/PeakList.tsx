/**
 * The 小区 that should be in peak mode (旺季模式) at a time, from `GET /api/tourism/peak`:
 * visitors, staff on duty and whether they are short of staff ("—" for roles that may not see
 * staff posts, with a note).
 */
import type { Peak } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { LayerError } from '../overlays/legend-parts.tsx';

/** Props of {@link PeakList}. */
export interface PeakListProps {
  peak: Peak | null;
  /** The time checked, `YYYY-MM-DDTHH:MM`. */
  at: string;
  error: unknown;
}

export function PeakList({ peak, at, error }: PeakListProps) {
  const { t, count } = useI18n();
  if (error) return <LayerError error={error} />;
  if (!peak) return null;
  const inPeak = peak.xiaoqu.filter((x) => x.peakMode);
  const hidden = inPeak.some((x) => x.staffOnDuty === null);
  return (
    <div className="overlay-list" data-testid="peak">
      <div className="overlay-list__title" data-testid="peak-title">
        {t('peak.title', { n: count(inPeak.length) })}
      </div>
      <div className="overlay-list__summary">{t('peak.at', { time: at.replace('T', ' ') })}</div>
      {inPeak.length === 0 ? (
        <div className="overlay-list__summary">{t('peak.none')}</div>
      ) : (
        <table className="overlay-table">
          <thead>
            <tr>
              <th>{t('peak.compound')}</th>
              <th>{t('peak.visitors')}</th>
              <th>{t('peak.staff')}</th>
              <th>{t('peak.short')}</th>
            </tr>
          </thead>
          <tbody>
            {inPeak.map((x) => (
              <tr key={x.code} data-testid="peak-item">
                <td>{x.name}</td>
                <td className="overlay-table__n">{count(x.visitors)}</td>
                <td className="overlay-table__n">
                  {x.staffOnDuty === null ? t('stat.none') : count(x.staffOnDuty)}
                </td>
                <td>
                  {x.short === null ? (
                    t('stat.none')
                  ) : x.short ? (
                    <span className="overlay-badge overlay-badge--warn">{t('peak.short')}</span>
                  ) : (
                    '✓'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden && <p className="layer-panel__note">{t('peak.noStaffNote')}</p>}
    </div>
  );
}
