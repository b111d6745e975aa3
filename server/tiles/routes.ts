import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tileRoutes, type TileParams } from '../contract/index.ts';
import { routeOptions } from '../http/route.ts';
import { tilesRepository } from './repository.ts';
import { sendPackedTile } from './cache.ts';
import { canonicalTileAddress, tileProblem } from './tile.ts';
import { tileCatalog, tileJson, tileMetadata } from './tile-sets.ts';

/**
 * The area levels' Mapbox Vector Tiles (`.mvt`, and `.pbf` for tile-folder readers such as
 * GDAL), and the descriptions GIS clients start from: the catalog, TileJSON, metadata.json.
 */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tilesRepository(app.db);
  const serveTile = async (
    request: FastifyRequest<{ Params: TileParams }>,
    reply: FastifyReply,
  ) => {
    const { layer, z, x, y } = request.params;
    const problem = tileProblem(z, x, y);
    if (problem) throw app.httpErrors.badRequest(problem);
    const tile = await app.tileCache.get('areas', `${layer}/${z}/${x}/${y}`, () =>
      repo.areaTile(layer, z, x, y),
    );
    return sendPackedTile(request, reply, tile);
  };
  for (const route of [tileRoutes.areas, tileRoutes.areasPbf]) {
    app.route({
      ...routeOptions(app, route),
      preValidation: canonicalTileAddress,
      handler: serveTile,
    });
  }
  app.route({
    ...routeOptions(app, tileRoutes.catalog),
    handler: (request) => tileCatalog(request),
  });
  app.route({
    ...routeOptions(app, tileRoutes.tileJson),
    handler: async (request) =>
      tileJson(request, request.params.layer, await repo.tileSet(request.params.layer)),
  });
  app.route({
    ...routeOptions(app, tileRoutes.metadata),
    handler: async (request) =>
      tileMetadata(request.params.layer, await repo.tileSet(request.params.layer)),
  });
};
