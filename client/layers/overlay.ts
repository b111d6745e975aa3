/**
 * What an overlay of the map is, as the registry (`registry.ts`) lists it: its part of the URL
 * state, a hook that loads its data and turns it into deck.gl layers in their draw order, its
 * tooltips and its controls in the layer panel. The map, the layer panel and the URL state loop
 * over the registry; nothing outside an overlay's folder knows its routes, layers or keys.
 */
import type { ReactNode } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaFigures } from '../../server/contract/index.ts';
import type { DatasetFrame } from '../dataset/frame.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { Overlay, OverlayState } from '../state/overlays.ts';
import type { Bounds } from './issues/cell-bounds.ts';

/** What every overlay's hook is given. */
export interface OverlayContext {
  state: OverlayState;
  /** The selected area: coverage and staff duty are asked for it. */
  area: string;
  /** The map's zoom: picks cells or points, the cells' grid and how coarsely `bounds` snap. */
  zoom: number;
  /**
   * What the map shows, after each move. Null until the map has said; left out, the whole
   * data set.
   */
  bounds?: Bounds | null;
  /** Pass as the `onHover` of every pickable layer: the tooltip follows it. */
  onHover(info: PickingInfo): void;
}

/**
 * One deck.gl layer and where it is drawn. `order` sorts every overlay's layers, bottom to top
 * (see {@link DRAW_ORDER}); `below` puts it under the area fills instead of above them.
 */
export interface PlacedLayer {
  order: number;
  layer: Layer;
  below?: boolean;
}

/**
 * The draw order of the overlays' layers, bottom to top: tourism fill (under the areas), issue
 * cells, peak-mode rings, site coverage and icons, staff, escalation arcs on top. An overlay
 * picks its slots from here, so its place is written once.
 */
export const DRAW_ORDER = {
  tourismFill: 0,
  issueCells: 10,
  peakRings: 20,
  siteCoverage: 30,
  siteIcons: 31,
  staff: 40,
  escalations: 50,
} as const;

/** Props of an overlay's controls in the layer panel. */
export interface OverlayControlsProps {
  state: OverlayState;
  onChange(next: OverlayState): void;
  /** The selected area's figures (e.g. staff counts where posts may not be seen), or null. */
  figures: AreaFigures | null;
}

/** What an overlay's hook gives back for one render. */
export interface OverlayView {
  layers: PlacedLayer[];
  /** Whether some of its data is loading. */
  loading: boolean;
  /** Its controls and legend, shown in the layer panel while it is on. */
  controls(props: OverlayControlsProps): ReactNode;
}

/** The content of the box beside the pointer. */
export interface TooltipContent {
  /** The small tag before the title (the overlay's name, or what the object is). */
  tag: string;
  title: ReactNode;
  rows: [string, ReactNode][];
}

/** The tooltip of an object of one of an overlay's layers. */
export type TooltipOf = (object: never, tr: Translator) => TooltipContent;

/** An overlay's part of the URL: parsed from and written to the query parameters. */
export interface OverlayCodec {
  id: Overlay;
  /** Its fields of the state, read from the URL; `init` holds the defaults. */
  parse(params: URLSearchParams, init: OverlayState, frame: DatasetFrame): Partial<OverlayState>;
  /** Writes its fields that differ from `init`, leaving defaults out to keep links short. */
  write(state: OverlayState, params: URLSearchParams, init: OverlayState): void;
}

/** One overlay, as the registry lists it. */
export interface OverlayModule {
  id: Overlay;
  /** Its part of the URL (its `url.ts`, which the URL state also lists: see overlay-url.ts). */
  url: OverlayCodec;
  /** Loads its data (nothing while it is off) and builds its layers. Called in registry order. */
  useOverlay(context: OverlayContext): OverlayView;
  /** The tooltips of its pickable layers, by layer id (MapLibre layers too). */
  tooltips: Readonly<Record<string, TooltipOf>>;
}

/** Declares an overlay module; the tooltips are typed by the objects their layers pick. */
export const defineOverlay = (module: OverlayModule): OverlayModule => module;
