import { useI18n } from '../../i18n/use-i18n.ts';
import { METRICS, METRIC_FIGURES, type Metric } from '../../state/url-state.ts';
import type { AreaColourScale } from './area-colours.ts';
import './legend.css';

/** Props of {@link AreaLegend}. */
export interface AreaLegendProps {
  /** The scale the polygons are drawn with. */
  scale: AreaColourScale;
  onMetricChange(metric: Metric): void;
}

/** The colour key of the area polygons, with the choice of statistic. */
export function AreaLegend({ scale, onMetricChange }: AreaLegendProps) {
  const { t, count, figure } = useI18n();
  return (
    <div className="area-legend" data-testid="legend">
      <label className="area-legend__label">
        {t('metric.label')}
        <select
          value={scale.metric}
          onChange={(e) => onMetricChange(e.target.value as Metric)}
          data-testid="metric-select"
        >
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {figure(METRIC_FIGURES[m])}
            </option>
          ))}
        </select>
      </label>
      {scale.extent[0] === scale.extent[1] ? (
        // Every area has the same value (all 0 in a quiet month): one colour, nothing to key.
        <p className="area-legend__flat" data-testid="legend-flat">
          {t('legend.flat', { value: count(scale.extent[0]) })}
        </p>
      ) : (
        <div className="area-legend__scale">
          <span data-testid="legend-min">{count(scale.extent[0])}</span>
          <div
            className="area-legend__ramp"
            style={{ background: `linear-gradient(to right, ${scale.ramp.join(', ')})` }}
          />
          <span data-testid="legend-max">{count(scale.extent[1])}</span>
        </div>
      )}
    </div>
  );
}
