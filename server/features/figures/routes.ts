import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FIGURE_DEFINITIONS, figureRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { figuresOf } from './service.ts';

/** The figures engine's routes (`figureRoutes` in the contract). */
export const figuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    ...routeOptions(app, figureRoutes.figures),
    handler: (request) => figuresOf(app, request.query),
  });

  app.route({
    ...routeOptions(app, figureRoutes.definitions),
    handler: async () => [...FIGURE_DEFINITIONS],
  });
};
