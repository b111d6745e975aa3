/**
 * The 小区 of the selected area farther than the chosen walk from every 邻里之家, from
 * `GET /api/sites/coverage`: name, households, metres to the nearest site.
 */
import type { Coverage } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { LayerError } from '../overlays/legend-parts.tsx';

/** Props of {@link CoverageList}. */
export interface CoverageListProps {
  /** The coverage for the chosen distance and area, or null while it loads. */
  coverage: Coverage | null;
  error: unknown;
}

export function CoverageList({ coverage, error }: CoverageListProps) {
  const { t, count } = useI18n();
  if (error) return <LayerError error={error} />;
  if (!coverage) return null;
  const d = coverage.distance;
  return (
    <div className="overlay-list" data-testid="coverage">
      <div className="overlay-list__title">{t('coverage.title', { d })}</div>
      <div className="overlay-list__summary" data-testid="coverage-summary">
        {coverage.uncovered.length === 0
          ? t('coverage.none', { d })
          : t('coverage.summary', {
              n: count(coverage.uncovered.length),
              h: count(coverage.householdsUncovered),
              d,
              total: count(coverage.xiaoquTotal),
            })}
      </div>
      {coverage.uncovered.length > 0 && (
        <ol className="overlay-list__items">
          {coverage.uncovered.map((x) => (
            <li key={x.code} data-testid="coverage-item">
              <span className="overlay-list__name">{x.name}</span>
              <span>{t('coverage.households', { n: count(x.households) })}</span>
              <span className="overlay-list__warn">
                {t('coverage.nearest', { m: count(Math.round(x.nearestSiteM)) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
