import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { vocabularyRoutes as routes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { vocabularyRepository } from './repository.ts';

/** `GET /api/vocabulary`: every list's terms with their names, read once by the client. */
export const vocabularyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = vocabularyRepository(app.db);
  app.route({ ...routeOptions(app, routes.vocabulary), handler: async () => repo.all() });
};

/**
 * Refuses a `category` filter naming a key the vocabulary does not hold, on every route that
 * takes the issue filters. The schema can only check a key's shape now that a district adds
 * categories; matching nothing would hide a typo (or a link from another data set) behind an
 * empty map, so the answer is a 400 naming the key.
 */
export function unknownCategoryHook(app: FastifyInstance): preHandlerAsyncHookHandler {
  const repo = vocabularyRepository(app.db);
  return async (request) => {
    const category = (request.query as { category?: unknown } | undefined)?.category;
    if (typeof category !== 'string' || category === '') return;
    const unknown = await repo.unknown('issueCategory', [...new Set(category.split(','))]);
    if (unknown.length > 0) {
      throw app.httpErrors.badRequest(
        `querystring/category: no category ${unknown.join(', ')} in the vocabulary (GET /api/vocabulary lists them)`,
      );
    }
  };
}
