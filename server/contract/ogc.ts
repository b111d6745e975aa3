/**
 * OGC API – Features, Part 1 (Core, GeoJSON): the zone's layers for GIS tools (QGIS, ArcGIS
 * Pro, GDAL's OAPIF driver) that speak the standard rather than this API.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema, errorResponses } from './common.ts';
import { aggregates, defineRoute, type RouteScope } from './route.ts';

/** Items per page when `limit` is left out, and the most one page holds. */
export const OGC_DEFAULT_LIMIT = 100;
export const OGC_MAX_LIMIT = 1000;

/** The conformance classes the routes below implement. */
export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export const OgcLinkSchema = Type.Object(
  {
    href: Type.String(),
    rel: Type.String(),
    type: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type OgcLink = Static<typeof OgcLinkSchema>;
const Links = Type.Array(OgcLinkSchema);

export const OgcLandingSchema = Type.Object(
  { title: Type.String(), description: Type.String(), links: Links },
  { additionalProperties: false },
);

export const OgcConformanceSchema = Type.Object(
  { conformsTo: Type.Array(Type.String()) },
  { additionalProperties: false },
);

export const OgcCollectionSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    itemType: Type.Literal('feature'),
    crs: Type.Array(Type.String()),
    extent: Type.Object(
      {
        spatial: Type.Object(
          {
            /** [[west, south, east, north]] in degrees, WGS 84. */
            bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
            crs: Type.String(),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    links: Links,
  },
  { additionalProperties: false },
);
export type OgcCollection = Static<typeof OgcCollectionSchema>;

export const OgcCollectionsSchema = Type.Object(
  { links: Links, collections: Type.Array(OgcCollectionSchema) },
  { additionalProperties: false },
);

export const OgcFeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.String(),
    /** Polygon, MultiPolygon or Point in WGS 84; exterior rings counter-clockwise. */
    geometry: Type.Unknown(),
    /** Missing values are null; every feature of a collection has the same keys. */
    properties: Type.Record(Type.String(), Type.Unknown()),
    links: Type.Optional(Links),
  },
  { additionalProperties: false },
);
export type OgcFeature = Static<typeof OgcFeatureSchema>;

export const OgcItemsSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(OgcFeatureSchema),
    numberMatched: Type.Integer({ minimum: 0 }),
    numberReturned: Type.Integer({ minimum: 0 }),
    timeStamp: Type.String(),
    links: Links,
  },
  { additionalProperties: false },
);
export type OgcItems = Static<typeof OgcItemsSchema>;

/** `f=json`: what some clients add to ask for JSON; JSON is the only encoding served. */
const FormatSchema = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('geojson')], {
    description: 'encoding: json (the only one served)',
  }),
);
export const OgcFormatQuerySchema = Type.Object(
  { f: FormatSchema },
  { additionalProperties: false },
);

// Not the API's usual AreaCodeSchema: a collection or feature id that is not one is a 404
// naming it, as the standard asks, not a pattern quoted back.
const IdSchema = Type.String({ minLength: 1, maxLength: 100 });
export const OgcCollectionParamsSchema = Type.Object(
  { collectionId: IdSchema },
  { additionalProperties: false },
);
export const OgcFeatureParamsSchema = Type.Object(
  { collectionId: IdSchema, featureId: IdSchema },
  { additionalProperties: false },
);

export const OgcItemsQuerySchema = Type.Object(
  {
    f: FormatSchema,
    // Strings, read by the service, so that a 400 names what is wrong in words.
    bbox: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'minLon,minLat,maxLon,maxLat in degrees (WGS 84)',
      }),
    ),
    limit: Type.Optional(
      Type.String({
        maxLength: 20,
        description: `items per page, 1..${OGC_MAX_LIMIT} (default ${OGC_DEFAULT_LIMIT})`,
      }),
    ),
    offset: Type.Optional(
      Type.String({ maxLength: 20, description: 'items to skip (the next link sets it)' }),
    ),
    parent: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'areas: only the children of this area code (equality on parentCode)',
      }),
    ),
    xiaoqu: Type.Optional(
      Type.String({
        maxLength: 100,
        description: '邻里之家 and issues: only those of this 小区 code (equality on xiaoquCode)',
      }),
    ),
    datetime: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'issues: the reporting time, an RFC 3339 instant or interval start/end (.. open)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OgcItemsQuery = Static<typeof OgcItemsQuerySchema>;

const GEOJSON = ['application/geo+json'] as const;
const JSON_TYPE = ['application/json'] as const;
const notFound = { 404: ErrorSchema };

/** The staff collection's id: its routes are its own (static segments win over `:collectionId`). */
export const OGC_STAFF_COLLECTION = 'staff';

/**
 * The staff collection's detail: as `GET /api/staff` (its access and its scoping rule), posts
 * outside the caller's area are left out of a page and refused one by one.
 */
const staffScope = {
  holds: 'area-detail',
  outside: 'withheld',
  detail: 'staff posts (those outside the caller’s area left out, and the extent theirs)',
} as const satisfies RouteScope;

/**
 * The OGC API – Features routes. The collections of public layers hold no person (areas with
 * their figures, 邻里之家, issue points without personal data, as the public issue tiles
 * `GET /tiles/issues/…` carry them), so their answer is the same for every role: aggregates,
 * and, like the rest of the API, closed to anonymous callers when the open demo is off. The
 * staff posts collection has routes of its own, with the access and scope of `GET /api/staff`;
 * the list of collections names it only to a caller who may read staff posts.
 */
export const ogcRoutes = {
  /** The landing page: links to the API's parts. */
  landing: defineRoute({
    method: 'GET',
    url: '/api/ogc',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcLandingSchema, ...errorResponses },
      produces: JSON_TYPE,
    },
  }),
  /** This API's OpenAPI 3.0 document, generated from the route schemas (service-desc). */
  api: defineRoute({
    method: 'GET',
    url: '/api/ogc/api',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: OgcFormatQuerySchema,
      response: {
        200: Type.Record(Type.String(), Type.Unknown(), { description: 'OpenAPI 3.0 document' }),
        ...errorResponses,
      },
      produces: ['application/vnd.oai.openapi+json;version=3.0'],
    },
  }),
  /** The conformance classes implemented. */
  conformance: defineRoute({
    method: 'GET',
    url: '/api/ogc/conformance',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcConformanceSchema, ...errorResponses },
      produces: JSON_TYPE,
    },
  }),
  /**
   * Every collection the caller may read, with its extent and links: the staff posts only for
   * an official (extent of their area's posts), a planner or an admin.
   */
  collections: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections',
    access: 'public',
    scope: staffScope,
    schema: {
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcCollectionsSchema, ...errorResponses },
      produces: JSON_TYPE,
    },
  }),
  /** One collection. */
  collection: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/:collectionId',
    access: 'public',
    scope: aggregates,
    schema: {
      params: OgcCollectionParamsSchema,
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcCollectionSchema, ...errorResponses, ...notFound },
      produces: JSON_TYPE,
    },
  }),
  /** A page of a collection's features, optionally inside a bbox. */
  items: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/:collectionId/items',
    access: 'public',
    scope: aggregates,
    schema: {
      params: OgcCollectionParamsSchema,
      querystring: OgcItemsQuerySchema,
      response: { 200: OgcItemsSchema, ...errorResponses },
      produces: GEOJSON,
    },
  }),
  /** One feature. */
  item: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/:collectionId/items/:featureId',
    access: 'public',
    scope: aggregates,
    schema: {
      params: OgcFeatureParamsSchema,
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcFeatureSchema, ...errorResponses },
      produces: GEOJSON,
    },
  }),
  /** The staff posts collection, for officials (their area's posts), planners and admins. */
  staffCollection: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/staff',
    access: 'official',
    scope: staffScope,
    schema: {
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcCollectionSchema, ...errorResponses },
      produces: JSON_TYPE,
    },
  }),
  /**
   * A page of staff posts (the 小区 label point each is posted to; code, department, 小区 and
   * duty schedule, as the staff overlay shows them, never a name): an official's page holds
   * their area's posts only.
   */
  staffItems: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/staff/items',
    access: 'official',
    scope: staffScope,
    schema: {
      querystring: OgcItemsQuerySchema,
      response: { 200: OgcItemsSchema, ...errorResponses },
      produces: GEOJSON,
    },
  }),
  /** One staff post; outside an official's area 403, as `GET /api/staff` answers there. */
  staffItem: defineRoute({
    method: 'GET',
    url: '/api/ogc/collections/staff/items/:featureId',
    access: 'official',
    scope: { holds: 'area-detail', outside: 'refused', detail: 'the staff post' },
    schema: {
      params: Type.Object({ featureId: IdSchema }, { additionalProperties: false }),
      querystring: OgcFormatQuerySchema,
      response: { 200: OgcFeatureSchema, ...errorResponses },
      produces: GEOJSON,
    },
  }),
};
