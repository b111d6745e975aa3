import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { areaRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { areasRepository } from './repository.ts';
import { unknownArea } from '../../http/problem.ts';

/** The area tree's routes (`areaRoutes` in the contract). */
export const areasRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = areasRepository(app.db);

  app.route({
    ...routeOptions(app, areaRoutes.list),
    handler: async (request) => {
      const { level, parent, zoom } = request.query;
      if (parent !== undefined && !(await repo.exists(parent))) {
        throw unknownArea(parent);
      }
      return repo.list(level, parent, zoom);
    },
  });

  app.route({
    ...routeOptions(app, areaRoutes.detail),
    handler: async (request) => {
      const detail = await repo.detail(request.params.code);
      if (!detail) throw unknownArea(request.params.code);
      return detail;
    },
  });
};
