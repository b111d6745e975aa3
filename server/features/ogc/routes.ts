import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OGC_CONFORMANCE, ogcRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { GEOJSON, JSON_TYPE, landingPage, ogcService } from './service.ts';

/** OGC API – Features, Part 1 (`ogcRoutes` in the contract). */
export const ogcFeatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = ogcService(app);

  app.route({
    ...routeOptions(app, ogcRoutes.landing),
    handler: async (request, reply) => reply.type(JSON_TYPE).send(landingPage(request)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.conformance),
    handler: async (_request, reply) =>
      reply.type(JSON_TYPE).send({ conformsTo: [...OGC_CONFORMANCE] }),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.collections),
    handler: async (request, reply) =>
      reply.type(JSON_TYPE).send(await service.collections(request)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.collection),
    handler: async (request, reply) =>
      reply.type(JSON_TYPE).send(await service.collection(request, request.params.collectionId)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.items),
    handler: async (request, reply) =>
      reply
        .type(GEOJSON)
        .send(await service.items(request, request.params.collectionId, request.query)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.item),
    handler: async (request, reply) => {
      const { collectionId, featureId } = request.params;
      return reply.type(GEOJSON).send(await service.item(request, collectionId, featureId));
    },
  });
};
