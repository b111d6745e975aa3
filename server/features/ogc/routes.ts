import fastifySwagger from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OGC_CONFORMANCE, ogcRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { GEOJSON, JSON_TYPE, OPENAPI, landingPage, ogcService } from './service.ts';

/** OGC API – Features, Part 1 (`ogcRoutes` in the contract). */
export const ogcFeatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = ogcService(app);
  // Registered in this plugin, so the document describes the routes below and no others: it
  // is the OGC API's service description, not the whole API's.
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '片区一张图 (Pianqu Atlas): OGC API – Features',
        version: '1.0.0',
        description: 'The zone’s areas with their figures, 邻里之家 and issue points',
      },
    },
  });

  app.route({
    ...routeOptions(app, ogcRoutes.api),
    handler: async (_request, reply) =>
      reply.type(OPENAPI).send(app.swagger() as unknown as Record<string, unknown>),
  });

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

  app.route({
    ...routeOptions(app, ogcRoutes.staffCollection),
    handler: async (request, reply) =>
      reply.type(JSON_TYPE).send(await service.staffCollection(request)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.staffItems),
    handler: async (request, reply) =>
      reply.type(GEOJSON).send(await service.staffItems(request, request.query)),
  });

  app.route({
    ...routeOptions(app, ogcRoutes.staffItem),
    handler: async (request, reply) =>
      reply.type(GEOJSON).send(await service.staffItem(request, request.params.featureId)),
  });
};
