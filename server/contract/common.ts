import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { AREA_LEVELS, MAP_LEVELS } from './vocabulary.ts';
import { AREA_CODE } from './patterns.ts';

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

/** A GeoJSON FeatureCollection whose every feature holds these fields beside `type`. */
export const featureCollectionSchema = <F extends TProperties>(feature: F) =>
  Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
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
