import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  AreaProfile,
  Compare,
  CompareQuery,
  ProfileQuery,
  ProfileWindow,
} from '../../contract/index.ts';
import { areaScope, detailScope } from '../../auth/roles.ts';
import { zoneClock } from '../dataset/repository.ts';
import { figuresRepository, issueLists } from '../figures/repository.ts';
import { resolveWindow } from '../figures/window.ts';
import { profilesRepository } from './repository.ts';
import { unknownArea } from '../../http/problem.ts';

/**
 * The profiles' use cases: an area's profile for a caller, and the comparison. A wrong query
 * throws the HTTP error that explains it.
 */
export function profilesService(app: FastifyInstance) {
  const repo = profilesRepository(app.db);
  const engine = figuresRepository(app.db);

  return {
    /** The profile of `code` in the query's window and filters, as `request`'s caller sees it. */
    async profile(request: FastifyRequest, code: string, q: ProfileQuery): Promise<AreaProfile> {
      const clock = await zoneClock(app.db);
      const window = resolveWindow(q, clock.today);
      if ('problem' in window) throw app.httpErrors.badRequest(window.problem);
      const profile = await repo.profile(code, {
        window,
        filters: issueLists(q),
        clock,
        // Staff posts are per-area detail: the rule the staff feature applies.
        staffVisible: areaScope(app.db, detailScope(request.principal)).covers,
      });
      if (!profile) throw unknownArea(code);
      return profile;
    },

    /** Two or three areas of one level, side by side. */
    async compare(query: CompareQuery): Promise<Compare> {
      const { codes: list, ...rest } = query;
      const codes = list.split(',');
      if (new Set(codes).size !== codes.length) {
        throw app.httpErrors.badRequest(`codes lists an area twice: ${list}`);
      }
      const clock = await zoneClock(app.db);
      const window = resolveWindow(rest, clock.today);
      if ('problem' in window) throw app.httpErrors.badRequest(window.problem);
      const known = await engine.areas(codes);
      const unknown = codes.filter((c) => !known.has(c));
      if (unknown.length > 0) throw unknownArea(unknown.join(', '), 400);
      const levels = new Set(codes.map((c) => known.get(c)!.level));
      if (levels.size > 1) {
        throw app.httpErrors.badRequest(
          `Areas of different levels cannot be compared: ${codes
            .map((c) => `${c} (${known.get(c)!.level})`)
            .join(', ')}`,
        );
      }
      const areas = await repo.compare(codes, window, clock);
      return {
        level: known.get(codes[0]!)!.level,
        window,
        areas: areas.map((a) => ({ ...a, name: known.get(a.code)!.name })),
      };
    },
  };
}

/** The window in a file name: `all`, `YYYY-MM`, `YYYY` or `YYYY-MM-DD_YYYY-MM-DD`. */
export function windowLabel(w: ProfileWindow): string {
  if (w.kind === 'all') return 'all';
  if (w.kind === 'month') return w.from!.slice(0, 7);
  if (w.kind === 'year') return w.from!.slice(0, 4);
  return `${w.from}_${w.to}`;
}
