import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { basemapRoutes as routes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { basemapRepository } from './repository.ts';

/** `GET /api/basemap`: the offline basemap (land, main roads, landmarks) as GeoJSON. */
export const basemapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = basemapRepository(app.db);
  app.route({
    ...routeOptions(app, routes.basemap),
    handler: async (_request, reply) => {
      // The basemap only changes with the data set; let browsers keep it for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return repo.features();
    },
  });
};
