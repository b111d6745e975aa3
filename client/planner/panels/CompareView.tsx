/**
 * Two to four plans side by side (the current configuration first): small static maps, the
 * plan metrics and each 片区's population with differences from the current highlighted, and
 * the 社区 that moved. Everything comes from `GET /api/planner/compare`; the maps are SVG drawn
 * from the 社区 shapes and edges already loaded (no extra WebGL context).
 */
import { useMemo, type ReactNode } from 'react';
import { geoMercator, geoPath } from 'd3';
import { rewind } from '@turf/turf';
import type { PlanCompare, PlanMetrics, PlannerUnits } from '../../../server/contract/planner.ts';
import { ErrorNotice } from '../../api/ErrorNotice.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { PIANQU_PALETTE, colourPianqu, pianquNeighbours } from '../map/pianqu-colours.ts';
import { formatRatio, formatSignedPct } from './format.ts';
import './compare-view.css';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
  data: PlanCompare | null;
  error: unknown;
  loading: boolean;
  units: PlannerUnits;
  onClose(): void;
  onRetry(): void;
}

const MAP_W = 300;
const MAP_H = 220;

/** 社区 → 片区 of each compared plan: the moved list over what every plan shares. */
export function planAssignments(
  data: PlanCompare,
  base: Readonly<Record<string, string>>,
): Record<string, string | null>[] {
  return data.plans.map((_, i) => {
    const a: Record<string, string | null> = { ...base };
    for (const m of data.moved) a[m.code] = m.pianqu[i] ?? null;
    return a;
  });
}

function SmallMap({
  units,
  assignment,
  colours,
  label,
}: {
  units: PlannerUnits;
  assignment: Readonly<Record<string, string | null>>;
  colours: ReadonlyMap<string, number>;
  label: string;
}) {
  const { edges } = units;
  // d3-geo is spherical and takes a counter-clockwise ring for the globe outside it: the API's
  // RFC 7946 rings (counter-clockwise) are turned clockwise for it, or each 社区 fills the map.
  const shapes = useMemo(
    () => rewind(units.shapes as unknown as GeoJSON.FeatureCollection, { reverse: true }),
    [units.shapes],
  ) as unknown as PlannerUnits['shapes'];
  const path = useMemo(() => {
    const projection = geoMercator().fitSize(
      [MAP_W, MAP_H],
      shapes as unknown as GeoJSON.FeatureCollection,
    );
    return geoPath(projection);
  }, [shapes]);
  return (
    <svg className="compare-map" viewBox={`0 0 ${MAP_W} ${MAP_H}`} role="img" aria-label={label}>
      {shapes.features.map((f) => {
        const d = assignment[f.properties.code] ?? null;
        const c = d === null ? undefined : colours.get(d);
        return (
          <path
            key={f.id}
            d={path(f as unknown as GeoJSON.Feature) ?? ''}
            fill={c === undefined ? '#9aa3ad' : PIANQU_PALETTE[c]}
          />
        );
      })}
      {edges.features.map((f, i) => {
        const { a, b } = f.properties;
        const boundary = b === null || (assignment[a] ?? null) !== (assignment[b] ?? null);
        return (
          <path
            key={i}
            d={path(f as unknown as GeoJSON.Feature) ?? ''}
            fill="none"
            stroke={boundary ? '#102c52' : '#ffffff'}
            strokeWidth={boundary ? 1.6 : 0.4}
            strokeLinecap="round"
          />
        );
      })}
    </svg>
  );
}

type Row = { key: string; value: (m: PlanMetrics) => number | null; format(v: number): string };

export function CompareView({ data, error, loading, units, onClose, onRetry }: CompareViewProps) {
  const tr = useI18n();
  const { t } = tr;
  const base = useMemo(
    () => Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode])),
    [units],
  );
  const unitNames = useMemo(() => new Map(units.units.map((u) => [u.code, u.name])), [units]);
  const assignments = useMemo(() => (data ? planAssignments(data, base) : []), [data, base]);
  const colours = useMemo(() => {
    // Colour the current plan first, then hand its colours on so the maps look alike.
    let previous = new Map<string, number>();
    return assignments.map((a, i) => {
      const codes = data!.plans[i]!.pianqu.map((p) => p.code);
      const c = colourPianqu(codes, pianquNeighbours(a, units.adjacency), previous);
      previous = new Map([...previous, ...c]);
      return c;
    });
  }, [assignments, data, units.adjacency]);

  const planName = (p: PlanCompare['plans'][number]) =>
    p.id === 'current' ? t('planner.currentConfig') : p.name;
  /** A table's head row: `first` over the row names, then a column per plan. */
  const planHeads = (first: ReactNode, plans: PlanCompare['plans']) => (
    <tr>
      {first}
      {plans.map((p) => (
        <th key={p.id} scope="col">
          {planName(p)}
        </th>
      ))}
    </tr>
  );

  const rows: Row[] = [
    { key: 'pianquCount', value: (m) => m.pianquCount, format: (v) => tr.count(v) },
    { key: 'ideal', value: (m) => m.idealPopulation, format: (v) => tr.count(Math.round(v)) },
    {
      key: 'maxDeviation',
      value: (m) => m.maxAbsDeviationPct,
      format: (v) => formatSignedPct(v).replace(/^[+−±]/, '±'),
    },
    { key: 'outOfBand', value: (m) => m.outsideBand.length, format: (v) => tr.count(v) },
    { key: 'nonContiguous', value: (m) => m.nonContiguous.length, format: (v) => tr.count(v) },
    { key: 'splits', value: (m) => m.streetSplits.length, format: (v) => tr.count(v) },
    { key: 'meanPp', value: (m) => m.meanPolsbyPopper, format: (v) => formatRatio(v, 2) },
    { key: 'minPp', value: (m) => m.minPolsbyPopper, format: (v) => formatRatio(v, 2) },
  ];

  const pianquCodes = useMemo(() => {
    if (!data) return [];
    const seen = new Map<string, string>();
    for (const p of data.plans)
      for (const d of p.pianqu) if (!seen.has(d.code)) seen.set(d.code, d.name);
    return [...seen.entries()];
  }, [data]);

  return (
    <section className="compare-view" data-testid="compare-view" aria-busy={loading}>
      <header className="compare-view__header">
        <h2>{t('planner.compareTitle')}</h2>
        <button type="button" className="button" onClick={onClose} data-testid="compare-close">
          {t('planner.backToEditing')}
        </button>
      </header>
      {error ? <ErrorNotice error={error} onRetry={onRetry} /> : null}
      {loading && !data && <p className="planner-hint">{t('app.loading')}</p>}
      {data && (
        <div className="compare-view__body" data-testid="compare-ready">
          <div
            className="compare-maps"
            style={{ gridTemplateColumns: `repeat(${data.plans.length}, minmax(0, 1fr))` }}
          >
            {data.plans.map((p, i) => (
              <figure key={p.id} className="compare-maps__item">
                <SmallMap
                  units={units}
                  assignment={assignments[i]!}
                  colours={colours[i]!}
                  label={p.name}
                />
                <figcaption>{planName(p)}</figcaption>
              </figure>
            ))}
          </div>

          <div className="compare-tables">
            <div className="compare-tables__cell">
              <table className="compare-table" data-testid="compare-metrics">
                <thead>{planHeads(<th />, data.plans)}</thead>
                <tbody>
                  {rows.map((row) => {
                    const first = row.value(data.plans[0]!.metrics);
                    return (
                      <tr key={row.key}>
                        <th scope="row">{t(`planner.cmp.${row.key}` as 'planner.cmp.ideal')}</th>
                        {data.plans.map((p, i) => {
                          const v = row.value(p.metrics);
                          const differs =
                            i > 0 && v !== null && first !== null && Math.abs(v - first) > 1e-9;
                          return (
                            <td key={p.id} className={`num${differs ? ' diff' : ''}`}>
                              {v === null ? '—' : row.format(v)}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>

            <div className="compare-tables__cell">
              <table className="compare-table" data-testid="compare-population">
                <thead>
                  <tr>
                    <th scope="col">{t('planner.col.name')}</th>
                    {data.plans.map((p) => (
                      <th key={p.id} scope="col">
                        {t('planner.col.population')}
                        <span className="planner-muted"> · {planName(p)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {pianquCodes.map(([code, name]) => {
                    const values = data.plans.map(
                      (p) =>
                        p.metrics.pianqu.find((r) => r.code === code)?.figures.population ?? null,
                    );
                    return (
                      <tr key={code}>
                        <th scope="row">{name}</th>
                        {values.map((v, i) => {
                          const differs = i > 0 && v !== values[0];
                          const delta = v !== null && values[0] != null ? v - values[0] : null;
                          return (
                            <td key={i} className={`num${differs ? ' diff' : ''}`}>
                              {v === null ? '—' : tr.count(v)}
                              {differs && delta !== null && delta !== 0 && (
                                <span className="delta">
                                  {' '}
                                  ({delta > 0 ? '+' : '−'}
                                  {tr.count(Math.abs(delta))})
                                </span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>

            <div className="compare-tables__cell moved-list" data-testid="moved-list">
              <h3 className="planner-heading">
                {t('planner.movedTitle', { n: data.moved.length })}
              </h3>
              {data.moved.length === 0 ? (
                <p className="planner-hint">{t('planner.nothingMoved')}</p>
              ) : (
                <table className="compare-table">
                  <thead>{planHeads(<th scope="col">{t('planner.shequ')}</th>, data.plans)}</thead>
                  <tbody>
                    {data.moved.map((m) => (
                      <tr key={m.code} data-testid={`moved-${m.code}`}>
                        <th scope="row">{m.name || unitNames.get(m.code)}</th>
                        {m.pianqu.map((code, i) => (
                          <td key={i} className={i > 0 && code !== m.pianqu[0] ? 'diff' : ''}>
                            {code === null
                              ? t('planner.unassigned')
                              : (data.plans[i]!.pianqu.find((p) => p.code === code)?.name ?? code)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
