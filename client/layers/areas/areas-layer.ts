/**
 * The areas layer model: turns the areas of the current scope (and their neighbours for
 * context) into deck.gl layers. No React and no map here; the map view hands the result to the
 * MapLibre overlay.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaCollection } from '../../../server/contract/index.ts';
import { DECK_BEFORE } from '../../../server/contract/basemap-style.ts';
import type { Metric } from '../../state/url-state.ts';
import { areaColourScale, metricValue } from './area-colours.ts';

/** One area polygon as `GET /api/areas` returns it. */
export type AreaFeature = AreaCollection['features'][number];
type AreaProps = AreaFeature['properties'];
/** The MapLibre layer a deck.gl layer is drawn under (interleaved mode of MapLibreOverlay). */
type InterleavedProps = { beforeId?: string };

/** What the layers draw. */
export interface AreaLayerInput {
  /** The areas of the scope: coloured by `metric`, clickable. */
  areas: readonly AreaFeature[];
  /** Neighbours of the selection at its own level: outlined, clickable, not coloured. */
  context: readonly AreaFeature[];
  /** The area whose children are drawn (the selected 片区 or 社区), outlined boldly; or null. */
  focus: AreaFeature | null;
  metric: Metric;
  /** Code of the area drawn as selected (a 小区 among its siblings), or null. */
  selected: string | null;
  /** Code of the area under the pointer, or null. */
  hovered: string | null;
  /** Opacity of the area fills, 0..1 (default 1): lower lets an overlay beneath show. */
  fillOpacity?: number;
  /** Called with the area under the pointer (null when none) and where it is. */
  onHover(area: AreaFeature | null, context: boolean, x: number, y: number): void;
}

const FILL_ALPHA = 175;
const DIMMED_ALPHA = 95;
const OUTLINE: [number, number, number, number] = [255, 255, 255, 230];
const CONTEXT_OUTLINE: [number, number, number, number] = [77, 107, 147, 150];
const EMPHASIS: [number, number, number, number] = [14, 42, 84, 255];
const FOCUS_OUTLINE: [number, number, number, number] = [22, 57, 107, 235];
const HOVER_FILL: [number, number, number, number] = [22, 57, 107, 60];

/**
 * The layers a click selects an area in: the scope's areas and their neighbours. The map view
 * picks them on MapLibre's `click` rather than through deck.gl's `onClick`, whose tap gesture
 * is lost when a frame takes longer than the tap (software rendering on a busy machine).
 */
export const SELECTABLE_LAYER_IDS = ['areas-fill', 'areas-context'];

/** The code of the area a pick found, or null. */
export function pickedCode(info: PickingInfo | null): string | null {
  const object = info?.object as AreaFeature | undefined;
  return object?.properties.code ?? null;
}

/** Builds the deck.gl layers of the areas, bottom to top. */
export function areaLayers(input: AreaLayerInput): Layer[] {
  const { areas, context, focus, metric, selected, hovered, onHover } = input;
  const scale = areaColourScale(areas, metric);
  const isEmphasised = (a: AreaFeature) =>
    a.properties.code === selected || a.properties.code === hovered;
  const emphasised = [...areas.filter(isEmphasised), ...context.filter(isEmphasised)];
  const hoveredAreas = emphasised.filter((a) => a.properties.code === hovered);

  return [
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-context',
      beforeId: DECK_BEFORE.fill,
      data: context as AreaFeature[],
      filled: true,
      stroked: false,
      pickable: true,
      getFillColor: [0, 0, 0, 0],
      onHover: (info) =>
        onHover((info.object as AreaFeature | undefined) ?? null, true, info.x, info.y),
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-fill',
      beforeId: DECK_BEFORE.fill,
      data: areas as AreaFeature[],
      filled: true,
      stroked: false,
      pickable: true,
      getFillColor: (f) => {
        const [r, g, b] = scale.colour(metricValue(f.properties, metric));
        const alpha = selected && f.properties.code !== selected ? DIMMED_ALPHA : FILL_ALPHA;
        return [r, g, b, alpha];
      },
      opacity: input.fillOpacity ?? 1,
      updateTriggers: { getFillColor: [metric, selected, scale.domain[0], scale.domain[1]] },
      transitions: { getFillColor: 300 },
      onHover: (info) =>
        onHover((info.object as AreaFeature | undefined) ?? null, false, info.x, info.y),
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-hover-fill',
      beforeId: DECK_BEFORE.fill,
      data: hoveredAreas,
      filled: true,
      stroked: false,
      getFillColor: HOVER_FILL,
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-context-line',
      beforeId: DECK_BEFORE.line,
      data: context as AreaFeature[],
      filled: false,
      stroked: true,
      getLineColor: CONTEXT_OUTLINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.2,
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-line',
      beforeId: DECK_BEFORE.line,
      data: areas as AreaFeature[],
      filled: false,
      stroked: true,
      getLineColor: OUTLINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.6,
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-focus',
      beforeId: DECK_BEFORE.line,
      data: focus ? [focus] : [],
      filled: false,
      stroked: true,
      getLineColor: FOCUS_OUTLINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
    new GeoJsonLayer<AreaProps, InterleavedProps>({
      id: 'areas-emphasis',
      beforeId: DECK_BEFORE.line,
      data: emphasised,
      filled: false,
      stroked: true,
      getLineColor: EMPHASIS,
      lineWidthUnits: 'pixels',
      getLineWidth: (f) => (f.properties.code === selected ? 3 : 2),
      updateTriggers: { getLineWidth: [selected] },
    }),
  ];
}
