import { Type, type Static } from '@sinclair/typebox';
import { MapLevelSchema, errorResponses } from './common.ts';
import { aggregates, defineRoute } from './route.ts';

const tileAddress = {
  z: Type.Integer({ minimum: 0, maximum: 22 }),
  x: Type.Integer({ minimum: 0, maximum: 2 ** 22 - 1 }),
  y: Type.Integer({ minimum: 0, maximum: 2 ** 22 - 1 }),
};

/** A tile address `z/x/y`; x and y are checked against z in the handler. */
export const TileAddressSchema = Type.Object(tileAddress, { additionalProperties: false });

/** `GET /tiles/:layer/:z/:x/:y.mvt`. */
export const TileParamsSchema = Type.Object(
  { layer: MapLevelSchema, ...tileAddress },
  { additionalProperties: false },
);
export type TileParams = Static<typeof TileParamsSchema>;

/**
 * The figures every area tile feature carries, for a choropleth: keys of the figures engine
 * (`FIGURE_DEFINITIONS`), read for all time and unfiltered, as `/api/figures` gives them.
 * Counts only: ST_AsMVT writes them from a jsonb column, whose integers it encodes exactly.
 */
export const AREA_TILE_FIGURES = [
  'population',
  'households',
  'issues.unresolved',
  'sites',
  'workers',
] as const;
export type AreaTileFigure = (typeof AREA_TILE_FIGURES)[number];

/**
 * A figure's name as a tile property: its key's parts in camelCase (`issues.unresolved` →
 * `issuesUnresolved`), the names the OGC API's area features use too.
 */
export function tileFigureField(key: string): string {
  return key
    .split('.')
    .map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/** Attributes of every feature in an area tile layer (named like the level). */
export interface AreaTileProperties {
  code: string;
  name: string;
  parent_code: string;
  population: number;
  households: number;
  issuesUnresolved: number;
  sites: number;
  workers: number;
}

/** The composite tile set's name: every area level, one layer each (named like the level). */
export const AREA_TILE_SET = 'areas';

/**
 * The zooms the area tiles are made for: below 8 a 片区 is a few pixels; above 16 the client
 * over-zooms the 16 tile, which holds the full-detail shapes.
 */
export const AREA_TILE_ZOOMS = { min: 8, max: 16 } as const;

/** A field of a vector layer as TileJSON names its type. */
const VectorFieldsSchema = Type.Record(Type.String(), Type.String());

/** One layer of a tile set, as TileJSON 3.0.0 `vector_layers` lists it. */
export const VectorLayerSchema = Type.Object({
  id: Type.String(),
  description: Type.String(),
  fields: VectorFieldsSchema,
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
});

/** `GET /tiles/:layer.json`: a TileJSON 3.0.0 document of one area level's tiles. */
export const TileJsonSchema = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  description: Type.String(),
  attribution: Type.String(),
  scheme: Type.Literal('xyz'),
  tiles: Type.Array(Type.String()),
  vector_layers: Type.Array(VectorLayerSchema),
  /** [west, south, east, north] of the level's areas in the database; the world when empty. */
  bounds: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  /** [lon, lat, zoom]: the middle of the bounds at the first zoom that shows them well. */
  center: Type.Tuple([Type.Number(), Type.Number(), Type.Number()]),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
});
export type TileJson = Static<typeof TileJsonSchema>;

/** `GET /tiles/catalog.json`: the tile sets this server offers, as Martin's catalog lists them. */
export const TileCatalogSchema = Type.Object({
  tiles: Type.Record(
    Type.String(),
    Type.Object({
      content_type: Type.String(),
      name: Type.String(),
      description: Type.String(),
      /** The set's TileJSON. */
      tilejson: Type.String(),
    }),
  ),
  /** The published MapLibre styles (Martin lists its styles here too, by file path). */
  styles: Type.Record(Type.String(), Type.Object({ name: Type.String(), url: Type.String() })),
});
export type TileCatalog = Static<typeof TileCatalogSchema>;

/**
 * `GET /tiles/:layer/metadata.json`: the MBTiles-style metadata GDAL's MVT driver reads beside
 * a folder of tiles (`MVT:/vsicurl/…/tiles/shequ/13` opens a whole zoom level): every value a
 * string, the layers as JSON text in `json`.
 */
export const TileMetadataSchema = Type.Object({
  name: Type.String(),
  description: Type.String(),
  attribution: Type.String(),
  format: Type.Literal('pbf'),
  type: Type.Literal('overlay'),
  version: Type.String(),
  bounds: Type.String(),
  center: Type.String(),
  minzoom: Type.String(),
  maxzoom: Type.String(),
  json: Type.String(),
});
export type TileMetadata = Static<typeof TileMetadataSchema>;

/** `GET /tiles/:layer.json`, `/tiles/:layer/metadata.json`. */
export const TileSetParamsSchema = Type.Object(
  { layer: MapLevelSchema },
  { additionalProperties: false },
);

/** The area levels' vector tiles (the issue tiles are the issues overlay's). */
export const tileRoutes = {
  /**
   * The composite tile: the three area levels as three layers (`pianqu`, `shequ`, `xiaoqu`),
   * each the same as the level's own tile. 204 when empty, 304 when the client's copy is
   * current.
   */
  composite: defineRoute({
    method: 'GET',
    url: '/tiles/areas/:z/:x/:y.mvt',
    access: 'public',
    scope: aggregates,
    schema: { params: TileAddressSchema, response: { ...errorResponses } },
  }),
  /** The composite tile under the `.pbf` name tile-folder readers ask for. */
  compositePbf: defineRoute({
    method: 'GET',
    url: '/tiles/areas/:z/:x/:y.pbf',
    access: 'public',
    scope: aggregates,
    schema: { params: TileAddressSchema, response: { ...errorResponses } },
  }),
  /** The composite tile set's TileJSON 3.0.0: one vector layer per level. */
  compositeTileJson: defineRoute({
    method: 'GET',
    url: '/tiles/areas.json',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: TileJsonSchema, ...errorResponses } },
  }),
  /** The composite tile set's metadata.json, for GDAL reading a zoom level as a folder. */
  compositeMetadata: defineRoute({
    method: 'GET',
    url: '/tiles/areas/metadata.json',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: TileMetadataSchema, ...errorResponses } },
  }),
  /**
   * A Mapbox Vector Tile of one level's areas: 204 when empty, 304 when the client's copy is
   * current (ETag from the data version).
   */
  areas: defineRoute({
    method: 'GET',
    url: '/tiles/:layer/:z/:x/:y.mvt',
    access: 'public',
    scope: aggregates,
    schema: { params: TileParamsSchema, response: { ...errorResponses } },
  }),
  /**
   * The same tile under the `.pbf` name that GDAL's MVT driver and other tile-folder readers
   * ask for.
   */
  areasPbf: defineRoute({
    method: 'GET',
    url: '/tiles/:layer/:z/:x/:y.pbf',
    access: 'public',
    scope: aggregates,
    schema: { params: TileParamsSchema, response: { ...errorResponses } },
  }),
  /** The tile sets, each with its TileJSON: where a GIS client starts. */
  catalog: defineRoute({
    method: 'GET',
    url: '/tiles/catalog.json',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: TileCatalogSchema, ...errorResponses } },
  }),
  /** One level's TileJSON 3.0.0: tile URL, layer fields, bounds and zooms from the database. */
  tileJson: defineRoute({
    method: 'GET',
    url: '/tiles/:layer.json',
    access: 'public',
    scope: aggregates,
    schema: { params: TileSetParamsSchema, response: { 200: TileJsonSchema, ...errorResponses } },
  }),
  /** One level's metadata.json, for GDAL's MVT driver reading a zoom level as a folder. */
  metadata: defineRoute({
    method: 'GET',
    url: '/tiles/:layer/metadata.json',
    access: 'public',
    scope: aggregates,
    schema: {
      params: TileSetParamsSchema,
      response: { 200: TileMetadataSchema, ...errorResponses },
    },
  }),
};
