import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tileRoutes } from '../contract/index.ts';
import { routeOptions } from '../http/route.ts';
import { tilesRepository } from './repository.ts';
import { sendPackedTile } from './cache.ts';
import { canonicalTileAddress, tileProblem } from './tile.ts';

/** `GET /tiles/:layer/:z/:x/:y.mvt`: Mapbox Vector Tiles of the area levels. */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tilesRepository(app.db);
  app.route({
    ...routeOptions(app, tileRoutes.areas),
    preValidation: canonicalTileAddress,
    handler: async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const problem = tileProblem(z, x, y);
      if (problem) throw app.httpErrors.badRequest(problem);
      const tile = await app.tileCache.get('areas', `${layer}/${z}/${x}/${y}`, () =>
        repo.areaTile(layer, z, x, y),
      );
      return sendPackedTile(request, reply, tile);
    },
  });
};
