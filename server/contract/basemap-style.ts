/**
 * The basemap style, built in code and shared: the app's maps start from it, and the server
 * publishes it as `/styles/{light,dark}.json` for other MapLibre apps. Sea, land, main roads
 * with their Chinese names, landmarks, the zone outline and the three area levels from the
 * server's vector tiles. Nothing is fetched from outside the app: the land, roads and landmarks
 * come from `GET /api/basemap`, text is drawn from local font files (`font-faces`), and there
 * is no `glyphs` URL.
 *
 * Two ways to fill the sources ({@link styleSources}): the app's own maps get empty GeoJSON
 * sources it sets itself once loaded (the zone is dissolved and the labels placed in the
 * client) and tile URL templates; a published style names every source by an absolute URL on
 * the server, and draws the area fills the app leaves to deck.gl.
 */
import type {
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { areaRoutes } from './areas.ts';
import { basemapRoutes } from './basemap.ts';
import type { MapLevel } from './vocabulary.ts';
import { FONT_BOLD, FONT_REGULAR } from './map-fonts.ts';
import { ogcRoutes } from './ogc.ts';
import { routeTemplate, routeUrl } from './route.ts';
import { AREA_TILE_ZOOMS, tileRoutes } from './tiles.ts';

/** Colours of the basemap, shared with the legend and the page CSS where they meet. */
export const BASEMAP_COLOURS = {
  sea: '#b8d0e4',
  land: '#e9e7e0',
  zone: '#f8f7f3',
  /** 区域遮罩: the veil over everything outside the zone (with {@link MASK_OPACITY}). */
  mask: '#e4e9f0',
  roadCasing: '#cdc6b8',
  road: '#ffffff',
  roadMain: '#fdf6e3',
  roadLabel: '#586374',
  landmark: '#5b6b82',
  zoneOutline: '#16396b',
  pianquOutline: '#4d6b93',
  shequOutline: '#8699b5',
  xiaoquOutline: '#bcc7d6',
  areaLabel: '#0f223d',
  contextLabel: '#5f7291',
  halo: '#ffffff',
  areaFill: '#7f97b8',
} as const;

/**
 * The dark variant, for the command center's big screen: dark land on a darker sea, roads and
 * outlines light enough to read from across a room, labels light on a dark halo.
 */
export const BASEMAP_COLOURS_DARK: Record<keyof typeof BASEMAP_COLOURS, string> = {
  sea: '#050d1a',
  land: '#101c2e',
  zone: '#15253b',
  mask: '#040a14',
  roadCasing: '#0b1626',
  road: '#2b3d58',
  roadMain: '#3d5475',
  roadLabel: '#a9b8cc',
  landmark: '#8fa3bf',
  zoneOutline: '#7fb2ff',
  pianquOutline: '#6f8fbd',
  shequOutline: '#4f6a91',
  xiaoquOutline: '#3a5070',
  areaLabel: '#f2f6fc',
  contextLabel: '#a9b8cc',
  halo: '#07111f',
  areaFill: '#3f6aa6',
};

/** Source ids of the style. */
export const SOURCES = {
  basemap: 'basemap',
  zone: 'zone',
  /** The world outside the zone, as a polygon with the zone as its hole (区域遮罩). */
  zoneMask: 'zone-mask',
  areaLabels: 'area-labels',
  /** The composite area tile: one layer per level (`source-layer` = the level). */
  areaTiles: 'tiles-areas',
} as const;

/**
 * Layer ids the deck.gl area layers are inserted before (interleaved): fills go under the roads,
 * so streets stay legible on the coloured areas; outlines and highlights go over the roads and
 * under every label.
 */
export const DECK_BEFORE = {
  fill: 'road-secondary-casing',
  line: 'zone-outline-glow',
} as const;

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A theme of the basemap: `dark` is the big screen's. */
export type MapTheme = 'light' | 'dark';

/** The themes, in the order the published styles list them. */
export const MAP_THEMES = ['light', 'dark'] as const satisfies readonly MapTheme[];

/** The name of a published style, as the style and the tile catalog give it. */
export const publishedStyleName = (theme: MapTheme): string => `片区一张图 ${theme}`;

/** Options of {@link basemapStyle}. */
export interface BasemapStyleOptions {
  /** Origin the vector tiles (and, when published, every source) are served from. */
  origin: string;
  /** The `font-faces` of the style: local files covering every label's characters. */
  fontFaces: FontFacesSpecification;
  /** `dark` for the big screen (default `light`). */
  theme?: MapTheme;
  /**
   * A style for another app (default `false`, the app's own maps): every source an absolute
   * URL, the area fills drawn by the style, and this camera to open at.
   */
  published?: false | { center: [number, number]; zoom: number };
}

/**
 * The style's sources. The app's maps (`published` false) get empty GeoJSON sources that they
 * fill themselves and tile URL templates; a published style gets URLs a foreign MapLibre app
 * reads as they are: GeoJSON routes and each level's TileJSON.
 */
export function styleSources(
  origin: string,
  published: boolean,
): Record<string, SourceSpecification> {
  const geojson = (url: string): SourceSpecification => ({
    type: 'geojson',
    data: published ? origin + url : EMPTY,
  });
  // One composite tile per position, its levels as layers: one request, not three.
  const areaTiles: SourceSpecification = published
    ? { type: 'vector', url: origin + routeTemplate(tileRoutes.compositeTileJson, {}) }
    : {
        type: 'vector',
        tiles: [origin + routeTemplate(tileRoutes.composite)],
        minzoom: AREA_TILE_ZOOMS.min,
        maxzoom: AREA_TILE_ZOOMS.max,
      };
  return {
    [SOURCES.basemap]: geojson(routeUrl(basemapRoutes.basemap)),
    // The zone's level is its own OGC collection; the app dissolves the 片区 instead.
    [SOURCES.zone]: geojson(routeUrl(ogcRoutes.items, { params: { collectionId: 'chengqu' } })),
    [SOURCES.areaLabels]: geojson(
      routeUrl(areaRoutes.list, { query: { level: 'pianqu', zoom: AREA_TILE_ZOOMS.min + 2 } }),
    ),
    [SOURCES.areaTiles]: areaTiles,
  };
}

/** The published style's fill of one level's areas: neutral, the tiles carry no figure. */
function tileFill(level: MapLevel, colour: string, opacity: number, minzoom: number) {
  return {
    id: `tiles-${level}-fill`,
    type: 'fill',
    source: SOURCES.areaTiles,
    'source-layer': level,
    minzoom,
    paint: { 'fill-color': colour, 'fill-opacity': opacity, 'fill-outline-color': colour },
  } satisfies LayerSpecification;
}

function tileOutline(
  level: MapLevel,
  colour: string,
  width: number,
  minzoom: number,
  dashed = false,
): LayerSpecification {
  return {
    // `tiles-pianqu-line` etc.: the planner hides the 片区 and 社区 ones by these ids.
    id: `tiles-${level}-line`,
    type: 'line',
    source: SOURCES.areaTiles,
    'source-layer': level,
    minzoom,
    paint: {
      'line-color': colour,
      'line-width': ['interpolate', ['linear'], ['zoom'], minzoom, width * 0.6, 16, width * 1.6],
      'line-opacity': ['interpolate', ['linear'], ['zoom'], minzoom, 0, minzoom + 0.5, 0.85],
      ...(dashed ? { 'line-dasharray': [3, 2] } : {}),
    },
  };
}

const roadWidth = (main: number, secondary: number): ExpressionSpecification => [
  'interpolate',
  ['exponential', 1.5],
  ['zoom'],
  10,
  ['case', ['==', ['get', 'class'], 'main'], main * 0.5, secondary * 0.4],
  16,
  ['case', ['==', ['get', 'class'], 'main'], main * 3, secondary * 2.6],
];

/** How much the 区域遮罩 hides: enough to end the basemap at the zone, not to blank it. */
export const MASK_OPACITY = { light: 0.88, dark: 0.85 } as const;

/**
 * The app's 区域遮罩 layer, added by the app over the basemap outside the zone, under the areas'
 * names (`before` it). Not in the built style: its data (the world minus the zone) is made by
 * the app from the zone it dissolves, and no route serves it to a published style.
 */
export function zoneMaskLayer(theme: MapTheme = 'light'): LayerSpecification {
  const c = theme === 'dark' ? BASEMAP_COLOURS_DARK : BASEMAP_COLOURS;
  return {
    id: 'zone-mask',
    type: 'fill',
    source: SOURCES.zoneMask,
    paint: { 'fill-color': c.mask, 'fill-opacity': MASK_OPACITY[theme] },
  };
}

/** The layer the 区域遮罩 goes under: the areas' names stay readable over it. */
export const ZONE_MASK_BEFORE = 'area-label';

/** An area label's size at its full zoom: the selected area largest, context smallest. */
const labelSize = (): ExpressionSpecification => [
  'case',
  flag('selected'),
  15,
  flag('context'),
  11.5,
  ['match', ['get', 'level'], 'pianqu', 13.5, 'shequ', 12.5, 11.5],
];

/**
 * A label's flag (`selected`, `context`): the app's labels always set it, a published style's
 * labels (the API's areas) never do, and false is what their absence means.
 */
const flag = (name: string): ExpressionSpecification => ['to-boolean', ['get', name]];

/** A line of the basemap's roads: the main roads or the others, drawn as casing or fill. */
function roadLine(
  id: string,
  main: boolean,
  colour: string,
  width: ExpressionSpecification,
  opacity?: number,
): LayerSpecification {
  return {
    id,
    type: 'line',
    source: SOURCES.basemap,
    filter: [
      'all',
      ['==', ['get', 'layer'], 'road'],
      [main ? '==' : '!=', ['get', 'class'], 'main'],
    ],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': colour,
      'line-width': width,
      ...(opacity === undefined ? {} : { 'line-opacity': opacity }),
    },
  };
}

/** Builds the style. Pure: the same options give the same style. */
export function basemapStyle({
  origin,
  fontFaces,
  theme = 'light',
  published = false,
}: BasemapStyleOptions): StyleSpecification {
  const c = theme === 'dark' ? BASEMAP_COLOURS_DARK : BASEMAP_COLOURS;
  // The app draws its area fills with deck.gl, under the roads (DECK_BEFORE.fill); a published
  // style draws them itself at the same place.
  const fills: LayerSpecification[] = published
    ? [
        tileFill('pianqu', c.areaFill, 0.16, AREA_TILE_ZOOMS.min),
        tileFill('shequ', c.areaFill, 0.1, 11),
      ]
    : [];
  return {
    version: 8,
    name: published ? publishedStyleName(theme) : '片区一张图 basemap',
    ...(published ? { center: published.center, zoom: published.zoom } : {}),
    'font-faces': fontFaces,
    sources: styleSources(origin, published !== false),
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': c.sea } },
      {
        id: 'land',
        type: 'fill',
        source: SOURCES.basemap,
        filter: ['==', ['get', 'layer'], 'land'],
        paint: { 'fill-color': c.land, 'fill-antialias': true },
      },
      {
        id: 'zone-fill',
        type: 'fill',
        source: SOURCES.zone,
        paint: { 'fill-color': c.zone },
      },
      ...fills,
      tileOutline('xiaoqu', c.xiaoquOutline, 0.7, 13.5),
      tileOutline('shequ', c.shequOutline, 1, 11, true),
      roadLine('road-secondary-casing', false, c.roadCasing, roadWidth(4, 3.2), 0.9),
      roadLine('road-main-casing', true, c.roadCasing, roadWidth(4, 3.2)),
      roadLine('road-secondary', false, c.road, roadWidth(2.6, 1.9)),
      roadLine('road-main', true, c.roadMain, roadWidth(2.6, 1.9)),
      tileOutline('pianqu', c.pianquOutline, 1.4, 8),
      {
        id: 'zone-outline-glow',
        type: 'line',
        source: SOURCES.zone,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': c.zoneOutline, 'line-width': 7, 'line-opacity': 0.12 },
      },
      {
        id: 'zone-outline',
        type: 'line',
        source: SOURCES.zone,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': c.zoneOutline, 'line-width': 2, 'line-dasharray': [4, 2] },
      },
      {
        id: 'road-label',
        type: 'symbol',
        source: SOURCES.basemap,
        filter: ['all', ['==', ['get', 'layer'], 'road'], ['has', 'name']],
        minzoom: 11.5,
        layout: {
          'symbol-placement': 'line',
          'symbol-spacing': 320,
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': ['interpolate', ['linear'], ['zoom'], 12, 10.5, 16, 13],
          'text-max-angle': 30,
          'text-padding': 4,
        },
        paint: {
          'text-color': c.roadLabel,
          'text-halo-color': c.halo,
          'text-halo-width': 1.6,
        },
      },
      {
        id: 'landmark-dot',
        type: 'circle',
        source: SOURCES.basemap,
        filter: ['==', ['get', 'layer'], 'landmark'],
        minzoom: 10.5,
        paint: {
          'circle-radius': 3.2,
          'circle-color': c.landmark,
          'circle-stroke-color': c.halo,
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: 'landmark-label',
        type: 'symbol',
        source: SOURCES.basemap,
        filter: ['all', ['==', ['get', 'layer'], 'landmark'], ['has', 'name']],
        minzoom: 10.5,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_REGULAR],
          'text-size': 11.5,
          'text-anchor': 'left',
          'text-offset': [0.7, 0],
          'text-padding': 3,
          'text-optional': true,
        },
        paint: {
          'text-color': c.landmark,
          'text-halo-color': c.halo,
          'text-halo-width': 1.4,
        },
      },
      // Over the basemap and its labels outside the zone, under the areas' names: the land's
      // clipped edge and the sea beyond the data are veiled, as Chinese dashboards do.
      {
        id: 'area-label',
        type: 'symbol',
        source: SOURCES.areaLabels,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_BOLD],
          // Smaller when the zone is seen whole at a low zoom, so every 片区 of a dense
          // centre keeps its name on a 1280-wide screen (17 of 23 did at one size).
          'text-size': [
            'interpolate',
            ['linear'],
            ['zoom'],
            10.5,
            ['*', 0.78, labelSize()],
            12.5,
            labelSize(),
          ],
          'text-padding': 1,
          'text-allow-overlap': false,
          // A name that collides at its point may sit just beside it instead.
          'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
          'text-radial-offset': 0.4,
          'symbol-sort-key': ['case', flag('selected'), 0, flag('context'), 2, 1],
        },
        paint: {
          'text-color': ['case', flag('context'), c.contextLabel, c.areaLabel],
          'text-halo-color': c.halo,
          'text-halo-width': 1.8,
          'text-halo-blur': 0.3,
        },
      },
    ],
  };
}
