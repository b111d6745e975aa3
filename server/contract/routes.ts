/**
 * Every route object of the API, for what reads them all: the scope table, the access and
 * hostile-input matrices. A feature adds its group here once; a route joins its group.
 */
import type { Route } from './route.ts';
import { areaRoutes } from './areas.ts';
import { plannerRoutes } from './planner.ts';

export const ROUTE_GROUPS = {
  areas: areaRoutes,
  planner: plannerRoutes,
} as const satisfies Record<string, Record<string, Route>>;

/** All route objects, in group order. */
export const API_ROUTES: readonly Route[] = Object.values(ROUTE_GROUPS).flatMap((group): Route[] =>
  Object.values(group),
);
