import type { FastifyReply, FastifyRequest } from 'fastify';
import { aggregates, routeKey, type RouteScope } from '../contract/route.ts';
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
