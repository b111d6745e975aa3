import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  FIGURE_DEFINITIONS,
  FiguresQuerySchema,
  FiguresResponseSchema,
  MAX_FIGURE_CODES,
  errorResponses,
  type AreaLevel,
} from '../../contract/index.ts';
import { Type } from '@sinclair/typebox';
import { figuresRepository, isFiltered, issueLists } from './repository.ts';
import { localToday, resolveWindow } from './window.ts';

const badRequest = (message: string) => ({ statusCode: 400, error: 'Bad Request', message });

/**
 * `GET /api/figures`: the figures of areas (`codes`) or of an area's children (`children`: what
 * the map colours), in a window and with the map's issue filters; `GET /api/figures/definitions`:
 * every figure's labels and meaning. Public, like the profiles: aggregates only.
 */
export const figuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const engine = figuresRepository(app.db);

  app.get(
    '/figures',
    {
      config: { access: 'public' },
      schema: {
        querystring: FiguresQuerySchema,
        response: { 200: FiguresResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { codes: list, children, category, status, level, ...rest } = request.query;
      if ((list === undefined) === (children === undefined)) {
        return reply
          .status(400)
          .send(badRequest('give either codes (a comma-separated list) or children (one code)'));
      }
      const today = localToday();
      const window = resolveWindow(rest, today);
      if ('problem' in window) return reply.status(400).send(badRequest(window.problem));
      let areas: { code: string; name: string; level: AreaLevel }[];
      if (list !== undefined) {
        const codes = list.split(',');
        if (codes.length > MAX_FIGURE_CODES) {
          return reply
            .status(400)
            .send(
              badRequest(
                `codes lists ${codes.length} areas; at most ${MAX_FIGURE_CODES} (use children=CODE for all the areas of a parent)`,
              ),
            );
        }
        if (new Set(codes).size !== codes.length) {
          return reply.status(400).send(badRequest(`codes lists an area twice: ${list}`));
        }
        const rows = await app.db.query<{ code: string; name: string; level: AreaLevel }>(
          'SELECT code, name, level FROM area WHERE code = ANY ($1::text[])',
          [codes],
        );
        const known = new Map(rows.map((r) => [r.code, r]));
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length > 0) {
          return reply.status(404).send({
            statusCode: 404,
            error: 'Not Found',
            message: `No area with code ${unknown.join(', ')}`,
          });
        }
        areas = codes.map((c) => known.get(c)!);
      } else {
        const [parent] = await app.db.query('SELECT 1 FROM area WHERE code = $1', [children]);
        if (!parent) {
          return reply.status(404).send({
            statusCode: 404,
            error: 'Not Found',
            message: `No area with code ${children}`,
          });
        }
        areas = await app.db.query<{ code: string; name: string; level: AreaLevel }>(
          'SELECT code, name, level FROM area WHERE parent_code = $1 ORDER BY code',
          [children],
        );
      }
      const filters = issueLists({ category, status, level });
      const figures = await engine.figures(
        areas.map((a) => a.code),
        window,
        filters,
      );
      return {
        window,
        asOf: window.to ?? today,
        filtered: isFiltered(filters),
        areas: areas.map((a) => ({ ...a, figures: figures.get(a.code)! })),
      };
    },
  );

  app.get(
    '/figures/definitions',
    {
      config: { access: 'public' },
      schema: {
        response: {
          200: Type.Array(
            Type.Object({
              key: Type.String(),
              zh: Type.String(),
              en: Type.String(),
              meaning: Type.String(),
              time: Type.Union([Type.Literal('window'), Type.Literal('current')]),
              filtered: Type.Boolean(),
            }),
          ),
        },
      },
    },
    async () => [...FIGURE_DEFINITIONS],
  );
};
