import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EscalationsSchema,
  IssueCellsQuerySchema,
  IssueCellsSchema,
  IssueDetailSchema,
  IssueFilterSchema,
  IssueParamsSchema,
  TileAddressSchema,
  errorResponses,
} from '../../contract/index.ts';
import { parseBbox } from '../../contract/bbox.ts';
import { issueFilterKey, issueFilterProblem } from './filter.ts';
import { POINTS_FROM_ZOOM, issueOverlayRepository } from './overlay-repository.ts';
import { sendPackedTile } from '../../tiles/cache.ts';
import { tileProblem } from '../../tiles/tile.ts';
import { actorName, audit } from '../../auth/repository.ts';
import { areaScope, detailScope, personalScope } from '../../auth/roles.ts';
import { issuesRepository } from './repository.ts';

/**
 * `GET /api/issues/:id`: one issue, for an official of its area, planners and admins (the
 * scoping rule of auth/roles.ts; 403 elsewhere). The reporter's name and phone are added only
 * for an official whose area holds the issue, and that read is audited.
 */
export const issuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = issuesRepository(app.db);
  const overlay = issueOverlayRepository(app.db, app.db.hasMvt);
  const bad = (message: string) => ({ statusCode: 400, error: 'Bad Request', message });

  app.get(
    '/issues/cells',
    {
      config: { access: 'public' },
      schema: {
        querystring: IssueCellsQuerySchema,
        response: { 200: IssueCellsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { zoom, bbox, ...filter } = request.query;
      const bounds = bbox === undefined ? null : parseBbox(bbox);
      if (typeof bounds === 'string') return reply.status(400).send(bad(bounds));
      const problem = issueFilterProblem(filter);
      if (problem) return reply.status(400).send(bad(problem));
      return overlay.cells(zoom, filter, bounds);
    },
  );

  app.get(
    '/issues/escalations',
    {
      config: { access: 'public' },
      schema: {
        querystring: IssueFilterSchema,
        response: { 200: EscalationsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const problem = issueFilterProblem(request.query);
      if (problem) return reply.status(400).send(bad(problem));
      return overlay.escalations(request.query);
    },
  );

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
      const scope = areaScope(app.db, detailScope(p));
      if (!(await scope.covers(issue.xiaoquCode))) {
        return reply.status(403).send(scope.refusal(`Issue ${issue.id} in ${issue.xiaoquCode} is`));
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
  );
};

/** `GET /tiles/issues/:z/:x/:y.mvt`: issue points, filtered like the map, from zoom 12 up. */
export const issueTileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const overlay = issueOverlayRepository(app.db, app.db.hasMvt);
  app.get(
    '/issues/:z/:x/:y.mvt',
    {
      config: { access: 'public' },
      schema: {
        params: TileAddressSchema,
        querystring: IssueFilterSchema,
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const problem =
        z < POINTS_FROM_ZOOM
          ? `issue points start at zoom ${POINTS_FROM_ZOOM}; below it use /api/issues/cells`
          : (tileProblem(z, x, y) ?? issueFilterProblem(request.query));
      if (problem) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: problem });
      }
      const tile = await app.tileCache.get(
        'issues',
        `${z}/${x}/${y}?${issueFilterKey(request.query)}`,
        () => overlay.tile(z, x, y, request.query),
      );
      return sendPackedTile(request, reply, tile);
    },
  );
};
