import { Type, type Static } from '@sinclair/typebox';

/** `GET /api/basemap`: land, main roads and landmarks for the offline basemap. */
export const BasemapSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal('Feature'),
          properties: Type.Object(
            {
              layer: Type.Union([
                Type.Literal('land'),
                Type.Literal('road'),
                Type.Literal('landmark'),
              ]),
              name: Type.Union([Type.String(), Type.Null()]),
              class: Type.Union([Type.String(), Type.Null()]),
            },
            { additionalProperties: false },
          ),
          geometry: Type.Object(
            { type: Type.String(), coordinates: Type.Array(Type.Any()) },
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Basemap = Static<typeof BasemapSchema>;
