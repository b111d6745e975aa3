import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { issueRoutes } from '../../contract/index.ts';
import { parseBbox } from '../../contract/bbox.ts';
import { routeOptions } from '../../http/route.ts';
import { issueFilterKey, issueFilterProblem } from './filter.ts';
import { POINTS_FROM_ZOOM, issueOverlayRepository } from './overlay-repository.ts';
import { sendPackedTile } from '../../tiles/cache.ts';
import { canonicalTileAddress, tileProblem } from '../../tiles/tile.ts';
import { issueService } from './service.ts';

/** The issue overlay's data routes and one issue (`issueRoutes` in the contract). */
export const issuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const overlay = issueOverlayRepository(app.db, app.db.hasMvt);
  const issues = issueService(app);

  app.route({
    ...routeOptions(app, issueRoutes.cells),
    handler: async (request) => {
      const { zoom, bbox, ...filter } = request.query;
      const bounds = bbox === undefined ? null : parseBbox(bbox);
      if (typeof bounds === 'string') throw app.httpErrors.badRequest(bounds);
      const problem = issueFilterProblem(filter);
      if (problem) throw app.httpErrors.badRequest(problem);
      return overlay.cells(zoom, filter, bounds);
    },
  });

  app.route({
    ...routeOptions(app, issueRoutes.escalations),
    handler: async (request) => {
      const problem = issueFilterProblem(request.query);
      if (problem) throw app.httpErrors.badRequest(problem);
      return overlay.escalations(request.query);
    },
  });

  app.route({
    ...routeOptions(app, issueRoutes.detail),
    handler: async (request) => issues.detail(request.params.id, request.principal),
  });
};

/** `GET /tiles/issues/:z/:x/:y.mvt`: issue points, filtered like the map, from zoom 12 up. */
export const issueTileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const overlay = issueOverlayRepository(app.db, app.db.hasMvt);
  app.route({
    ...routeOptions(app, issueRoutes.tile),
    preValidation: canonicalTileAddress,
    handler: async (request, reply) => {
      const { z, x, y } = request.params;
      const problem =
        z < POINTS_FROM_ZOOM
          ? `issue points start at zoom ${POINTS_FROM_ZOOM}; below it use /api/issues/cells`
          : (tileProblem(z, x, y) ?? issueFilterProblem(request.query));
      if (problem) throw app.httpErrors.badRequest(problem);
      const tile = await app.tileCache.get(
        'issues',
        `${z}/${x}/${y}?${issueFilterKey(request.query)}`,
        () => overlay.tile(z, x, y, request.query),
      );
      return sendPackedTile(request, reply, tile);
    },
  });
};
