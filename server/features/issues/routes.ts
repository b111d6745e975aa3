import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IssueDetailSchema, IssueParamsSchema, errorResponses } from '../../contract/index.ts';
import { accessRepository, actorName, audit } from '../../auth/repository.ts';
import { issuesRepository } from './repository.ts';

/**
 * `GET /api/issues/:id`: one issue, for officials and above. The reporter's name and phone
 * are added only for an official whose area holds the issue, and that read is audited.
 */
export const issuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = issuesRepository(app.db);
  const access = accessRepository(app.db);

  app.get(
    '/issues/:id',
    {
      config: { access: 'official' },
      schema: {
        params: IssueParamsSchema,
        response: { 200: IssueDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const issue = await repo.byId(request.params.id);
      if (!issue) {
        return reply
          .status(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No issue ${request.params.id}` });
      }
      const p = request.principal;
      const mayReadPersonal =
        p.role === 'official' &&
        p.areaCode !== null &&
        (await access.isWithin(issue.xiaoquCode, p.areaCode));
      if (!mayReadPersonal) return { ...issue, reporter: null };
      const reporter = await app.db.transaction(async (tx) => {
        const r = await issuesRepository(tx).reporter(issue.id);
        await audit(tx, actorName(p), 'issue.reporter.read', `issue:${issue.id}`);
        return r;
      });
      return { ...issue, reporter };
    },
  );
};
