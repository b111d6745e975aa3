import { Type, type Static } from '@sinclair/typebox';
import {
  AreaCodeSchema,
  AreaLevelSchema,
  MapLevelSchema,
  MultiPolygonGeometrySchema,
  StreetCodeSchema,
  errorResponses,
  featureCollectionSchema,
} from './common.ts';
import { aggregates, defineRoute } from './route.ts';
import { VocabKeySchema } from './vocabulary.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

/** `GET /api/areas`: the areas of one level, optionally only the children of one parent. */
export const AreasQuerySchema = Type.Object(
  {
    level: MapLevelSchema,
    parent: Type.Optional(AreaCodeSchema),
    zoom: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 24,
        description: 'Map zoom the geometry is for; simplified to half a pixel there',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AreasQuery = Static<typeof AreasQuerySchema>;

export const AreaPropertiesSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: AreaLevelSchema,
    parentCode: Nullable(Type.String()),
    street: Type.Union([StreetCodeSchema, Type.Null()]),
    compoundType: Type.Union([VocabKeySchema, Type.Null()]),
    households: Count,
    population: Count,
    /** A point inside the polygon where its label goes, [lon, lat]. */
    labelPoint: Type.Tuple([Type.Number(), Type.Number()]),
    /** Issues reported in the area that are not yet resolved. */
    unresolvedIssues: Count,
  },
  { additionalProperties: false },
);
export type AreaProperties = Static<typeof AreaPropertiesSchema>;

export const AreaCollectionSchema = featureCollectionSchema({
  id: Type.String(),
  properties: AreaPropertiesSchema,
  geometry: MultiPolygonGeometrySchema,
});
export type AreaCollection = Static<typeof AreaCollectionSchema>;

export const AreaParamsSchema = Type.Object(
  { code: AreaCodeSchema },
  { additionalProperties: false },
);
export type AreaParams = Static<typeof AreaParamsSchema>;

const AreaRefSchema = Type.Object(
  { code: Type.String(), name: Type.String(), level: AreaLevelSchema },
  { additionalProperties: false },
);
export type AreaRef = Static<typeof AreaRefSchema>;

/**
 * `GET /api/areas/:code`: who the area is (chain, children, bbox). Its figures come from
 * `GET /api/figures` (contract/figures.ts), the one engine every figure on screen reads.
 */
export const AreaDetailSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: AreaLevelSchema,
    street: Type.Union([StreetCodeSchema, Type.Null()]),
    compoundType: Type.Union([VocabKeySchema, Type.Null()]),
    /** [west, south, east, north] in degrees. */
    bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    /** Ancestors from the zone down to the parent. */
    chain: Type.Array(AreaRefSchema),
    children: Type.Array(AreaRefSchema),
  },
  { additionalProperties: false },
);
export type AreaDetail = Static<typeof AreaDetailSchema>;

/** The routes of the area tree. */
export const areaRoutes = {
  /** The areas of one level, optionally only the children of one parent. */
  list: defineRoute({
    method: 'GET',
    url: '/api/areas',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: AreasQuerySchema,
      response: { 200: AreaCollectionSchema, ...errorResponses },
    },
  }),
  /** One area: its chain of parents and its children. */
  detail: defineRoute({
    method: 'GET',
    url: '/api/areas/:code',
    access: 'public',
    scope: aggregates,
    schema: {
      params: AreaParamsSchema,
      response: { 200: AreaDetailSchema, ...errorResponses },
    },
  }),
};
