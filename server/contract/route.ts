/**
 * A route, declared once: its method, URL, schemas, access and scope. The server registers it
 * (`server/http/route.ts`), the access and hostile-input matrices read it, and the client calls
 * it with `request(route, input)` (`client/api/request.ts`), so no side writes a URL by hand.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Access } from './roles.ts';

/**
 * What a route's answer holds, decided once per route, for the scoping rule of
 * `server/auth/roles.ts` (`detailScope`):
 * - `aggregates`: the same answer for every role admitted: counts, public layers (without
 *   people), definitions, the server's state. An official gets what a visitor of the open demo
 *   gets, in any area.
 * - `area-detail`: per-area detail (staff posts, who is on duty, single issues), shown only
 *   where `detailScope` covers: an official's own area, zone-wide for planners and admins.
 *   Outside it the answer is `refused` (a single item or an area's list: 403 naming the
 *   caller's area; not 404, because the area and the id are public already, in the
 *   area list, the issue tiles and the profiles, so a 404 would hide nothing and only mislead)
 *   or `withheld` (a list across areas: the detail fields are null outside the scope, the
 *   rest is the aggregate everyone gets).
 * - `zone`: zone-wide work for planners or admins; their access keeps officials out.
 * - `own`: about the caller's own session.
 *
 * `personal`: the answer may name a person (a reporter's name and phone, a user's name) or
 * carry a secret: it is sent with `Cache-Control: no-store`, so no browser or proxy keeps it.
 */
export type RouteScope =
  | { readonly holds: 'aggregates' | 'zone' | 'own'; readonly personal?: true }
  | {
      readonly holds: 'area-detail';
      readonly outside: 'refused' | 'withheld';
      readonly detail: string;
      readonly personal?: true;
    };

export const aggregates = { holds: 'aggregates' } as const satisfies RouteScope;
export const zone = { holds: 'zone' } as const satisfies RouteScope;
export const zonePersonal = { holds: 'zone', personal: true } as const satisfies RouteScope;
export const own = { holds: 'own' } as const satisfies RouteScope;
export const ownPersonal = { holds: 'own', personal: true } as const satisfies RouteScope;

/** The `204` answer's schema: no body (typed `void`, so `reply.status(204).send()` types). */
export const NoContentSchema = Type.Unsafe<void>({ description: 'No content' });

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The schemas Fastify validates and serialises with; `response` is keyed by status. */
export interface RouteSchemas {
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  readonly response: Readonly<Record<number, TSchema>>;
  readonly summary?: string;
  readonly description?: string;
  readonly produces?: readonly string[];
}

/** One route of the API, as both sides read it. */
export interface Route<
  M extends Method = Method,
  U extends string = string,
  S extends RouteSchemas = RouteSchemas,
> {
  readonly method: M;
  /** The whole path, with `:name` parameters (`/api/areas/:code`). */
  readonly url: U;
  readonly schema: S;
  /** The weakest role admitted. */
  readonly access: Access;
  /** What the answer holds (see {@link RouteScope}). */
  readonly scope: RouteScope;
}

/** Declares a route; the identity, so the literal types of method, URL and schemas survive. */
export function defineRoute<
  const M extends Method,
  const U extends string,
  const S extends RouteSchemas,
>(route: Route<M, U, S>): Route<M, U, S> {
  return route;
}

type StaticOf<T> = T extends TSchema ? Static<T> : undefined;

export type RouteParams<R extends Route> = StaticOf<R['schema']['params']>;
export type RouteQuery<R extends Route> = StaticOf<R['schema']['querystring']>;
export type RouteBody<R extends Route> = StaticOf<R['schema']['body']>;

type Success = 200 | 201 | 202 | 204;
/** The body of the route's success answer (`undefined` for 204). */
export type RouteReply<R extends Route> = {
  [K in keyof R['schema']['response'] & Success]: K extends 204
    ? undefined
    : StaticOf<R['schema']['response'][K]>;
}[keyof R['schema']['response'] & Success];

// A part the route has is required, unless every field of it is optional.
type Part<Name extends string, T> = [T] extends [undefined]
  ? { readonly [K in Name]?: never }
  : object extends T
    ? { readonly [K in Name]?: T }
    : { readonly [K in Name]: T };

/**
 * What a caller gives to call a route: its path parameters, query and body, each typed by the
 * route's schema. A body may also be sent as raw bytes (`Blob`) or CSV text (`string`) where
 * the route reads those.
 */
export type RouteInput<R extends Route> = Part<'params', RouteParams<R>> &
  Part<'query', RouteQuery<R>> &
  ([RouteBody<R>] extends [undefined]
    ? { readonly body?: R['method'] extends 'GET' ? never : Blob | string }
    : Part<'body', RouteBody<R> | (R['method'] extends 'GET' ? never : Blob | string)>);

/** `/api/areas/:code` with `{ code: 'PQ01' }` → `/api/areas/PQ01`; every parameter is encoded. */
export function routePath(url: string, params: object | undefined): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null) throw new Error(`${url}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The query string of a route's query object: absent and null fields are left out, a list is
 * joined with commas (the API's list fields are comma-separated), in the object's key order.
 */
export function routeQueryString(query: object | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The URL a route is called at, with its parameters and query. */
export function routeUrl(
  route: Pick<Route, 'url'>,
  input: { params?: object; query?: object } = {},
): string {
  return routePath(route.url, input.params) + routeQueryString(input.query);
}

/**
 * A URL template of a route for a client that fills the rest itself, as MapLibre fills a tile
 * source's `{z}/{x}/{y}`: the parameters given are encoded, the others stay `{name}`.
 * `/tiles/:layer/:z/:x/:y.mvt` with `{ layer: 'pianqu' }` → `/tiles/pianqu/{z}/{x}/{y}.mvt`.
 */
export function routeTemplate(route: Pick<Route, 'url'>, params: object = {}): string {
  return route.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    return value === undefined || value === null ? `{${name}}` : encodeURIComponent(String(value));
  });
}

/** The key naming a route in the access and scope tables: `GET /api/areas/:code`. */
export const routeKey = (route: Pick<Route, 'method' | 'url'>): string =>
  `${route.method} ${route.url}`;
