/**
 * The tourist pressure overlay: hexagon cells filled by visitors per hour at the URL's month
 * and hour (`tm`, `th`), under the area fills, and the 小区 that should switch to peak mode
 * above the threshold (`peak`), ringed; their tooltips and controls.
 */
import { useMemo } from 'react';
import { tourismRoutes } from '../../../server/contract/index.ts';
import { useRouteQuery } from '../../api/query.ts';
import { peakTime } from './state.ts';
import { DRAW_ORDER, defineOverlayModule, type TooltipOf } from '../overlay.ts';
import {
  peakLayers,
  pressureCells,
  tourismFillLayers,
  type PeakCompound,
  type PressureCell,
} from './tourism-layer.ts';
import { TourismControls } from './TourismControls.tsx';

const pressureTip: TooltipOf = (cell: PressureCell, { t, count }) => ({
  tag: t('layers.overlay.tourism'),
  title: cell.cellId,
  rows: [[t('tip.visitors'), count(cell.visitors)]],
});

const peakTip: TooltipOf = (x: PeakCompound, { t, count }) => ({
  tag: t('tip.peakMode'),
  title: x.name,
  rows: [
    [t('peak.visitors'), count(x.visitors)],
    [t('peak.staff'), x.staffOnDuty === null ? t('stat.none') : count(x.staffOnDuty)],
    [t('peak.short'), x.short === null ? t('stat.none') : x.short ? t('peak.short') : '✓'],
  ],
});

export const overlayModule = defineOverlayModule({
  id: 'tourism',
  useOverlay({ state, onHover }) {
    const on = state.on.includes('tourism');
    const grid = useRouteQuery(tourismRoutes.grid, on ? {} : null, { quiet: true });
    const pressure = useRouteQuery(
      tourismRoutes.pressure,
      on ? { query: { month: state.month, hour: state.hour } } : null,
      { quiet: true },
    );
    const at = peakTime(state);
    const peak = useRouteQuery(
      tourismRoutes.peak,
      on ? { query: { at, threshold: state.peakThreshold } } : null,
      { quiet: true },
    );
    const cells = useMemo(
      () => (grid.data && pressure.data ? pressureCells(grid.data, pressure.data) : null),
      [grid.data, pressure.data],
    );
    const max = pressure.data?.max ?? 0;
    const opacity = state.opacity.tourism;
    const layers = useMemo(() => {
      if (!on) return [];
      const input = { cells, max, peak: peak.data, opacity, onHover };
      return [
        ...tourismFillLayers(input).map((layer) => ({
          order: DRAW_ORDER.tourismFill,
          layer,
          below: true,
        })),
        ...peakLayers(input).map((layer) => ({ order: DRAW_ORDER.peakRings, layer })),
      ];
    }, [on, cells, max, peak.data, opacity, onHover]);
    return {
      layers,
      loading: grid.loading || pressure.loading || peak.loading,
      controls: (props) => (
        <TourismControls {...props} pressure={pressure} peak={peak} peakAt={at} />
      ),
    };
  },
  tooltips: { 'tourism-pressure': pressureTip, 'tourism-peak': peakTip },
});
