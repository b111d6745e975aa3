/**
 * The API as the client calls it: the error type and listeners (`call.ts`), and the calls
 * that are not components' state (the session's, the health watch's). Response types come
 * from the server's contract (`import type` only for payloads).
 */
import type { Health, LoginBody, Me } from '../../server/contract/index.ts';
import { authRoutes, healthRoutes, routeUrl } from '../../server/contract/index.ts';
import { parseRetryAfter } from './call.ts';
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
