import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  FIGURE_DEFINITIONS,
  FigureDefinitionsSchema,
  FiguresQuerySchema,
  FiguresResponseSchema,
  MAX_FIGURE_CODES,
  errorResponses,
  type AreaRef,
} from '../../contract/index.ts';
import { figuresRepository, isFiltered, issueLists } from './repository.ts';
import { resolveWindow } from './window.ts';
import { zoneClock } from '../dataset/repository.ts';

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
      const clock = await zoneClock(app.db);
      const { today } = clock;
      const window = resolveWindow(rest, today);
      if ('problem' in window) return reply.status(400).send(badRequest(window.problem));
      const notFound = (codes: string) =>
        reply
          .status(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No area with code ${codes}` });
      let areas: AreaRef[];
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
        const known = await engine.areas(codes);
        const unknown = codes.filter((c) => !known.has(c));
        if (unknown.length > 0) return notFound(unknown.join(', '));
        areas = codes.map((c) => known.get(c)!);
      } else {
        const found = await engine.children(children!);
        if (!found) return notFound(children!);
        areas = found;
      }
      const filters = issueLists({ category, status, level });
      const figures = await engine.figures(
        areas.map((a) => a.code),
        window,
        filters,
        clock,
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
        response: { 200: FigureDefinitionsSchema },
      },
    },
    async () => [...FIGURE_DEFINITIONS],
  );
};
