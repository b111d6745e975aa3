/**
 * The API as the client calls it: the error type and listeners (`call.ts`), and the calls
 * that are not components' state (the session's, the health watch's). Response types come
 * from the server's contract (`import type` only for payloads).
 */
import type {
  AreaCollection,
  AreaDetail,
  Health,
  LoginBody,
  MapLevel,
  Me,
} from '../../server/contract/index.ts';
import {
  authRoutes,
  basemapRoutes,
  healthRoutes,
  vocabularyRoutes,
  routeUrl,
} from '../../server/contract/index.ts';
import { callApi, parseRetryAfter } from './call.ts';
import { request } from './request.ts';

export * from './call.ts';

/** Who this browser is, and whether the open demo is on. */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return request(authRoutes.me, { signal, quiet: true });
}

/** Starts a session (an httpOnly cookie) and says who logged in. */
export function login(body: LoginBody, signal?: AbortSignal): Promise<Me> {
  return request(authRoutes.login, { body, signal, quiet: true });
}

/** Ends the session. */
export function logout(): Promise<void> {
  return request(authRoutes.logout, { quiet: true });
}

/** Exchanges a big screen's kiosk token for a read-only session. */
export function exchangeKioskToken(token: string, signal?: AbortSignal): Promise<Me> {
  return request(authRoutes.kiosk, { body: { token }, signal, quiet: true });
}

/** What one look at `GET /api/health` found. */
export type HealthCheck =
  | { reachable: true; health: Health }
  | {
      reachable: false;
      /** The database is down (the server said so), or the server itself did not answer. */
      cause: 'database' | 'server';
      /** Seconds the server asked to wait before asking again, if it said. */
      retryAfterS: number | null;
    };

/**
 * `GET /api/health`. Never throws except when aborted: a 503 (the database is down, same body)
 * and an unreachable server are answers too.
 */
export async function checkHealth(signal?: AbortSignal): Promise<HealthCheck> {
  let response: Response;
  try {
    response = await fetch(routeUrl(healthRoutes.health), {
      signal,
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { reachable: false, cause: 'server', retryAfterS: null };
  }
  const retryAfterS = parseRetryAfter(response.headers.get('retry-after'));
  let health: Health | null = null;
  try {
    health = (await response.json()) as Health;
  } catch {
    // A proxy's error page, or a server shutting down: not the API's answer.
  }
  if (response.ok && health?.status === 'ok') return { reachable: true, health };
  const databaseDown = health !== null && health.database === 'unreachable';
  return { reachable: false, cause: databaseDown ? 'database' : 'server', retryAfterS };
}

/** Every list's terms with their zh-CN and English names (for callers not yet on a query). */
export const fetchVocabulary = (signal?: AbortSignal) =>
  request(vocabularyRoutes.vocabulary, { signal });

/** Land, roads and landmarks of the offline basemap (for callers not yet on a query). */
export const fetchBasemap = (signal?: AbortSignal) => request(basemapRoutes.basemap, { signal });

/** Parameters of `GET /api/areas`. */
export interface AreasRequest {
  level: MapLevel;
  /** Only the children of this area. */
  parent?: string;
  /** The map zoom the geometry is drawn at; the server simplifies to half a pixel there. */
  zoom?: number;
}

// Area polygons change only with the data set: one request per URL per page load. Failures are
// forgotten so a retry asks again. Not abortable: another view may be waiting for the same one.
const areaCache = new Map<string, Promise<AreaCollection>>();

/** `GET /api/areas`: the polygons of one level as GeoJSON (cached for the page's life). */
export function fetchAreas(request: AreasRequest): Promise<AreaCollection> {
  const params = new URLSearchParams({ level: request.level });
  if (request.parent !== undefined) params.set('parent', request.parent);
  if (request.zoom !== undefined) params.set('zoom', String(Math.round(request.zoom)));
  const url = `/api/areas?${params.toString()}`;
  let pending = areaCache.get(url);
  if (!pending) {
    pending = callApi<AreaCollection>(url);
    pending.catch(() => areaCache.delete(url));
    areaCache.set(url, pending);
  }
  return pending;
}

/** `GET /api/areas/:code`: who one area is: its ancestors, children and bbox (its figures: `/api/figures`). */
export function fetchAreaDetail(code: string, signal?: AbortSignal): Promise<AreaDetail> {
  return callApi<AreaDetail>(`/api/areas/${encodeURIComponent(code)}`, { signal });
}

/** Forgets the cached area polygons: what a session may see can change with who is logged in. */
export function clearAreaCache(): void {
  areaCache.clear();
}
