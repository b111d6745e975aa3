import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { AREA_LEVELS, MAP_LEVELS } from './vocabulary.ts';
import { AREA_CODE } from './patterns.ts';
import { PROBLEM_CODES, ProblemParamsSchema } from './problems.ts';

/**
 * A string from one of the vocabulary's lists, typed as their union. Written as `enum` rather
 * than a union of literals, so a bad value gets one error naming the allowed values.
 */
export const literalUnion = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

export const AreaLevelSchema = literalUnion(AREA_LEVELS, 'Area level');
export const MapLevelSchema = literalUnion(MAP_LEVELS, 'Level drawn as polygons');

/** An area code of any level: letters, digits, `_` and `-`, as the data set writes them. */
export const AreaCodeSchema = Type.String({ pattern: `^${AREA_CODE}$` });

/** A 镇街's code: a row of the data set's streets (`GET /api/dataset`), not a fixed list. */
export const StreetCodeSchema = Type.String({
  description: '镇街 code (GET /api/dataset streets)',
});

/** An area's shape in GeoJSON, its coordinates left to the map (not checked here). */
export const PolygonGeometrySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Any()),
  },
  { additionalProperties: false },
);

/** An area's shape when a route answers MultiPolygons only (RFC 7946: one type per layer). */
export const MultiPolygonGeometrySchema = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Any()) },
  { additionalProperties: false },
);

/** A GeoJSON Point, [lon, lat]. */
export const PointGeometrySchema = Type.Object(
  { type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) },
  { additionalProperties: false },
);

/** A GeoJSON LineString, [[lon, lat], …]. */
export const LineStringGeometrySchema = Type.Object(
  {
    type: Type.Literal('LineString'),
    coordinates: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
  },
  { additionalProperties: false },
);

/** A GeoJSON Polygon: rings of [lon, lat], the exterior first and counter-clockwise. */
export const PolygonOnlyGeometrySchema = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]))),
  },
  { additionalProperties: false },
);

/**
 * A GeoJSON FeatureCollection whose every feature holds these fields beside `type`. `members`
 * are the collection's foreign members (RFC 7946 §6.1): figures about the whole answer, such as
 * a grid's cell size, that GIS tools ignore and the app reads.
 */
export const featureCollectionSchema = <
  F extends TProperties,
  M extends TProperties = Record<never, never>,
>(
  feature: F,
  members: M = {} as M,
) =>
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      ...members,
      features: Type.Array(
        Type.Object({ type: Type.Literal('Feature'), ...feature }, { additionalProperties: false }),
      ),
    },
    { additionalProperties: false },
  );

/** Every error the API returns: a machine-readable code and a message naming the problem. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'Short name of the HTTP status' }),
    message: Type.String({ description: 'What was wrong, in words a user can act on' }),
    code: Type.Optional(
      literalUnion(
        PROBLEM_CODES,
        'Stable name of the problem, for clients to say in their language',
      ),
    ),
    params: Type.Optional(ProblemParamsSchema),
  },
  { additionalProperties: false },
);
export type ApiError = Static<typeof ErrorSchema>;

/** Error responses shared by every route. */
export const errorResponses = {
  400: ErrorSchema,
  404: ErrorSchema,
  503: ErrorSchema,
};
