import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { basemapRoutes as routes, type OnlineBasemap } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { basemapRepository } from './repository.ts';

/** Options of {@link basemapRoutes}. */
export interface BasemapRoutesOptions {
  /** The online basemaps set up (online.ts); none by default. */
  online?: readonly OnlineBasemap[];
}

/**
 * `GET /api/basemap`: the offline basemap (land, main roads, landmarks) as GeoJSON;
 * `GET /api/basemap/online`: the online basemaps set up on this server.
 */
export const basemapRoutes: FastifyPluginAsyncTypebox<BasemapRoutesOptions> = async (
  app,
  { online = [] },
) => {
  const repo = basemapRepository(app.db);
  app.route({
    ...routeOptions(app, routes.basemap),
    handler: async (_request, reply) => {
      // The basemap only changes with the data set; let browsers keep it for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return repo.features();
    },
  });
  app.route({
    ...routeOptions(app, routes.online),
    handler: async () => ({ basemaps: [...online] }),
  });
};
