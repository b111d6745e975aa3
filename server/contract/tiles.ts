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

/** Attributes of every feature in an area tile layer (named like the level). */
export interface AreaTileProperties {
  code: string;
  name: string;
  parent_code: string;
}

/** The area levels' vector tiles (the issue tiles are the issues overlay's). */
export const tileRoutes = {
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
};
