import type { FastifyInstance } from 'fastify';
import {
  MAX_FIGURE_CODES,
  type AreaRef,
  type FiguresQuery,
  type FiguresResponse,
} from '../../contract/index.ts';
import { zoneClock } from '../dataset/repository.ts';
import { figuresRepository, isFiltered, issueLists } from './repository.ts';
import { resolveWindow } from './window.ts';
import { unknownArea } from '../../http/problem.ts';

/**
 * The figures of areas (`codes`) or of an area's children (`children`), in the query's window
 * and with its issue filters; a wrong query throws the HTTP error that explains it.
 */
export async function figuresOf(
  app: FastifyInstance,
  query: FiguresQuery,
): Promise<FiguresResponse> {
  const engine = figuresRepository(app.db);
  const { codes: list, children, category, status, level, ...rest } = query;
  if ((list === undefined) === (children === undefined)) {
    throw app.httpErrors.badRequest(
      'give either codes (a comma-separated list) or children (one code)',
    );
  }
  const clock = await zoneClock(app.db);
  const { today } = clock;
  const window = resolveWindow(rest, today);
  if ('problem' in window) throw app.httpErrors.badRequest(window.problem);
  let areas: AreaRef[];
  if (list !== undefined) {
    const codes = list.split(',');
    if (codes.length > MAX_FIGURE_CODES) {
      throw app.httpErrors.badRequest(
        `codes lists ${codes.length} areas; at most ${MAX_FIGURE_CODES} (use children=CODE for all the areas of a parent)`,
      );
    }
    if (new Set(codes).size !== codes.length) {
      throw app.httpErrors.badRequest(`codes lists an area twice: ${list}`);
    }
    const known = await engine.areas(codes);
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw unknownArea(unknown.join(', '));
    areas = codes.map((c) => known.get(c)!);
  } else {
    const found = await engine.children(children!);
    if (!found) throw unknownArea(children!);
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
}
