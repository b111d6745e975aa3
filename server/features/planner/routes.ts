import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { PLANNER_IMPORT_BODY_TYPES, plannerRoutes as routes } from '../../contract/index.ts';
import { actorName } from '../../auth/repository.ts';
import { routeOptions } from '../../http/route.ts';
import { attachmentHeader } from '../../http/attachment.ts';
import { plannerService, type Download } from './service.ts';

const IMPORT_BODY_TYPES = [...PLANNER_IMPORT_BODY_TYPES];

/**
 * The planner's workbench (方案, 边界版本): precomputed units, scenarios (save, list, open,
 * duplicate, delete, compare, export, import), apply as a new boundary version, history.
 * Planners and admins only (`plannerRoutes` in the contract); the use cases are in service.ts.
 */
export const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const planner = plannerService(app.db);

  // An imported assignment arrives as the file's bytes: the encoding is checked by the
  // service, not guessed by a parser. Scoped to this plugin's routes. Not text/plain: a
  // foreign page's form can post that (the route's `bodyTypes` refuse it with 415 before this
  // parser).
  app.addContentTypeParser(
    IMPORT_BODY_TYPES,
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.route({
    ...routeOptions(app, routes.units),
    handler: (request) => planner.units(request.query.version),
  });

  app.route({ ...routeOptions(app, routes.versions), handler: () => planner.versions() });

  app.route({
    ...routeOptions(app, routes.assignment),
    handler: (request) => planner.assignmentOn(request.query.on),
  });

  app.route({
    ...routeOptions(app, routes.issueHistory),
    handler: (request) => {
      const { from, to, attribution } = request.query;
      return planner.issueHistory(from, to, attribution);
    },
  });

  app.route({ ...routeOptions(app, routes.scenarios), handler: () => planner.listScenarios() });

  app.route({
    ...routeOptions(app, routes.create),
    handler: async (request, reply) =>
      reply.status(201).send(await planner.create(request.body, actorName(request.principal))),
  });

  app.route({
    ...routeOptions(app, routes.scenario),
    handler: (request) => planner.scenario(request.params.id),
  });

  app.route({
    ...routeOptions(app, routes.update),
    handler: (request) =>
      planner.update(request.params.id, request.body, actorName(request.principal)),
  });

  app.route({
    ...routeOptions(app, routes.duplicate),
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await planner.duplicate(request.params.id, actorName(request.principal))),
  });

  app.route({
    ...routeOptions(app, routes.remove),
    handler: async (request, reply) => {
      await planner.remove(request.params.id, actorName(request.principal));
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...routeOptions(app, routes.compare),
    handler: (request) => planner.compare(request.query.ids.split(',')),
  });

  const send = (reply: FastifyReply, file: Download) =>
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', attachmentHeader(file.asciiFilename, file.filename))
      .send(file.body);

  app.route({
    ...routeOptions(app, routes.exportGeojson),
    handler: async (request, reply) =>
      send(reply, await planner.exportGeojson(request.params.id, request.query.crs)),
  });

  app.route({
    ...routeOptions(app, routes.exportCsv),
    handler: async (request, reply) => send(reply, await planner.exportCsv(request.params.id)),
  });

  const importOptions = routeOptions(app, routes.import);
  app.route({
    ...importOptions,
    config: { ...importOptions.config, bodyTypes: IMPORT_BODY_TYPES },
    handler: async (request, reply) => {
      const outcome = await planner.importCsv(
        request.body,
        request.query.name,
        actorName(request.principal),
      );
      // A refused file's report lists its problems beside the message the error handler
      // would give: the one 4xx answer with more than `{statusCode, error, message}`.
      if ('rejected' in outcome) return reply.status(400).send(outcome.rejected);
      return reply.status(201).send(outcome.scenario);
    },
  });

  app.route({
    ...routeOptions(app, routes.apply),
    handler: (request) =>
      planner.apply(request.params.id, request.body, actorName(request.principal)),
  });
};
