import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tourismRoutes as routes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { DEFAULT_PEAK_THRESHOLD, tourismRepository } from './repository.ts';
import { localTimeProblem } from '../../lib/dates.ts';

/** Tourist pressure and 平急转换 (peak mode). */
export const tourismRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tourismRepository(app.db);

  app.route({
    ...routeOptions(app, routes.grid),
    handler: async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return repo.grid();
    },
  });

  app.route({
    ...routeOptions(app, routes.pressure),
    handler: async (request) => repo.pressure(request.query.month, request.query.hour),
  });

  app.route({
    ...routeOptions(app, routes.peak),
    handler: async (request) => {
      const problem = localTimeProblem('at', request.query.at);
      if (problem) throw app.httpErrors.badRequest(problem);
      // Staff on duty per 小区 is what /api/staff/duty scopes: the same rule, 小区 by 小区.
      const shown = await areaScope(app.db, detailScope(request.principal)).coverage();
      return repo.peak(request.query.at, request.query.threshold ?? DEFAULT_PEAK_THRESHOLD, shown);
    },
  });
};
