/**
 * The tile sets' descriptions for GIS clients: the catalog, each level's TileJSON 3.0.0 and the
 * MBTiles-style metadata.json GDAL reads beside a folder of tiles. Everything a client needs to
 * find (URL, fields, extent, zooms) comes from the route objects and the database, so another
 * district's data set describes itself.
 */
import type { FastifyRequest } from 'fastify';
import {
  AREA_TILE_ZOOMS,
  MAP_LEVELS,
  MAP_THEMES,
  publishedStyleName,
  routePath,
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

/** The fields of every area tile layer (`AreaTileProperties`), as TileJSON types them. */
const AREA_FIELDS = {
  code: 'String',
  name: 'String',
  parent_code: 'String',
} as const;

/** The server as the caller reached it (its host, and the proxy's scheme when trusted). */
export const origin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

const describe = (layer: MapLevel, zoneName: string | null) =>
  `${LEVEL_NAMES[layer]} boundaries${zoneName ? ` of ${zoneName}` : ''}: code, name, parent_code`;

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
    tiles: Object.fromEntries(
      MAP_LEVELS.map((layer) => [
        layer,
        {
          content_type: 'application/vnd.mapbox-vector-tile',
          name: LEVEL_NAMES[layer],
          description: describe(layer, null),
          tilejson: base + routeTemplate(tileRoutes.tileJson, { layer }),
        },
      ]),
    ),
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

export function tileJson(request: FastifyRequest, layer: MapLevel, row: TileSetRow): TileJson {
  const b = bounds(row);
  return {
    tilejson: '3.0.0',
    name: LEVEL_NAMES[layer],
    description: describe(layer, row.zone_name),
    attribution: attribution(row),
    scheme: 'xyz',
    tiles: [origin(request) + routeTemplate(tileRoutes.areas, { layer })],
    vector_layers: [
      {
        id: layer,
        description: describe(layer, row.zone_name),
        fields: { ...AREA_FIELDS },
        minzoom: AREA_TILE_ZOOMS.min,
        maxzoom: AREA_TILE_ZOOMS.max,
      },
    ],
    bounds: b,
    center: center(b),
    minzoom: AREA_TILE_ZOOMS.min,
    maxzoom: AREA_TILE_ZOOMS.max,
  };
}

export function tileMetadata(layer: MapLevel, row: TileSetRow): TileMetadata {
  const b = bounds(row);
  return {
    name: LEVEL_NAMES[layer],
    description: describe(layer, row.zone_name),
    attribution: attribution(row),
    format: 'pbf',
    type: 'overlay',
    version: '1',
    bounds: b.join(','),
    center: center(b).join(','),
    minzoom: String(AREA_TILE_ZOOMS.min),
    maxzoom: String(AREA_TILE_ZOOMS.max),
    json: JSON.stringify({
      vector_layers: [
        {
          id: layer,
          description: describe(layer, row.zone_name),
          fields: AREA_FIELDS,
          minzoom: AREA_TILE_ZOOMS.min,
          maxzoom: AREA_TILE_ZOOMS.max,
        },
      ],
    }),
  };
}
