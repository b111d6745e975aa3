import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AreaCollectionSchema,
  AreaDetailSchema,
  AreaParamsSchema,
  AreasQuerySchema,
  errorResponses,
} from '../../contract/index.ts';
import { areasRepository } from './repository.ts';

const notFound = (code: string) => ({
  statusCode: 404,
  error: 'Not Found',
  message: `No area with code ${code}`,
});

/** `GET /api/areas` and `GET /api/areas/:code`. */
export const areasRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = areasRepository(app.db);

  app.get(
    '/areas',
    {
      config: { access: 'public' },
      schema: {
        querystring: AreasQuerySchema,
        response: { 200: AreaCollectionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { level, parent, zoom } = request.query;
      if (parent !== undefined && !(await repo.exists(parent))) {
        return reply.status(404).send(notFound(parent));
      }
      return repo.list(level, parent, zoom);
    },
  );

  app.get(
    '/areas/:code',
    {
      config: { access: 'public' },
      schema: {
        params: AreaParamsSchema,
        response: { 200: AreaDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await repo.detail(request.params.code);
      if (!detail) return reply.status(404).send(notFound(request.params.code));
      return detail;
    },
  );
};
