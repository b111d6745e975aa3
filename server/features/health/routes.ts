import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { healthRoutes as routes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { datasetRepository } from '../dataset/repository.ts';

/** `GET /api/health`: whether the database answers, which backend, which data set. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const dataset = datasetRepository(app.db);
  app.route({
    ...routeOptions(app, routes.health),
    handler: async (_request, reply) => {
      const base = {
        backend: app.db.backend,
        vectorTiles: app.db.hasMvt ? ('postgis' as const) : ('server' as const),
      };
      try {
        const row = await dataset.versionAndSource();
        return {
          ...base,
          status: 'ok' as const,
          database: 'reachable' as const,
          dataVersion: row?.version ?? null,
          dataSource: row?.source ?? null,
        };
      } catch {
        return reply
          .status(503)
          .header('retry-after', '5')
          .send({
            ...base,
            status: 'degraded' as const,
            database: 'unreachable' as const,
            dataVersion: null,
            dataSource: null,
          });
      }
    },
  });
};
