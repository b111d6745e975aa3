import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AREA_TILE_SET, tileRoutes, type TileParams } from '../contract/index.ts';
import { routeOptions } from '../http/route.ts';
import { tilesRepository } from './repository.ts';
import { sendPackedTile, type DataLayer } from './cache.ts';
import { canonicalTileAddress, tileProblem } from './tile.ts';
import { setLevels, tileCatalog, tileJson, tileMetadata, type AreaTileSet } from './tile-sets.ts';

/**
 * What an area tile is made from: the boundaries, and the tables its figures read (issues for
 * the open issues, sites for 邻里之家, worker posts for the workers). A write to any of them
 * moves the tile's cache key, so no tile is served with a figure older than the data.
 */
export const AREA_TILE_LAYERS: readonly DataLayer[] = ['areas', 'issues', 'sites', 'workers'];

/**
 * The area levels' Mapbox Vector Tiles (`.mvt`, and `.pbf` for tile-folder readers such as
 * GDAL), one level each or all three in the composite tile, and the descriptions GIS clients
 * start from: the catalog, TileJSON, metadata.json.
 */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tilesRepository(app.db);
  const serve = async (
    set: AreaTileSet,
    { z, x, y }: { z: number; x: number; y: number },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const problem = tileProblem(z, x, y);
    if (problem) throw app.httpErrors.badRequest(problem);
    const tile = await app.tileCache.get(AREA_TILE_LAYERS, `${set}/${z}/${x}/${y}`, (versions) =>
      repo.areaTiles(setLevels(set), z, x, y, versions),
    );
    return sendPackedTile(request, reply, tile);
  };
  for (const route of [tileRoutes.areas, tileRoutes.areasPbf]) {
    app.route({
      ...routeOptions(app, route),
      preValidation: canonicalTileAddress,
      handler: (request: FastifyRequest<{ Params: TileParams }>, reply) =>
        serve(request.params.layer, request.params, request, reply),
    });
  }
  for (const route of [tileRoutes.composite, tileRoutes.compositePbf]) {
    app.route({
      ...routeOptions(app, route),
      preValidation: canonicalTileAddress,
      handler: (request: FastifyRequest<{ Params: Omit<TileParams, 'layer'> }>, reply) =>
        serve(AREA_TILE_SET, request.params, request, reply),
    });
  }
  app.route({
    ...routeOptions(app, tileRoutes.catalog),
    handler: (request) => tileCatalog(request),
  });
  app.route({
    ...routeOptions(app, tileRoutes.tileJson),
    handler: async (request) =>
      tileJson(request, request.params.layer, await repo.tileSet([request.params.layer])),
  });
  app.route({
    ...routeOptions(app, tileRoutes.compositeTileJson),
    handler: async (request) =>
      tileJson(request, AREA_TILE_SET, await repo.tileSet(setLevels(AREA_TILE_SET))),
  });
  app.route({
    ...routeOptions(app, tileRoutes.metadata),
    handler: async (request) =>
      tileMetadata(request.params.layer, await repo.tileSet([request.params.layer])),
  });
  app.route({
    ...routeOptions(app, tileRoutes.compositeMetadata),
    handler: async () => tileMetadata(AREA_TILE_SET, await repo.tileSet(setLevels(AREA_TILE_SET))),
  });
};
