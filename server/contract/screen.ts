import { errorResponses } from './common.ts';
import { ScreenSummarySchema } from './live.ts';
import { aggregates, defineRoute } from './route.ts';

/** The route of the big screen (`?mode=screen`). */
export const bigScreenRoutes = {
  /** The big screen's KPIs and charts in one call: counts only, the same for everyone. */
  summary: defineRoute({
    method: 'GET',
    url: '/api/screen/summary',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: ScreenSummarySchema, ...errorResponses } },
  }),
};
