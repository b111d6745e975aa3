import type { FastifyReply, FastifyRequest } from 'fastify';
import { routeKey, type RouteScope } from '../contract/route.ts';
import { API_ROUTES } from '../contract/routes.ts';

export type { RouteScope };

/**
 * Every route's decision, keyed `METHOD /url` as registered: each route object's `scope`. The
 * access matrix test (tests/api/access.test.ts) fails for a registered route missing here, and
 * checks each decision against the answers every role gets inside and outside an official's area.
 */
export const ROUTE_SCOPES: Readonly<Record<string, RouteScope>> = Object.fromEntries(
  API_ROUTES.map((route) => [routeKey(route), route.scope]),
);

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
