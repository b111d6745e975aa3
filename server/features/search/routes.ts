import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SearchQuerySchema, SearchResponseSchema, errorResponses } from '../../contract/index.ts';
import { searchRepository } from './repository.ts';

/** Results when the caller gives no limit. */
const DEFAULT_LIMIT = 10;

/** `GET /api/search?q=…`: places by Chinese name or pinyin; public (names are on the map). */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = searchRepository(app.db);

  app.get(
    '/search',
    {
      config: { access: 'public' },
      schema: {
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query.q.trim();
      if (q === '') {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: 'q is empty: type part of a name',
        });
      }
      return { q, results: await repo.search(q, request.query.limit ?? DEFAULT_LIMIT) };
    },
  );
};
