import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, featureCollectionSchema, literalUnion } from './common.ts';
import { aggregates, defineRoute } from './route.ts';

/** `GET /api/basemap`: land, main roads and landmarks for the offline basemap. */
export const BasemapSchema = featureCollectionSchema({
  properties: Type.Object(
    {
      layer: Type.Union([Type.Literal('land'), Type.Literal('road'), Type.Literal('landmark')]),
      name: Type.Union([Type.String(), Type.Null()]),
      class: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  geometry: Type.Object(
    { type: Type.String(), coordinates: Type.Array(Type.Any()) },
    { additionalProperties: false },
  ),
});
export type Basemap = Static<typeof BasemapSchema>;

/** Kinds of online basemap: 天地图's vector and image maps, or any XYZ/WMTS tile server. */
export const ONLINE_BASEMAP_KINDS = ['tianditu-vec', 'tianditu-img', 'xyz'] as const;
export type OnlineBasemapKind = (typeof ONLINE_BASEMAP_KINDS)[number];

/**
 * An online basemap the server's admin has set up (none by default: the offline basemap is the
 * default and needs nothing from outside). Raster tiles in Web Mercator, drawn under the areas
 * in place of the offline land, roads and landmarks.
 */
export const OnlineBasemapSchema = Type.Object(
  {
    /** Its id in the `basemap=` address parameter: its kind. */
    id: literalUnion(ONLINE_BASEMAP_KINDS),
    /** The admin's name for an XYZ/WMTS server; null: the client names the kind itself. */
    name: Type.Union([Type.String(), Type.Null()]),
    /** Tile layers bottom up (天地图: the map, then its annotation), `{z}/{x}/{y}` templates. */
    layers: Type.Array(
      Type.Object(
        {
          tiles: Type.Array(Type.String(), { minItems: 1 }),
          tileSize: Type.Integer({ minimum: 64, maximum: 1024 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /** Shown on the map while it is drawn, as the provider's terms ask. */
    attribution: Type.String(),
    maxzoom: Type.Integer({ minimum: 0, maximum: 24 }),
  },
  { additionalProperties: false },
);
export type OnlineBasemap = Static<typeof OnlineBasemapSchema>;

export const OnlineBasemapsSchema = Type.Object(
  { basemaps: Type.Array(OnlineBasemapSchema) },
  { additionalProperties: false },
);
export type OnlineBasemaps = Static<typeof OnlineBasemapsSchema>;

/** The offline basemap, and the online ones the admin has set up. */
export const basemapRoutes = {
  /** Land, main roads and landmarks as GeoJSON; kept by browsers for an hour. */
  basemap: defineRoute({
    method: 'GET',
    url: '/api/basemap',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: BasemapSchema, ...errorResponses } },
  }),
  /**
   * The online basemaps set up on this server (TIANDITU_KEY, BASEMAP_URL); an empty list by
   * default. The page's Content-Security-Policy admits their hosts, and only theirs.
   */
  online: defineRoute({
    method: 'GET',
    url: '/api/basemap/online',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: OnlineBasemapsSchema, ...errorResponses } },
  }),
};
