import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { siteRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { sitesRepository } from './repository.ts';
import { areasRepository } from '../areas/repository.ts';
import { unknownArea } from '../../http/problem.ts';

/** `GET /api/sites` and `GET /api/sites/coverage`: 邻里之家 and who lives beyond a walk. */
export const sitesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = sitesRepository(app.db);

  app.route({ ...routeOptions(app, siteRoutes.list), handler: async () => repo.list() });

  app.route({
    ...routeOptions(app, siteRoutes.coverage),
    handler: async (request) => {
      const { distance, area } = request.query;
      if (area && !(await areasRepository(app.db).exists(area))) {
        throw unknownArea(area);
      }
      return repo.coverage(distance, area);
    },
  });
};
