/**
 * Calls a declared route (`server/contract/route.ts`): the URL is built from the route object
 * and the input, never by hand, and the answer is typed by the route's schema.
 */
import {
  routeUrl,
  type Route,
  type RouteInput,
  type RouteReply,
} from '../../server/contract/index.ts';
import { callApi } from './call.ts';

/** How a call is made, beside what it sends. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Keep the outcome from the app-wide listeners (see `callApi`). */
  quiet?: boolean;
}

type InputArg<R extends Route> =
  object extends RouteInput<R>
    ? [input?: RouteInput<R> & CallOptions]
    : [input: RouteInput<R> & CallOptions];

/** Calls `route` with its parameters, query and body; rejects with an `ApiError`. */
export function request<R extends Route>(
  route: R,
  ...[input]: InputArg<R>
): Promise<RouteReply<R>> {
  const { params, query, body, signal, quiet } = (input ?? {}) as {
    params?: object;
    query?: object;
    body?: unknown;
  } & CallOptions;
  return callApi<RouteReply<R>>(routeUrl(route, { params, query }), {
    method: route.method,
    body,
    signal,
    quiet,
  });
}
