import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { exportRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { exportsService, type ExportFile } from './service.ts';

const send = (reply: FastifyReply, file: ExportFile) =>
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', file.disposition)
    .send(file.body);

/** The exports (`exportRoutes`): the table per level, the boundaries, the sites. */
export const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const exports = exportsService(app);

  app.route({
    ...routeOptions(app, exportRoutes.table),
    handler: async (request, reply) =>
      send(reply, await exports.table(request.params.level, request.query)),
  });

  app.route({
    ...routeOptions(app, exportRoutes.boundaries),
    handler: async (request, reply) =>
      send(reply, await exports.boundaries(request.params.level, request.query)),
  });

  app.route({
    ...routeOptions(app, exportRoutes.sites),
    handler: async (request, reply) => send(reply, await exports.sites(request.query)),
  });
};
