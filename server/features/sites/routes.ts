import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CoverageQuerySchema,
  CoverageSchema,
  SitesSchema,
  errorResponses,
} from '../../contract/index.ts';
import { sitesRepository } from './repository.ts';
import { areasRepository } from '../areas/repository.ts';

/** `GET /api/sites` and `GET /api/sites/coverage`: 邻里之家 and who lives beyond a walk. */
export const sitesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = sitesRepository(app.db);

  app.get(
    '/sites',
    { config: { access: 'public' }, schema: { response: { 200: SitesSchema, ...errorResponses } } },
    async () => repo.list(),
  );

  app.get(
    '/sites/coverage',
    {
      config: { access: 'public' },
      schema: {
        querystring: CoverageQuerySchema,
        response: { 200: CoverageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { distance, area } = request.query;
      if (area && !(await areasRepository(app.db).exists(area))) {
        return reply
          .status(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No area with code ${area}` });
      }
      return repo.coverage(distance, area);
    },
  );
};
