import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DatasetSchema, DatasetUpdateSchema, errorResponses } from '../../contract/index.ts';
import { actorName } from '../../auth/repository.ts';
import { canonicalTimeZone, isTimeZone } from '../../contract/zone-time.ts';
import { datasetRepository } from './repository.ts';

/**
 * `GET /api/dataset`: the data set's description, which the client reads once before it
 * parses an address (the default selection, the record's months, the zone's clock).
 * `PUT /api/admin/dataset`: admins name the data set and set its time zone.
 */
export const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = datasetRepository(app.db);

  app.get(
    '/dataset',
    {
      // Read before anyone logs in: the login page and a kiosk's first load need the zone and
      // its clock. It names the district, nothing in it.
      config: { access: 'none' },
      schema: { response: { 200: DatasetSchema, ...errorResponses } },
    },
    async () => repo.describe(),
  );

  app.put(
    '/admin/dataset',
    {
      config: { access: 'admin' },
      schema: { body: DatasetUpdateSchema, response: { 200: DatasetSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { timeZone } = request.body;
      // Both clocks must know the zone: Intl counts the client's and server's days, PostgreSQL
      // the figures'.
      if (timeZone !== undefined && !isTimeZone(timeZone)) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `timeZone ${timeZone} is not an IANA time zone (e.g. Asia/Shanghai)`,
        });
      }
      const change = {
        ...request.body,
        ...(timeZone !== undefined ? { timeZone: canonicalTimeZone(timeZone) } : {}),
      };
      try {
        await repo.update(change, actorName(request.principal));
      } catch (error) {
        if ((error as { code?: string }).code === '22023') {
          return reply.status(400).send({
            statusCode: 400,
            error: 'Bad Request',
            message: `timeZone ${timeZone} is not known to the database`,
          });
        }
        throw error;
      }
      return repo.describe();
    },
  );
};
