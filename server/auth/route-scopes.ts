import type { FastifyReply, FastifyRequest } from 'fastify';
import { aggregates, routeKey, zone, zonePersonal, type RouteScope } from '../contract/route.ts';
import { API_ROUTES } from '../contract/routes.ts';

export type { RouteScope };

/**
 * Every route's decision, keyed `METHOD /url` as registered: each route object's `scope`, and
 * below, the routes not yet declared as objects. The access matrix test
 * (tests/api/access.test.ts) fails for a route missing here, and checks each decision against
 * the answers every role gets inside and outside an official's area.
 */
export const ROUTE_SCOPES: Readonly<Record<string, RouteScope>> = {
  ...Object.fromEntries(API_ROUTES.map((route) => [routeKey(route), route.scope])),
  'GET /api/health': aggregates,
  'GET /api/dataset': aggregates,
  'PUT /api/admin/dataset': zone,
  'GET /api/vocabulary': aggregates,
  'GET /api/basemap': aggregates,
  'GET /tiles/:layer/:z/:x/:y.mvt': aggregates,
  // Issue points carry category, status, level, dates and 小区: never a person.
  'GET /tiles/issues/:z/:x/:y.mvt': aggregates,
  'GET /api/issues/cells': aggregates,
  'GET /api/issues/escalations': aggregates,
  'GET /api/issues/:id': {
    holds: 'area-detail',
    outside: 'refused',
    detail: 'the issue (and, for the official of its area, its reporter)',
    personal: true,
  },
  'GET /api/staff': { holds: 'area-detail', outside: 'refused', detail: 'staff posts' },
  'GET /api/staff/duty': { holds: 'area-detail', outside: 'refused', detail: 'staff on duty' },
  'GET /api/sites': aggregates,
  'GET /api/sites/coverage': aggregates,
  'GET /api/tourism/grid': aggregates,
  'GET /api/tourism/pressure': aggregates,
  // Pressure and peak mode are public; staff on duty per 小区 is what /api/staff/duty scopes.
  'GET /api/tourism/peak': {
    holds: 'area-detail',
    outside: 'withheld',
    detail: 'staffOnDuty and short per 小区',
  },
  // Figures count staff per area and department for everyone: totals, not posts or duty.
  'GET /api/figures': aggregates,
  'GET /api/figures/definitions': aggregates,
  'GET /api/areas/:code/profile': {
    holds: 'area-detail',
    outside: 'withheld',
    detail: "a 小区's staff posts and its peak mode's staffOnDuty and short",
  },
  // The CSV writes the figures and the 小区's branch, workers by role and peak mode: no posts.
  'GET /api/areas/:code/profile.csv': aggregates,
  'GET /api/compare': aggregates,
  'GET /api/search': aggregates,
  // Events carry counts, a point and a department: never a person, a post or a schedule.
  'GET /api/events/stream': aggregates,
  'GET /api/events': aggregates,
  'GET /api/screen/summary': aggregates,

  'POST /api/auth/login': { holds: 'own', personal: true },
  'POST /api/auth/kiosk': { holds: 'own' },
  'POST /api/auth/logout': { holds: 'own' },
  'GET /api/auth/me': { holds: 'own', personal: true },

  'GET /api/admin/users': zonePersonal,
  'POST /api/admin/users': zonePersonal,
  'PATCH /api/admin/users/:id': zonePersonal,
  'GET /api/admin/kiosk-tokens': zone,
  // The new token is shown once, in this answer.
  'POST /api/admin/kiosk-tokens': zonePersonal,
  'DELETE /api/admin/kiosk-tokens/:id': zone,
  'GET /api/admin/audit': zonePersonal,
  // An issues file's report may quote its rows, reporters' names and phones among them.
  'POST /api/admin/imports': zonePersonal,
  'GET /api/admin/imports': zonePersonal,
  'POST /api/admin/imports/:id/restore': zonePersonal,
  'GET /api/admin/import-sources': zone,
  'GET /api/admin/import-fields': zone,
};

/** The decision for a request's route; HEAD is answered by its GET route. */
export function routeScope(method: string, url: string | undefined): RouteScope | undefined {
  if (url === undefined) return undefined;
  return ROUTE_SCOPES[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/**
 * `onSend` hook: an answer that may name a person is never stored; one whose detail depends
 * on who asks is kept out of shared caches.
 */
export async function routeScopeHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const decision = routeScope(request.method, request.routeOptions.url);
  if (decision?.personal) reply.header('cache-control', 'no-store');
  else if (decision?.holds === 'area-detail' && !reply.hasHeader('cache-control')) {
    reply.header('cache-control', 'private');
  }
  return payload;
}
