/**
 * The tile sets' descriptions for GIS clients: the catalog, each level's TileJSON 3.0.0 and the
 * MBTiles-style metadata.json GDAL reads beside a folder of tiles. Everything a client needs to
 * find (URL, fields, extent, zooms) comes from the route objects and the database, so another
 * district's data set describes itself.
 */
import type { FastifyRequest } from 'fastify';
import {
  AREA_TILE_FIGURES,
  AREA_TILE_SET,
  AREA_TILE_ZOOMS,
  FIGURE_DEFINITIONS,
  MAP_LEVELS,
  MAP_THEMES,
  publishedStyleName,
  routePath,
  tileFigureField,
  routeTemplate,
  styleRoutes,
  tileRoutes,
  type MapLevel,
  type TileCatalog,
  type TileJson,
  type TileMetadata,
} from '../contract/index.ts';
import type { TileSetRow } from './repository.ts';

/** The level's name, as the glossary writes it. */
const LEVEL_NAMES: Record<MapLevel, string> = {
  pianqu: '片区 (pianqu)',
  shequ: '社区 (shequ)',
  xiaoqu: '小区 (xiaoqu)',
};

/** The composite set's name. */
const AREAS_NAME = '片区 · 社区 · 小区 (areas)';

/**
 * The fields of every area tile layer (`AreaTileProperties`), as TileJSON types them: the type
 * names Martin writes and GDAL's MVT driver reads to type its columns (a figure is a Number).
 */
export const AREA_FIELDS: Record<string, 'String' | 'Number'> = {
  code: 'String',
  name: 'String',
  parent_code: 'String',
  ...Object.fromEntries(AREA_TILE_FIGURES.map((key) => [tileFigureField(key), 'Number'])),
};

/** What each figure field holds, in the words of its single definition. */
const FIGURE_WORDS = AREA_TILE_FIGURES.map((key) => {
  const def = FIGURE_DEFINITIONS.find((d) => d.key === key)!;
  return `${tileFigureField(key)} = ${def.en} (${def.zh}, figure ${key}): ${def.meaning}`;
}).join('; ');

/** The server as the caller reached it (its host, and the proxy's scheme when trusted). */
export const origin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

const FIELD_NAMES = `code, name, parent_code and the figures of the area from the figures engine, all time and unfiltered (${FIGURE_WORDS})`;

const describe = (layer: MapLevel, zoneName: string | null) =>
  `${LEVEL_NAMES[layer]} boundaries${zoneName ? ` of ${zoneName}` : ''}: ${FIELD_NAMES}`;

const describeAreas = (zoneName: string | null) =>
  `The area levels${zoneName ? ` of ${zoneName}` : ''} in one tile, a layer each (${MAP_LEVELS.join(', ')}): ${FIELD_NAMES}`;

/** A tile set's vector layers: one per level, each with the area fields. */
const vectorLayers = (layers: readonly MapLevel[], zoneName: string | null) =>
  layers.map((layer) => ({
    id: layer,
    description: describe(layer, zoneName),
    fields: { ...AREA_FIELDS },
    minzoom: AREA_TILE_ZOOMS.min,
    maxzoom: AREA_TILE_ZOOMS.max,
  }));

/**
 * A tile set of the area tiles: one level (`layer`) or the composite set of all levels
 * (`AREA_TILE_SET`), with its name, words, layers and tile URL.
 */
export type AreaTileSet = MapLevel | typeof AREA_TILE_SET;

/** The levels a tile set's tiles hold. */
export const setLevels = (set: AreaTileSet): readonly MapLevel[] =>
  set === AREA_TILE_SET ? MAP_LEVELS : [set];

const setName = (set: AreaTileSet) => (set === AREA_TILE_SET ? AREAS_NAME : LEVEL_NAMES[set]);
const setWords = (set: AreaTileSet, zoneName: string | null) =>
  set === AREA_TILE_SET ? describeAreas(zoneName) : describe(set, zoneName);
const tileUrl = (set: AreaTileSet) =>
  set === AREA_TILE_SET
    ? routeTemplate(tileRoutes.composite, {})
    : routeTemplate(tileRoutes.areas, { layer: set });

/**
 * Who the data is from: the demo says it is illustrative (示意数据), so no map made from it is
 * taken for the real boundaries; an imported data set names its source.
 */
const attribution = (row: TileSetRow): string =>
  row.source === 'demo'
    ? '示意数据 (illustrative data), 片区一张图'
    : `${row.source ?? '片区一张图'} · 片区一张图`;

/** The level's extent, or the whole Web Mercator world when it has no areas yet. */
export function bounds(row: TileSetRow): [number, number, number, number] {
  if (row.west === null || row.south === null || row.east === null || row.north === null) {
    return [-180, -85.0511, 180, 85.0511];
  }
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return [r(row.west), r(row.south), r(row.east), r(row.north)];
}

/** The middle of the bounds, at the first zoom the tiles are made for. */
export function center(b: [number, number, number, number]): [number, number, number] {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return [r((b[0] + b[2]) / 2), r((b[1] + b[3]) / 2), AREA_TILE_ZOOMS.min + 2];
}

export function tileCatalog(request: FastifyRequest): TileCatalog {
  const base = origin(request);
  return {
    tiles: Object.fromEntries([
      ...MAP_LEVELS.map((layer) => [
        layer,
        {
          content_type: 'application/vnd.mapbox-vector-tile',
          name: LEVEL_NAMES[layer],
          description: describe(layer, null),
          tilejson: base + routeTemplate(tileRoutes.tileJson, { layer }),
        },
      ]),
      [
        AREA_TILE_SET,
        {
          content_type: 'application/vnd.mapbox-vector-tile',
          name: AREAS_NAME,
          description: describeAreas(null),
          tilejson: base + routeTemplate(tileRoutes.compositeTileJson, {}),
        },
      ],
    ]),
    styles: Object.fromEntries(
      MAP_THEMES.map((theme) => [
        theme,
        {
          name: publishedStyleName(theme),
          url: base + routePath(styleRoutes.style.url, { theme }),
        },
      ]),
    ),
  };
}

export function tileJson(request: FastifyRequest, set: AreaTileSet, row: TileSetRow): TileJson {
  const b = bounds(row);
  return {
    tilejson: '3.0.0',
    name: setName(set),
    description: setWords(set, row.zone_name),
    attribution: attribution(row),
    scheme: 'xyz',
    tiles: [origin(request) + tileUrl(set)],
    vector_layers: vectorLayers(setLevels(set), row.zone_name),
    bounds: b,
    center: center(b),
    minzoom: AREA_TILE_ZOOMS.min,
    maxzoom: AREA_TILE_ZOOMS.max,
  };
}

export function tileMetadata(set: AreaTileSet, row: TileSetRow): TileMetadata {
  const b = bounds(row);
  return {
    name: setName(set),
    description: setWords(set, row.zone_name),
    attribution: attribution(row),
    format: 'pbf',
    type: 'overlay',
    version: '1',
    bounds: b.join(','),
    center: center(b).join(','),
    minzoom: String(AREA_TILE_ZOOMS.min),
    maxzoom: String(AREA_TILE_ZOOMS.max),
    json: JSON.stringify({ vector_layers: vectorLayers(setLevels(set), row.zone_name) }),
  };
}
