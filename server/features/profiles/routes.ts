import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  AreaParamsSchema,
  AreaProfileSchema,
  CompareQuerySchema,
  CompareSchema,
  ProfileQuerySchema,
  errorResponses,
  type ProfileQuery,
  type ProfileWindow,
} from '../../contract/index.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { attachment, profileCsv } from './csv.ts';
import { vocabularyRepository } from '../vocabulary/repository.ts';
import { figuresRepository, issueLists } from '../figures/repository.ts';
import { profilesRepository, type ProfileRequest } from './repository.ts';
import { resolveWindow } from '../figures/window.ts';
import { zoneClock } from '../dataset/repository.ts';

const badRequest = (message: string) => ({ statusCode: 400, error: 'Bad Request', message });
const notFound = (code: string) => ({
  statusCode: 404,
  error: 'Not Found',
  message: `No area with code ${code}`,
});

/**
 * `GET /api/areas/:code/profile` (one shape per level), `…/profile.csv` (the same figures for
 * Excel) and `GET /api/compare`. Public: aggregates and the issue list the map's public tiles
 * already show; a 小区's staff posts only where the scoping rule (auth/roles.ts) admits them.
 */
export const profilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = profilesRepository(app.db);
  const engine = figuresRepository(app.db);

  async function profileRequest(
    request: FastifyRequest,
    q: ProfileQuery,
  ): Promise<ProfileRequest | { problem: string }> {
    const clock = await zoneClock(app.db);
    const window = resolveWindow(q, clock.today);
    if ('problem' in window) return window;
    return {
      window,
      filters: issueLists(q),
      clock,
      // Staff posts are per-area detail: the rule the staff feature applies.
      staffVisible: areaScope(app.db, detailScope(request.principal)).covers,
    };
  }

  app.get(
    '/areas/:code/profile',
    {
      config: { access: 'public' },
      schema: {
        params: AreaParamsSchema,
        querystring: ProfileQuerySchema,
        response: { 200: AreaProfileSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const req = await profileRequest(request, request.query);
      if ('problem' in req) return reply.status(400).send(badRequest(req.problem));
      const profile = await repo.profile(request.params.code, req);
      if (!profile) return reply.status(404).send(notFound(request.params.code));
      return profile;
    },
  );

  app.get(
    '/areas/:code/profile.csv',
    {
      config: { access: 'public' },
      schema: {
        params: AreaParamsSchema,
        querystring: ProfileQuerySchema,
        response: {
          200: Type.String({ description: 'text/csv, UTF-8 with BOM' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const req = await profileRequest(request, request.query);
      if ('problem' in req) return reply.status(400).send(badRequest(req.problem));
      const profile = await repo.profile(request.params.code, req);
      if (!profile) return reply.status(404).send(notFound(request.params.code));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachment(profile.area.name, profile.area.code, windowLabel(profile.window)),
        )
        .send(profileCsv(profile, await vocabularyRepository(app.db).all()));
    },
  );

  app.get(
    '/compare',
    {
      config: { access: 'public' },
      schema: {
        querystring: CompareQuerySchema,
        response: { 200: CompareSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { codes: list, ...rest } = request.query;
      const codes = list.split(',');
      if (new Set(codes).size !== codes.length) {
        return reply.status(400).send(badRequest(`codes lists an area twice: ${list}`));
      }
      const clock = await zoneClock(app.db);
      const window = resolveWindow(rest, clock.today);
      if ('problem' in window) return reply.status(400).send(badRequest(window.problem));
      const known = await engine.areas(codes);
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length > 0) {
        return reply.status(400).send(badRequest(`No area with code ${unknown.join(', ')}`));
      }
      const levels = new Set(codes.map((c) => known.get(c)!.level));
      if (levels.size > 1) {
        return reply
          .status(400)
          .send(
            badRequest(
              `Areas of different levels cannot be compared: ${codes
                .map((c) => `${c} (${known.get(c)!.level})`)
                .join(', ')}`,
            ),
          );
      }
      const areas = await repo.compare(codes, window, clock);
      return {
        level: known.get(codes[0]!)!.level,
        window,
        areas: areas.map((a) => ({ ...a, name: known.get(a.code)!.name })),
      };
    },
  );
};

/** The window in a file name: `all`, `YYYY-MM`, `YYYY` or `YYYY-MM-DD_YYYY-MM-DD`. */
function windowLabel(w: ProfileWindow): string {
  if (w.kind === 'all') return 'all';
  if (w.kind === 'month') return w.from!.slice(0, 7);
  if (w.kind === 'year') return w.from!.slice(0, 4);
  return `${w.from}_${w.to}`;
}
