import type { FastifyInstance } from 'fastify';
import type { IssueDetail } from '../../contract/index.ts';
import { actorName, audit } from '../../auth/repository.ts';
import { areaScope, detailScope, personalScope } from '../../auth/roles.ts';
import { issuesRepository } from './repository.ts';

type Principal = Parameters<typeof detailScope>[0];

/** Reading one issue under the scoping rule of auth/roles.ts. */
export function issueService(app: FastifyInstance) {
  const repo = issuesRepository(app.db);
  return {
    /**
     * One issue, for an official of its area, planners and admins (403 elsewhere). The
     * reporter's name and phone are added only for an official whose area holds the issue,
     * and that read is audited.
     */
    async detail(id: number, p: Principal): Promise<IssueDetail> {
      const issue = await repo.byId(id);
      if (!issue) throw app.httpErrors.notFound(`No issue ${id}`);
      const scope = areaScope(app.db, detailScope(p));
      if (!(await scope.covers(issue.xiaoquCode))) {
        throw app.httpErrors.forbidden(
          scope.refusal(`Issue ${issue.id} in ${issue.xiaoquCode} is`).message,
        );
      }
      const mayReadPersonal = await areaScope(app.db, personalScope(p)).covers(issue.xiaoquCode);
      if (!mayReadPersonal) return { ...issue, reporter: null };
      const reporter = await app.db.transaction(async (tx) => {
        const r = await issuesRepository(tx).reporter(issue.id);
        await audit(tx, actorName(p), 'issue.reporter.read', `issue:${issue.id}`);
        return r;
      });
      return { ...issue, reporter };
    },
  };
}
