import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { placeSearchRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { searchRepository } from './repository.ts';

/** Results when the caller gives no limit. */
const DEFAULT_LIMIT = 10;

/** Name search's route (`placeSearchRoutes` in the contract). */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = searchRepository(app.db);

  app.route({
    ...routeOptions(app, placeSearchRoutes.search),
    handler: async (request) => {
      const q = request.query.q.trim();
      if (q === '') throw app.httpErrors.badRequest('q is empty: type part of a name');
      return { q, results: await repo.search(q, request.query.limit ?? DEFAULT_LIMIT) };
    },
  });
};
