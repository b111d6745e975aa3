/**
 * Every route object of the API, for what reads them all: the scope table, the access and
 * hostile-input matrices. A feature adds its group here once; a route joins its group.
 */
import type { Route } from './route.ts';
import { areaRoutes } from './areas.ts';
import { adminRoutes, authRoutes } from './auth.ts';
import { basemapRoutes } from './basemap.ts';
import { compareRoutes } from './compare.ts';
import { datasetRoutes } from './dataset.ts';
import { exportRoutes } from './exports.ts';
import { figureRoutes } from './figures.ts';
import { healthRoutes } from './health.ts';
import { importRoutes } from './imports.ts';
import { liveRoutes } from './live.ts';
import { ogcRoutes } from './ogc.ts';
import { openApiRoutes } from './openapi.ts';
import { issueRoutes, siteRoutes, staffRoutes, tourismRoutes } from './overlays.ts';
import { plannerRoutes } from './planner.ts';
import { profileRoutes } from './profiles.ts';
import { bigScreenRoutes } from './screen.ts';
import { placeSearchRoutes } from './search.ts';
import { styleRoutes } from './styles.ts';
import { tileRoutes } from './tiles.ts';
import { vocabularyRoutes } from './vocabulary-routes.ts';

export const ROUTE_GROUPS = {
  areas: areaRoutes,
  figures: figureRoutes,
  profiles: profileRoutes,
  compare: compareRoutes,
  search: placeSearchRoutes,
  screen: bigScreenRoutes,
  health: healthRoutes,
  dataset: datasetRoutes,
  vocabulary: vocabularyRoutes,
  basemap: basemapRoutes,
  tiles: tileRoutes,
  styles: styleRoutes,
  auth: authRoutes,
  admin: adminRoutes,
  imports: importRoutes,
  live: liveRoutes,
  issues: issueRoutes,
  staff: staffRoutes,
  sites: siteRoutes,
  tourism: tourismRoutes,
  planner: plannerRoutes,
  exports: exportRoutes,
  ogc: ogcRoutes,
  openapi: openApiRoutes,
} as const satisfies Record<string, Record<string, Route>>;

/** All route objects, in group order. */
export const API_ROUTES: readonly Route[] = Object.values(ROUTE_GROUPS).flatMap((group): Route[] =>
  Object.values(group),
);
