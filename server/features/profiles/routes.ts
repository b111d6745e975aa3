import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { compareRoutes, profileRoutes } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { vocabularyRepository } from '../vocabulary/repository.ts';
import { attachment, profileCsv } from './csv.ts';
import { profilesService, windowLabel } from './service.ts';

/** An area's profile, its CSV and the comparison (`profileRoutes`, `compareRoutes`). */
export const profilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = profilesService(app);

  app.route({
    ...routeOptions(app, profileRoutes.profile),
    handler: (request) => service.profile(request, request.params.code, request.query),
  });

  app.route({
    ...routeOptions(app, profileRoutes.csv),
    handler: async (request, reply) => {
      const profile = await service.profile(request, request.params.code, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment(profile.area.name, profile.area.code, windowLabel(profile.window)),
        )
        .send(profileCsv(profile, await vocabularyRepository(app.db).all()));
    },
  });

  app.route({
    ...routeOptions(app, compareRoutes.compare),
    handler: (request) => service.compare(request.query),
  });
};
