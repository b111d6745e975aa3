import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { datasetRoutes as routes } from '../../contract/index.ts';
import { actorName } from '../../auth/repository.ts';
import { canonicalTimeZone, isTimeZone } from '../../contract/zone-time.ts';
import { routeOptions } from '../../http/route.ts';
import { datasetRepository } from './repository.ts';

/**
 * `GET /api/dataset`: the data set's description, which the client reads once before it
 * parses an address (the default selection, the record's months, the zone's clock).
 * `PUT /api/admin/dataset`: admins name the data set and set its time zone.
 */
export const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = datasetRepository(app.db);

  app.route({ ...routeOptions(app, routes.describe), handler: async () => repo.describe() });

  app.route({
    ...routeOptions(app, routes.update),
    handler: async (request) => {
      const { timeZone } = request.body;
      // Both clocks must know the zone: Intl counts the client's and server's days, PostgreSQL
      // the figures'.
      if (timeZone !== undefined && !isTimeZone(timeZone)) {
        throw app.httpErrors.badRequest(
          `timeZone ${timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`,
        );
      }
      const change = {
        ...request.body,
        ...(timeZone !== undefined ? { timeZone: canonicalTimeZone(timeZone) } : {}),
      };
      try {
        await repo.update(change, actorName(request.principal));
      } catch (error) {
        if ((error as { code?: string }).code === '22023') {
          throw app.httpErrors.badRequest(`timeZone ${timeZone} is not known to the database`);
        }
        throw error;
      }
      return repo.describe();
    },
  });
};
