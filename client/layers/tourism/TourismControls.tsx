/**
 * Tourist pressure controls: month and hour sliders, the colour key from 0 to the month and
 * hour's largest cell (the API's `max`), the peak-mode threshold, and the 小区 in peak mode.
 */
import { useI18n } from '../../i18n/use-i18n.ts';
import { pressureColourScale } from './tourism-layer.ts';
import type { Peak, TourismPressure } from '../../../server/contract/index.ts';
import type { RouteQueryState } from '../../api/query.ts';
import type { OverlayControlsProps } from '../overlay.ts';
import { PeakList } from './PeakList.tsx';
import { LayerError, Ramp } from '../overlays/legend-parts.tsx';

/** Props of {@link TourismControls}. */
export interface TourismControlsProps extends OverlayControlsProps {
  pressure: RouteQueryState<TourismPressure>;
  peak: RouteQueryState<Peak>;
  /** The time peak mode is checked at (`peakTime`). */
  peakAt: string;
}

export function TourismControls({
  state,
  pressure: cells,
  peak,
  peakAt,
  onChange,
}: TourismControlsProps) {
  const { t, count } = useI18n();
  const pressure = cells.data;
  return (
    <div className="layer-controls">
      <label className="layer-field layer-field--slider">
        <span className="layer-field__head">
          {t('tourism.month')}{' '}
          <strong data-testid="tourism-month-label">
            {t('tourism.monthValue', { m: state.month })}
          </strong>
        </span>
        <input
          type="range"
          min={1}
          max={12}
          value={state.month}
          onChange={(e) => onChange({ ...state, month: Number(e.target.value) })}
          data-testid="tourism-month-slider"
        />
      </label>
      <label className="layer-field layer-field--slider">
        <span className="layer-field__head">
          {t('tourism.hour')} <strong data-testid="tourism-hour-label">{`${state.hour}:00`}</strong>
        </span>
        <input
          type="range"
          min={0}
          max={23}
          value={state.hour}
          onChange={(e) => onChange({ ...state, hour: Number(e.target.value) })}
          data-testid="tourism-hour-slider"
        />
      </label>
      <div className="layer-legend">
        <div className="layer-legend__caption">{t('tourism.legend')}</div>
        {pressure && (
          <Ramp
            colours={pressureColourScale(pressure.max).ramp}
            low="0"
            high={count(pressure.max)}
            empty={pressure.max === 0}
            testId="tourism-max"
          />
        )}
        <div className="layer-legend__caption">
          <span className="layer-legend__ring" aria-hidden="true" />
          {t('tourism.peakLegend')}
        </div>
        <LayerError error={cells.error} />
      </div>
      <label className="layer-field layer-row">
        {t('tourism.threshold')}
        <input
          type="number"
          min={100}
          max={100000}
          step={100}
          value={state.peakThreshold}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 1_000_000)
              onChange({ ...state, peakThreshold: n });
          }}
          data-testid="tourism-threshold"
        />
      </label>
      <PeakList xiaoqu={peak.data?.xiaoqu ?? null} at={peakAt} error={peak.error} />
    </div>
  );
}
