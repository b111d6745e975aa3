import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema } from '../../contract/index.ts';

/** `GET /api/health`: whether the database answers, which backend, which data set. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { config: { access: 'none' }, schema: { response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const base = {
        backend: app.db.backend,
        vectorTiles: app.db.hasMvt ? ('postgis' as const) : ('server' as const),
      };
      try {
        const [row] = await app.db.query<{ version: string; source: string }>(
          'SELECT version, source FROM dataset',
        );
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
  );
};
