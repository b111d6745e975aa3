import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bigScreenRoutes, type ScreenSummary } from '../../contract/index.ts';
import { routeOptions } from '../../http/route.ts';
import { eventsRepository } from '../live/repository.ts';
import { screenRepository } from './repository.ts';

/**
 * How long one summary serves every screen while no event arrives. Screens refetch after
 * events, all at once; tables without events (sites, workers, projects, tourism) change
 * rarely, and are at most this late.
 */
const SUMMARY_TTL_MS = 30_000;
/**
 * A summary younger than this is served even if events came since: under a busy stream (the
 * simulator's 20 a second) every screen refetching would recount for each event. The figures
 * still match their own `latestEventId`, so a screen streaming from it stays exact.
 */
const SUMMARY_MIN_AGE_MS = 3_000;

/** The big screen's route (`bigScreenRoutes` in the contract), its summary shared a while. */
export const screenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = screenRepository(app.db);
  const events = eventsRepository(app.db);
  let cached: { at: number; summary: Promise<ScreenSummary> } | null = null;

  app.route({
    ...routeOptions(app, bigScreenRoutes.summary),
    handler: async () => {
      if (cached && Date.now() - cached.at < SUMMARY_MIN_AGE_MS) return cached.summary;
      if (cached && Date.now() - cached.at < SUMMARY_TTL_MS) {
        // Still current if no event has been logged since it was counted.
        const [summary, { latest }] = await Promise.all([cached.summary, events.bounds()]);
        if (summary.latestEventId === latest) return summary;
      }
      const entry = { at: Date.now(), summary: repo.summary() };
      cached = entry;
      try {
        return await entry.summary;
      } catch (error) {
        if (cached === entry) cached = null;
        throw error;
      }
    },
  });
};
