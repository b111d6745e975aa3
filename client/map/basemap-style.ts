/**
 * The offline basemap, built in code: sea, land, main roads with their Chinese names, landmarks,
 * the zone outline and thin context outlines of the three area levels from the server's vector
 * tiles. Nothing is fetched from outside the app: the land, roads and landmarks come from
 * `GET /api/basemap` (set into the `basemap` source once loaded), text is drawn from local
 * font files (`font-faces`), and there is no `glyphs` URL.
 */
import type {
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import {
  AREA_TILE_ZOOMS,
  routeTemplate,
  tileRoutes,
  type MapLevel,
} from '../../server/contract/index.ts';
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';

/** Colours of the basemap, shared with the legend and the page CSS where they meet. */
export const BASEMAP_COLOURS = {
  sea: '#b8d0e4',
  land: '#e9e7e0',
  zone: '#f8f7f3',
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
} as const;

/**
 * The dark variant, for the command center's big screen: dark land on a darker sea, roads and
 * outlines light enough to read from across a room, labels light on a dark halo.
 */
export const BASEMAP_COLOURS_DARK: Record<keyof typeof BASEMAP_COLOURS, string> = {
  sea: '#050d1a',
  land: '#101c2e',
  zone: '#15253b',
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
};

/** Source ids of the style. */
export const SOURCES = {
  basemap: 'basemap',
  zone: 'zone',
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

/** Options of {@link basemapStyle}. */
export interface BasemapStyleOptions {
  /** Origin the vector tiles are served from (default: the page's). */
  origin: string;
  /** The `font-faces` of the style: local files covering every label's characters. */
  fontFaces: FontFacesSpecification;
  /** `dark` for the big screen (default `light`). */
  theme?: 'light' | 'dark';
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
}: BasemapStyleOptions): StyleSpecification {
  const c = theme === 'dark' ? BASEMAP_COLOURS_DARK : BASEMAP_COLOURS;
  return {
    version: 8,
    name: '片区一张图 basemap',
    'font-faces': fontFaces,
    sources: {
      [SOURCES.basemap]: { type: 'geojson', data: EMPTY },
      [SOURCES.zone]: { type: 'geojson', data: EMPTY },
      [SOURCES.areaLabels]: { type: 'geojson', data: EMPTY },
      [SOURCES.areaTiles]: {
        type: 'vector',
        tiles: [origin + routeTemplate(tileRoutes.composite)],
        minzoom: AREA_TILE_ZOOMS.min,
        maxzoom: AREA_TILE_ZOOMS.max,
      },
    },
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
      {
        id: 'area-label',
        type: 'symbol',
        source: SOURCES.areaLabels,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [FONT_BOLD],
          'text-size': [
            'case',
            ['get', 'selected'],
            15,
            ['get', 'context'],
            11.5,
            ['match', ['get', 'level'], 'pianqu', 13.5, 'shequ', 12.5, 11.5],
          ],
          'text-padding': 2,
          'text-allow-overlap': false,
          'symbol-sort-key': ['case', ['get', 'selected'], 0, ['get', 'context'], 2, 1],
        },
        paint: {
          'text-color': ['case', ['get', 'context'], c.contextLabel, c.areaLabel],
          'text-halo-color': c.halo,
          'text-halo-width': 1.8,
          'text-halo-blur': 0.3,
        },
      },
    ],
  };
}
