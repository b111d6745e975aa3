import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DutyQuerySchema,
  DutySchema,
  StaffListSchema,
  StaffQuerySchema,
  errorResponses,
} from '../../contract/index.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { staffRepository } from './repository.ts';
import { areasRepository } from '../areas/repository.ts';
import { localTimeProblem } from '../../lib/dates.ts';

/**
 * `GET /api/staff?area=CODE`: where staff sent down are posted (their 小区), for officials and
 * above. An official sees posts in their own area only (the scoping rule of auth/roles.ts);
 * elsewhere, aggregates (area stats).
 */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = staffRepository(app.db);
  const areas = areasRepository(app.db);

  /** Answers 404 or 403 and returns false when the area does not exist or is out of scope. */
  async function inScope(request: FastifyRequest, reply: FastifyReply, area: string) {
    if (!(await areas.exists(area))) {
      await reply
        .status(404)
        .send({ statusCode: 404, error: 'Not Found', message: `No area with code ${area}` });
      return false;
    }
    const scope = areaScope(app.db, detailScope(request.principal));
    if (!(await scope.covers(area))) {
      await reply.status(403).send(scope.refusal(`Staff posts of ${area} are`));
      return false;
    }
    return true;
  }

  app.get(
    '/staff/duty',
    {
      config: { access: 'official' },
      schema: { querystring: DutyQuerySchema, response: { 200: DutySchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { area, at } = request.query;
      const problem = localTimeProblem('at', at);
      if (problem) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: problem });
      }
      if (!(await inScope(request, reply, area))) return reply;
      return repo.duty(area, at);
    },
  );

  app.get(
    '/staff',
    {
      config: { access: 'official' },
      schema: {
        querystring: StaffQuerySchema,
        response: { 200: StaffListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { area } = request.query;
      if (!(await inScope(request, reply, area))) return reply;
      return repo.posts(area);
    },
  );
};
