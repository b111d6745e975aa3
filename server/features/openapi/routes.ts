import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OPENAPI_MEDIA_TYPE, openApiRoutes } from '../../contract/openapi.ts';
import { routeOptions } from '../../http/route.ts';
import { openApiDocument } from './document.ts';

/** `GET /api/openapi.json`: built once, at start-up (the contract does not change at run time). */
export const openApiDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const document = openApiDocument();
  app.route({
    ...routeOptions(app, openApiRoutes.document),
    handler: async (_request, reply) => reply.type(OPENAPI_MEDIA_TYPE).send(document),
  });
};
