/**
 * Typed fetch helpers for the API. Response types come from the server's contract
 * (`import type` only: the schemas themselves stay on the server).
 */
import type {
  AreaCollection,
  AreaDetail,
  Basemap,
  Health,
  MapLevel,
} from '../../server/contract/index.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/** Why a request failed, in the terms the UI explains to the user. */
export type ApiFailure =
  'network' | 'badRequest' | 'unauthorized' | 'forbidden' | 'notFound' | 'unavailable' | 'server';

/** A failed API request: the kind of failure, and the server's own message where it sent one. */
export class ApiError extends Error {
  /** What went wrong, as the UI tells it. */
  readonly kind: ApiFailure;
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The `message` of the API's error body (English), if there was one. */
  readonly serverMessage: string | null;

  constructor(kind: ApiFailure, status: number, serverMessage: string | null) {
    super(serverMessage ?? `API request failed (${kind}, HTTP ${status})`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.serverMessage = serverMessage;
  }

  /** The catalogue key of the sentence that explains this failure to the user. */
  get messageKey(): MessageKey {
    return `error.${this.kind}`;
  }
}

/** Maps an HTTP status to the kind of failure the UI explains. */
export function failureOfStatus(status: number): ApiFailure {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'badRequest';
  return 'server';
}

/** Whether asking again may help: the server was down or busy, not the request wrong. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.kind === 'network' || error.kind === 'unavailable' || error.kind === 'server';
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', 0, null);
  }
  if (!response.ok) {
    let message: string | null = null;
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // Not the API's JSON error body (e.g. a proxy's HTML page): the status says enough.
    }
    throw new ApiError(failureOfStatus(response.status), response.status, message);
  }
  return (await response.json()) as T;
}

/** `GET /api/health`. */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}

/** `GET /api/basemap`: land, roads and landmarks of the offline basemap. */
export function fetchBasemap(signal?: AbortSignal): Promise<Basemap> {
  return getJson<Basemap>('/api/basemap', signal);
}

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
    pending = getJson<AreaCollection>(url);
    pending.catch(() => areaCache.delete(url));
    areaCache.set(url, pending);
  }
  return pending;
}

/** `GET /api/areas/:code`: one area with its ancestors, children, bbox and statistics. */
export function fetchAreaDetail(code: string, signal?: AbortSignal): Promise<AreaDetail> {
  return getJson<AreaDetail>(`/api/areas/${encodeURIComponent(code)}`, signal);
}
