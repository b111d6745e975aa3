/**
 * The issues layer model: issue counts on the grid of `GET /api/issues/cells` below zoom 12
 * (circles sized and coloured by count, so the areas beneath stay readable), and the escalation arcs (提级协调) from each 小区 to its
 * 片区's coordination point, width by count. Points from zoom 12 are MapLibre's (issue-points.ts).
 */
import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { interpolateYlGnBu } from 'd3';
import type { Escalations, IssueCells } from '../../../server/contract/index.ts';
import { countColourScale, type CountColourScale } from '../overlays/count-scale.ts';

/** One grid cell as the API gives it. */
export type IssueCell = IssueCells['cells'][number];
/** One escalation arc as the API gives it. */
export type Escalation = Escalations[number];

/** Where the deck.gl overlays go in the basemap: over the areas, under every label. */
export const OVERLAY_BEFORE = 'road-label';
type InterleavedProps = { beforeId?: string };

/**
 * Radius in metres of a cell's circle: its area follows the count, the largest cell's circle
 * just fills its cell (`size` metres of Web Mercator across, a little less on the ground).
 */
export function cellRadius(count: number, max: number, size: number, latitude: number): number {
  const groundSize = size * Math.cos((latitude * Math.PI) / 180);
  return (groundSize / 2) * 0.95 * Math.sqrt(Math.max(0, count) / Math.max(1, max));
}

/** The colour scale of cell counts (a sequential, colour-blind-safe ramp, square root). */
export function cellColourScale(max: number): CountColourScale {
  return countColourScale(interpolateYlGnBu, 0.2, max);
}

/** Arc width in pixels for an escalation count: 1.5 px for one, 8 px for the largest. */
export function arcWidth(count: number, max: number): number {
  return 1.5 + 6.5 * Math.sqrt(Math.max(0, count - 1) / Math.max(1, max - 1));
}

/** What the issue layers draw. */
export interface IssueLayerInput {
  /** The grid (below zoom 12), or null. */
  cells: IssueCells | null;
  /** The escalation arcs, or null. */
  escalations: Escalations | null;
  opacity: number;
  onHover(info: PickingInfo): void;
}

/** The grid cells: drawn under sites, staff and arcs. */
export function issueCellLayers({ cells, opacity, onHover }: IssueLayerInput): Layer[] {
  if (!cells || cells.cells.length === 0) return [];
  const max = Math.max(...cells.cells.map((c) => c.count));
  const scale = cellColourScale(max);
  return [
    new ScatterplotLayer<IssueCell, InterleavedProps>({
      id: 'issue-cells',
      beforeId: OVERLAY_BEFORE,
      data: cells.cells,
      getPosition: (c) => c.position,
      getRadius: (c) => cellRadius(c.count, max, cells.cellSize, c.position[1]),
      radiusUnits: 'meters',
      radiusMinPixels: 2.5,
      getFillColor: (c) => [...scale.colour(c.count), 215],
      getLineColor: [255, 255, 255, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      stroked: true,
      opacity,
      pickable: true,
      autoHighlight: true,
      highlightColor: [240, 228, 66, 255],
      onHover,
      updateTriggers: { getRadius: [cells], getFillColor: [cells] },
    }),
  ];
}

/** The escalation arcs: drawn on top of everything. */
export function escalationLayers({ escalations, opacity, onHover }: IssueLayerInput): Layer[] {
  if (!escalations || escalations.length === 0) return [];
  const max = Math.max(...escalations.map((e) => e.count));
  return [
    new ArcLayer<Escalation, InterleavedProps>({
      id: 'issue-escalations',
      beforeId: OVERLAY_BEFORE,
      data: escalations,
      getSourcePosition: (e) => e.source,
      getTargetPosition: (e) => e.target,
      // Vermillion at the 小区, dark blue at the 片区's coordination point.
      getSourceColor: [213, 94, 0, 235],
      getTargetColor: [14, 42, 84, 245],
      getWidth: (e) => arcWidth(e.count, max),
      widthUnits: 'pixels',
      // Laid flat: seen from above an upright arc would be a straight line.
      getTilt: 90,
      getHeight: 0.35,
      opacity,
      pickable: true,
      autoHighlight: true,
      highlightColor: [240, 228, 66, 255],
      onHover,
      updateTriggers: { getWidth: [max] },
    }),
  ];
}
