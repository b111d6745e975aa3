import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PeakQuerySchema,
  PeakSchema,
  TourismGridSchema,
  TourismPressureSchema,
  TourismQuerySchema,
  errorResponses,
} from '../../contract/index.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { DEFAULT_PEAK_THRESHOLD, tourismRepository } from './repository.ts';
import { localTimeProblem } from '../../lib/dates.ts';

/** Tourist pressure and 平急转换 (peak mode). */
export const tourismRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = tourismRepository(app.db);

  app.get(
    '/tourism/grid',
    {
      config: { access: 'public' },
      schema: { response: { 200: TourismGridSchema, ...errorResponses } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return repo.grid();
    },
  );

  app.get(
    '/tourism/pressure',
    {
      config: { access: 'public' },
      schema: {
        querystring: TourismQuerySchema,
        response: { 200: TourismPressureSchema, ...errorResponses },
      },
    },
    async (request) => repo.pressure(request.query.month, request.query.hour),
  );

  app.get(
    '/tourism/peak',
    {
      config: { access: 'public' },
      schema: { querystring: PeakQuerySchema, response: { 200: PeakSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const problem = localTimeProblem('at', request.query.at);
      if (problem) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: problem });
      }
      // Staff on duty per 小区 is what /api/staff/duty scopes: the same rule, 小区 by 小区.
      const shown = await areaScope(app.db, detailScope(request.principal)).coverage();
      return repo.peak(request.query.at, request.query.threshold ?? DEFAULT_PEAK_THRESHOLD, shown);
    },
  );
};
