/**
 * What an overlay of the map is. The registry (`registry.ts`) lists each one's light
 * {@link OverlayDescriptor} (its id, place in the panel, part of the URL state, initial state and
 * messages), which the shell reads for every mode; its heavy {@link OverlayModule} (a hook that
 * loads its data and turns it into deck.gl layers in their draw order, its tooltips and its
 * controls in the layer panel) comes with the chunks of the modes that draw the map. The map, the layer
 * panel and the URL state loop over the registry; nothing outside an overlay's folder knows its
 * routes, layers, state or keys.
 */
import type { ReactNode } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AreaFigures } from '../../server/contract/index.ts';
import type { DatasetFrame } from '../dataset/frame.ts';
import type { Catalogue } from '../i18n/catalogue.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { Overlay, OverlayState } from '../state/overlays.ts';
import type { Bounds } from './issues/cell-bounds.ts';

/** What every overlay's hook is given. */
/**
 * Whether this session may read an area's per-area detail (staff posts): `yes`, or why not
 * (`login`: a visitor or screen; `role`: an official outside their area). From the session's
 * `detailIn`, so the client never asks for what the server would refuse.
 */
export type DetailAccess = (area: string) => 'yes' | 'login' | 'role';

/** Detail access from the session's `detailIn` (`GET /api/auth/me`). */
export function detailAccess(
  detailIn: 'zone' | readonly string[],
  signedIn: boolean,
): DetailAccess {
  if (detailIn === 'zone') return () => 'yes';
  const within = new Set(detailIn);
  return (area) => (within.has(area) ? 'yes' : signedIn && within.size > 0 ? 'role' : 'login');
}

export interface OverlayContext {
  state: OverlayState;
  /** The selected area: coverage and staff duty are asked for it. */
  area: string;
  /** Whether the session may read the detail of `area`. */
  detail: DetailAccess;
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
 * picks its slots from here, so its place is written once; a new overlay may as well give a
 * number between these in its own folder (`order` is any number).
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

/**
 * An overlay's part of the URL: its fields of the state (`S`), parsed from and written to the
 * query parameters. Methods, so a codec of one slice can stand in a list of all of them.
 */
export interface OverlayCodec<S extends object> {
  /** Its fields, read from the URL; `init` holds the defaults. */
  parse(params: URLSearchParams, init: S, frame: DatasetFrame): S;
  /** Writes its fields that differ from `init`, leaving defaults out to keep links short. */
  write(state: S, params: URLSearchParams, init: S): void;
}

/**
 * One overlay as the registry lists it: light, as the shell parses every mode's URL and shows
 * every overlay's name; the rest is in its module ({@link OverlayModule}).
 */
export interface OverlayDescriptor<
  Id extends string = string,
  S extends object = object,
  K extends string = string,
> {
  id: Id;
  /** Its place in the layer panel, top first; its URL parameters are written in that order too. */
  panel: number;
  /** Its fields of the overlay state as a URL without its parameters opens them. */
  initial(frame: DatasetFrame): S;
  /** Its part of the URL (its `url.ts`). */
  url: OverlayCodec<S>;
  /** Its messages (controls, legend, tooltips), with its name `layers.overlay.<id>`. */
  messages: Catalogue<K>;
}

/** Declares an overlay's descriptor, keeping its id, state and message keys' types. */
export const defineOverlay = <Id extends string, S extends object, K extends string>(
  descriptor: OverlayDescriptor<Id, S, K>,
): OverlayDescriptor<Id, S, K> => descriptor;

/**
 * One overlay's module: its folder's `overlay.tsx` exports it as `overlayModule`
 * (overlays/modules.ts finds them there).
 */
export interface OverlayModule {
  id: Overlay;
  /** Loads its data (nothing while it is off) and builds its layers. Called in registry order. */
  useOverlay(context: OverlayContext): OverlayView;
  /** The tooltips of its pickable layers, by layer id (MapLibre layers too). */
  tooltips: Readonly<Record<string, TooltipOf>>;
}

/** Declares an overlay module; the tooltips are typed by the objects their layers pick. */
export const defineOverlayModule = (module: OverlayModule): OverlayModule => module;
