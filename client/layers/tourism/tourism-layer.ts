/**
 * The tourist pressure layer model: the hexagon cells of `GET /api/tourism/grid` filled by the
 * visitors of one month and hour (a sequential, colour-blind-safe ramp), drawn at the bottom;
 * and the 小区 that should be in peak mode (旺季模式) marked with rings, a second ring when
 * short of staff.
 */
import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { interpolatePurples } from 'd3';
import type { Peak, TourismGrid, TourismPressure } from '../../../server/contract/index.ts';
import { DECK_BEFORE } from '../../../server/contract/basemap-style.ts';
import { OVERLAY_BEFORE } from '../issues/issues-layer.ts';
import { countColourScale, type CountColourScale } from '../overlays/count-scale.ts';

type InterleavedProps = { beforeId?: string };

/** One hexagon with its visitors at the chosen month and hour. */
export interface PressureCell {
  cellId: string;
  ring: [number, number][];
  visitors: number;
}

/** One 小区 of the peak-mode check. */
export type PeakCompound = Peak['xiaoqu'][number];

/** Joins the grid with the pressure of one hour; cells without visitors count 0. */
export function pressureCells(grid: TourismGrid, pressure: TourismPressure): PressureCell[] {
  const visitors = new Map(pressure.cells.map((c) => [c.cellId, c.visitors]));
  return grid.features.map((g) => ({
    cellId: g.properties.cellId,
    ring: g.geometry.coordinates[0] ?? [],
    visitors: visitors.get(g.properties.cellId) ?? 0,
  }));
}

/** The colour scale of visitors per cell, 0..max (square root: a few beach cells dominate). */
export function pressureColourScale(max: number): CountColourScale {
  return countColourScale(interpolatePurples, 0.15, max);
}

/** What the tourism layers draw. */
export interface TourismLayerInput {
  cells: PressureCell[] | null;
  /** The largest visitors of the month and hour (the API's `max`). */
  max: number;
  peak: Peak | null;
  opacity: number;
  onHover(info: PickingInfo): void;
}

/** The hexagon fill: the bottom of every overlay, under the area fills. */
export function tourismFillLayers({ cells, max, opacity, onHover }: TourismLayerInput): Layer[] {
  if (!cells) return [];
  const scale = pressureColourScale(max);
  return [
    new PolygonLayer<PressureCell, InterleavedProps>({
      id: 'tourism-pressure',
      beforeId: DECK_BEFORE.fill,
      data: cells,
      getPolygon: (c) => c.ring,
      getFillColor: (c) => [...scale.colour(c.visitors), c.visitors > 0 ? 230 : 60],
      getLineColor: [255, 255, 255, 120],
      lineWidthUnits: 'pixels',
      getLineWidth: 0.5,
      stroked: true,
      opacity,
      pickable: true,
      onHover,
      updateTriggers: { getFillColor: [cells, max] },
    }),
  ];
}

/** Rings around the 小区 in peak mode; a second, outer ring when short of staff. */
export function peakLayers({ peak, opacity, onHover }: TourismLayerInput): Layer[] {
  if (!peak) return [];
  const inPeak = peak.xiaoqu.filter((x) => x.peakMode);
  return [
    new ScatterplotLayer<PeakCompound, InterleavedProps>({
      id: 'tourism-peak-short',
      beforeId: OVERLAY_BEFORE,
      data: inPeak.filter((x) => x.short === true),
      getPosition: (x) => x.position,
      getRadius: 17,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [213, 94, 0, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      opacity,
    }),
    new ScatterplotLayer<PeakCompound, InterleavedProps>({
      id: 'tourism-peak',
      beforeId: OVERLAY_BEFORE,
      data: inPeak,
      getPosition: (x) => x.position,
      getRadius: 11,
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 170],
      stroked: true,
      getLineColor: [213, 94, 0, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3.5,
      opacity,
      pickable: true,
      onHover,
    }),
  ];
}
