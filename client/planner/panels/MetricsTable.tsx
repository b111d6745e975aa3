/**
 * The per-片区 metrics table under the map: one row per 片区 of the plan, recomputed on every
 * move, sortable by any column. Deviation is drawn as a bar centred on zero with the planner's
 * target band shaded; a broken 片区 lists its pieces, each a button that zooms to it.
 */
import { useDataset } from '../../dataset/use-dataset.ts';
import { useMemo, useState } from 'react';
import type { PianquMetrics } from '../../../server/contract/index.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { WorkbenchMetrics } from '../plan-metrics.ts';
import { formatArea, formatRatio, formatSignedPct } from './format.ts';
import { LockIcon } from './LockIcon.tsx';
import './metrics-table.css';

/** Props of {@link MetricsTable}. */
export interface MetricsTableProps {
  metrics: WorkbenchMetrics;
  /** 片区 code → name. */
  names: ReadonlyMap<string, string>;
  /** 片区 code → CSS colour. */
  colours: ReadonlyMap<string, string>;
  locked: readonly string[];
  /** The 片区 clicks and the brush assign to. */
  target: string | null;
  onTarget(code: string): void;
  /** Zoom to (and emphasise) these 社区: a piece of a broken 片区. */
  onPiece(units: readonly string[]): void;
  /** 社区 code → name, for the pieces. */
  unitNames: ReadonlyMap<string, string>;
}

type Column =
  | 'name'
  | 'units'
  | 'population'
  | 'households'
  | 'deviation'
  | 'householdsPerWorker'
  | 'issuesPerWorker'
  | 'sitesPer10k'
  | 'staffPer10k'
  | 'escalations'
  | 'area'
  | 'polsbyPopper'
  | 'contiguity'
  | 'streets';

const COLUMNS: readonly Column[] = [
  'name',
  'units',
  'population',
  'households',
  'deviation',
  'householdsPerWorker',
  'issuesPerWorker',
  'sitesPer10k',
  'staffPer10k',
  'escalations',
  'area',
  'polsbyPopper',
  'contiguity',
  'streets',
];

function sortValue(row: PianquMetrics, column: Column, names: ReadonlyMap<string, string>) {
  switch (column) {
    case 'name':
      return names.get(row.code) ?? row.code;
    case 'units':
      return row.units;
    case 'population':
      return row.figures.population;
    case 'households':
      return row.figures.households;
    case 'deviation':
      return row.deviationPct ?? -Infinity;
    case 'householdsPerWorker':
      return row.householdsPerWorker ?? -Infinity;
    case 'issuesPerWorker':
      return row.openIssuesPerWorker ?? -Infinity;
    case 'sitesPer10k':
      return row.sitesPer10k ?? -Infinity;
    case 'staffPer10k':
      return row.staffPer10k ?? -Infinity;
    case 'escalations':
      return row.figures.escalations12m;
    case 'area':
      return row.areaM2;
    case 'polsbyPopper':
      return row.polsbyPopper ?? -Infinity;
    case 'contiguity':
      return row.components.length;
    case 'streets':
      return row.streets.length;
  }
}

/** Deviation as a bar centred on 0, the target band shaded behind it. */
function DeviationBar({ pct, band, scale }: { pct: number | null; band: number; scale: number }) {
  const { t } = useI18n();
  if (pct === null) return <span className="planner-muted">{t('planner.empty')}</span>;
  const half = 50;
  const toX = (v: number) => Math.max(-half, Math.min(half, (v / scale) * half));
  const x = toX(pct);
  const inside = Math.abs(pct) <= band + 1e-12;
  return (
    <span className="deviation">
      <svg className="deviation__bar" viewBox="-50 0 100 12" aria-hidden="true">
        <rect
          x={toX(-band)}
          y={1}
          width={toX(band) - toX(-band)}
          height={10}
          className="deviation__band"
        />
        <rect
          x={Math.min(0, x)}
          y={3}
          width={Math.max(0.8, Math.abs(x))}
          height={6}
          className={inside ? 'deviation__value' : 'deviation__value deviation__value--out'}
        />
        <line x1={0} x2={0} y1={0} y2={12} className="deviation__zero" />
      </svg>
      <span className={inside ? 'deviation__pct' : 'deviation__pct deviation__pct--out'}>
        {formatSignedPct(pct)}
      </span>
    </span>
  );
}

function streetNames(
  row: PianquMetrics,
  tr: Translator,
  streetName: (code: string) => string,
): string {
  return row.streets
    .map((s) => (s.street ? streetName(s.street) : tr.t('planner.noStreet')))
    .join(' / ');
}

export function MetricsTable(props: MetricsTableProps) {
  const { metrics, names, colours, locked, target, onTarget, onPiece, unitNames } = props;
  const tr = useI18n();
  const { t } = tr;
  const { streetName } = useDataset();
  const [sort, setSort] = useState<{ column: Column; descending: boolean } | null>(null);
  // Wide enough to show the band clearly; larger deviations run to the bar's end.
  const scale = Math.max(metrics.bandPct * 3, 0.3);

  const rows = useMemo(() => {
    if (!sort) return metrics.pianqu;
    const sorted = [...metrics.pianqu].sort((a, b) => {
      const x = sortValue(a, sort.column, names);
      const y = sortValue(b, sort.column, names);
      const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - (y as number);
      return sort.descending ? -c : c;
    });
    return sorted;
  }, [metrics.pianqu, sort, names]);

  const header = (column: Column) => {
    const active = sort?.column === column;
    const next = () =>
      setSort(
        active
          ? sort.descending
            ? null
            : { column, descending: true }
          : { column, descending: false },
      );
    return (
      <th
        key={column}
        scope="col"
        className={`metrics-table__th metrics-table__th--${column}`}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button type="button" onClick={next} data-testid={`sort-${column}`}>
          {t(`planner.col.${column}`)}
          <span className="metrics-table__arrow" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="metrics-table" data-testid="metrics-table">
      <table>
        <thead>
          <tr>{COLUMNS.map(header)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = names.get(row.code) ?? row.code;
            const isLocked = locked.includes(row.code);
            return (
              <tr
                key={row.code}
                className={`metrics-table__row${row.code === target ? ' metrics-table__row--target' : ''}${row.units === 0 ? ' metrics-table__row--empty' : ''}`}
                data-testid={`metrics-row-${row.code}`}
                data-population={row.figures.population}
                data-units={row.units}
              >
                <th scope="row" className="metrics-table__name">
                  <button
                    type="button"
                    onClick={() => onTarget(row.code)}
                    title={t('planner.chooseTarget')}
                    disabled={isLocked}
                  >
                    <span
                      className="swatch"
                      style={{ background: colours.get(row.code) ?? '#ccc' }}
                      aria-hidden="true"
                    />
                    {name}
                    {isLocked && (
                      <span className="metrics-table__lock" title={t('planner.locked')}>
                        <LockIcon locked />
                      </span>
                    )}
                  </button>
                </th>
                <td className="num">{row.units}</td>
                <td className="num" data-testid={`population-${row.code}`}>
                  {tr.count(row.figures.population)}
                </td>
                <td className="num">{tr.count(row.figures.households)}</td>
                <td>
                  <DeviationBar pct={row.deviationPct} band={metrics.bandPct} scale={scale} />
                </td>
                <td className="num">{formatRatio(row.householdsPerWorker, 0)}</td>
                <td className="num" title={t('planner.issuesPerWorkerHint')}>
                  {formatRatio(row.openIssuesPerWorker, 1)} ·{' '}
                  {formatRatio(row.issues12mPerWorker, 1)}
                </td>
                <td className="num">{formatRatio(row.sitesPer10k, 1)}</td>
                <td className="num">{formatRatio(row.staffPer10k, 1)}</td>
                <td className="num">{tr.count(row.figures.escalations12m)}</td>
                <td className="num">{formatArea(row.areaM2)}</td>
                <td className="num">{formatRatio(row.polsbyPopper, 2)}</td>
                <td>
                  {row.units === 0 ? (
                    <span className="planner-muted">—</span>
                  ) : row.contiguous ? (
                    <span className="ok" title={t('planner.contiguous')}>
                      ✓
                    </span>
                  ) : (
                    <span className="pieces" data-testid={`pieces-${row.code}`}>
                      <span className="bad" title={t('planner.notContiguous')}>
                        ✗
                      </span>
                      {row.components.map((piece, i) => (
                        <button
                          type="button"
                          key={piece[0]}
                          className="piece"
                          onClick={() => onPiece(piece)}
                          title={piece.map((u) => unitNames.get(u) ?? u).join('、')}
                        >
                          {t('planner.piece', { n: i + 1, units: piece.length })}
                        </button>
                      ))}
                    </span>
                  )}
                </td>
                <td className={row.splitsStreets ? 'warn' : ''}>
                  {streetNames(row, tr, streetName)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
