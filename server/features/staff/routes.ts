import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { staffRoutes as routes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { staffRepository } from './repository.ts';
import { areasRepository } from '../areas/repository.ts';
import { localTimeProblem } from '../../lib/dates.ts';
import { unknownArea } from '../../http/problem.ts';

/**
 * `GET /api/staff?area=CODE`: where staff sent down are posted (their 小区), for officials and
 * above. An official sees posts in their own area only (the scoping rule of auth/roles.ts);
 * elsewhere, aggregates (area stats).
 */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = staffRepository(app.db);
  const areas = areasRepository(app.db);

  /** Throws 404 when the area does not exist, 403 when it is out of the caller's scope. */
  async function checkScope(request: FastifyRequest, area: string): Promise<void> {
    if (!(await areas.exists(area))) throw unknownArea(area);
    const scope = areaScope(app.db, detailScope(request.principal));
    if (!(await scope.covers(area))) {
      throw app.httpErrors.forbidden(scope.refusal(`Staff posts of ${area} are`).message);
    }
  }

  app.route({
    ...routeOptions(app, routes.duty),
    handler: async (request) => {
      const { area, at } = request.query;
      const problem = localTimeProblem('at', at);
      if (problem) throw app.httpErrors.badRequest(problem);
      await checkScope(request, area);
      return repo.duty(area, at);
    },
  });

  app.route({
    ...routeOptions(app, routes.list),
    handler: async (request) => {
      await checkScope(request, request.query.area);
      return repo.posts(request.query.area);
    },
  });
};
