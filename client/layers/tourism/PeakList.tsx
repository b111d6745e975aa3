/**
 * The 小区 that should be in peak mode (旺季模式), for the layer panel and the big screen alike.
 * In the panel (`GET /api/tourism/peak`): a table of visitors, staff on duty and whether they
 * are short of staff ("—" for roles that may not see staff posts, with a note), and the time
 * checked. On the screen (`fit`): names and visitors, busiest first, as many rows as fit the
 * panel, in two columns where it is wide, the last row counting those left out.
 */
import { useI18n } from '../../i18n/use-i18n.ts';
import { LayerError } from '../overlays/legend-parts.tsx';

/** One 小区 of the list; staff figures only where the answer has them. */
export interface PeakRow {
  code: string;
  name: string;
  visitors: number;
  /** In peak mode; left out, every row is (the screen's summary lists only those). */
  peakMode?: boolean;
  staffOnDuty?: number | null;
  short?: boolean | null;
}

/** Props of {@link PeakList}. */
export interface PeakListProps {
  /** The 小区 of the answer, or null while it loads. */
  xiaoqu: readonly PeakRow[] | null;
  /** The time checked, `YYYY-MM-DDTHH:MM` (the panel's table; left out on the screen). */
  at?: string;
  /** The screen's panel size (design pixels): a compact list that fits it instead of a table. */
  fit?: { width: number; height: number };
  error?: unknown;
}

/** Height of one row of the screen's list (design pixels). */
const ROW = 32;

export function PeakList({ xiaoqu, at, fit, error }: PeakListProps) {
  const tr = useI18n();
  if (error) return <LayerError error={error} />;
  if (!xiaoqu) return null;
  const inPeak = xiaoqu.filter((x) => x.peakMode ?? true);
  return fit ? (
    <FittedList rows={inPeak} fit={fit} tr={tr} />
  ) : (
    <Table rows={inPeak} at={at} tr={tr} />
  );
}

type Tr = ReturnType<typeof useI18n>;

function FittedList({
  rows,
  fit,
  tr: { t, count },
}: {
  rows: PeakRow[];
  fit: { width: number; height: number };
  tr: Tr;
}) {
  const sorted = [...rows].sort((a, b) => b.visitors - a.visitors);
  const perColumn = Math.max(1, Math.floor(fit.height / ROW));
  // Two columns where the panel is wide enough (the wide wall's column).
  const columns = fit.width >= 520 && sorted.length > perColumn ? 2 : 1;
  const shown = sorted.slice(0, perColumn * columns);
  const hidden = sorted.length - shown.length;
  if (sorted.length === 0) return <p className="screen-empty">{t('peak.noneNow')}</p>;
  return (
    <ol
      className="peak-list"
      style={{ width: fit.width, gridTemplateColumns: `repeat(${columns}, 1fr)` }}
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
              ? t('peak.more', { n: hidden + 1 })
              : count(x.visitors)}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Table({
  rows,
  at,
  tr: { t, count },
}: {
  rows: PeakRow[];
  at: string | undefined;
  tr: Tr;
}) {
  const hidden = rows.some((x) => x.staffOnDuty === null);
  const orNone = (v: number | null | undefined) => (v == null ? t('stat.none') : count(v));
  return (
    <div className="overlay-list" data-testid="peak">
      <div className="overlay-list__title" data-testid="peak-title">
        {t('peak.title', { n: count(rows.length) })}
      </div>
      {at && (
        <div className="overlay-list__summary">{t('peak.at', { time: at.replace('T', ' ') })}</div>
      )}
      {rows.length === 0 ? (
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
            {rows.map((x) => (
              <tr key={x.code} data-testid="peak-item">
                <td>{x.name}</td>
                <td className="overlay-table__n">{count(x.visitors)}</td>
                <td className="overlay-table__n">{orNone(x.staffOnDuty)}</td>
                <td>
                  {x.short == null ? (
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
