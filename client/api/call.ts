/**
 * How the client talks to the API: one fetch with the app's error type and the app-wide
 * outcome listeners. Routes are called through `request(route, input)` (`request.ts`), which
 * builds the URL from the route object.
 */
import type { MessageKey } from '../i18n/i18n.ts';
import {
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemParams,
} from '../../server/contract/problems.ts';

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
  /** Seconds the server asked the client to wait (`Retry-After`), if it said. */
  readonly retryAfterS: number | null;
  /** The whole JSON error body, for routes that say more than a message (an import's report). */
  readonly body: unknown;

  constructor(
    kind: ApiFailure,
    status: number,
    serverMessage: string | null,
    retryAfterS: number | null = null,
    body: unknown = null,
  ) {
    super(serverMessage ?? `API request failed (${kind}, HTTP ${status})`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.serverMessage = serverMessage;
    this.retryAfterS = retryAfterS;
    this.body = body;
  }

  /** The catalogue key of the sentence that explains this failure to the user. */
  get messageKey(): MessageKey {
    return `error.${this.kind}`;
  }

  /** The problem's stable code, when the error body names one the contract lists. */
  get code(): ProblemCode | null {
    const code = (this.body as { code?: unknown } | null)?.code;
    return (PROBLEM_CODES as readonly unknown[]).includes(code) ? (code as ProblemCode) : null;
  }

  /** The values the problem's sentence names (empty without a code). */
  get params(): ProblemParams {
    const params = (this.body as { params?: unknown } | null)?.params;
    return this.code && params && typeof params === 'object' ? (params as ProblemParams) : {};
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

/** Reads a `Retry-After` header given in seconds (the HTTP-date form is not used by this API). */
export function parseRetryAfter(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/** The outcome of one data request, as the app-wide listeners hear it. */
export type ApiOutcome = { ok: true; path: string } | { ok: false; path: string; error: ApiError };

const listeners = new Set<(outcome: ApiOutcome) => void>();

/**
 * Hears the outcome of every data request (not the login, session or health requests, whose
 * callers handle their own answers): the app watches for an expired session (401) and for the
 * database or server going away (503, network). Returns the unsubscribe function.
 */
export function subscribeApiOutcomes(listener: (outcome: ApiOutcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Options of {@link callApi}. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Sent as JSON; a string is sent as it is, as `text/csv` (the planner's import); a Blob (a
   * picked File) as its raw bytes, `application/octet-stream` (the data import).
   */
  body?: unknown;
  signal?: AbortSignal;
  /** Keep the outcome from the app-wide listeners (auth and health requests). */
  quiet?: boolean;
}

async function failureOf(response: Response): Promise<ApiError> {
  let message: string | null = null;
  let body: unknown = null;
  try {
    body = await response.json();
    const m = (body as { message?: unknown } | null)?.message;
    if (typeof m === 'string') message = m;
  } catch {
    // Not the API's JSON error body (e.g. a proxy's HTML page): the status says enough.
  }
  return new ApiError(
    failureOfStatus(response.status),
    response.status,
    message,
    parseRetryAfter(response.headers.get('retry-after')),
    body,
  );
}

/** The headers and payload `fetch` sends for a request body (see {@link RequestOptions}). */
export function requestBody(body: unknown): {
  headers: Record<string, string>;
  payload?: string | Blob;
} {
  if (body === undefined) return { headers: { accept: 'application/json' } };
  if (body instanceof Blob) {
    return {
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
      payload: body,
    };
  }
  if (typeof body === 'string') {
    return {
      headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
      payload: body,
    };
  }
  return {
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  };
}

/** A JSON request to the API, its outcome reported to the app-wide listeners unless `quiet`. */
export async function callApi<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, quiet = false } = options;
  const tell = (outcome: ApiOutcome) => {
    if (!quiet) for (const listener of listeners) listener(outcome);
  };
  const { headers, payload } = requestBody(body);
  let response: Response;
  try {
    response = await fetch(path, { method, signal, headers, body: payload });
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = new ApiError('network', 0, null);
    tell({ ok: false, path, error: failure });
    throw failure;
  }
  if (!response.ok) {
    const failure = await failureOf(response);
    tell({ ok: false, path, error: failure });
    throw failure;
  }
  tell({ ok: true, path });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
