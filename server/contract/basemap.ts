import { Type, type Static } from '@sinclair/typebox';
import { errorResponses, featureCollectionSchema } from './common.ts';
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

/** The offline basemap. */
export const basemapRoutes = {
  /** Land, main roads and landmarks as GeoJSON; kept by browsers for an hour. */
  basemap: defineRoute({
    method: 'GET',
    url: '/api/basemap',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: BasemapSchema, ...errorResponses } },
  }),
};
