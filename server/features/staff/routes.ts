import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DutyQuerySchema,
  DutySchema,
  StaffListSchema,
  StaffQuerySchema,
  errorResponses,
} from '../../contract/index.ts';
import { accessRepository } from '../../auth/repository.ts';
import { staffRepository } from './repository.ts';
import { areasRepository } from '../areas/repository.ts';
import { localTimeProblem } from '../../lib/dates.ts';

/**
 * `GET /api/staff?area=CODE`: where staff sent down are posted (their 小区), for officials and
 * above. An official sees posts in their own area only; elsewhere, aggregates (area stats).
 */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = accessRepository(app.db);
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
    const p = request.principal;
    if (p.role === 'official' && !(p.areaCode && (await access.isWithin(area, p.areaCode)))) {
      await reply.status(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: `Staff posts of ${area} are outside your area ${p.areaCode}; its statistics show the totals.`,
      });
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
