import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TileParamsSchema } from '../contract/index.ts';
import { tilesRepository } from './repository.ts';

/** `GET /tiles/:layer/:z/:x/:y.mvt`: Mapbox Vector Tiles of the area levels. */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tilesRepository(app.db);
  app.get(
    '/:layer/:z/:x/:y.mvt',
    { config: { access: 'public' }, schema: { params: TileParamsSchema } },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const size = 2 ** z;
      if (x >= size || y >= size) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `tile ${z}/${x}/${y} does not exist: at zoom ${z} x and y run from 0 to ${size - 1}`,
        });
      }
      const tile = await repo.areaTile(layer, z, x, y);
      return reply
        .header('content-type', 'application/vnd.mapbox-vector-tile')
        .header('cache-control', 'public, max-age=300')
        .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  );
};
