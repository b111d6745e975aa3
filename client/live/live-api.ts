/**
 * Typed fetch of the live routes. Response types come from the server's contract. Not reported
 * to the app-wide listeners: the screen tells its own delay (the stream's state), and the
 * connection check and session check run beside it.
 */
import type { Events } from '../../server/contract/index.ts';
import { callApi } from '../api/api.ts';

const getJson = <T>(path: string, signal?: AbortSignal) =>
  callApi<T>(path, { signal, quiet: true });

/** `GET /api/events?limit=N` (the latest N) or `?after=ID&limit=N` (those after ID). */
export function fetchEvents(
  query: { after?: number; limit?: number },
  signal?: AbortSignal,
): Promise<Events> {
  const params = new URLSearchParams();
  if (query.after !== undefined) params.set('after', String(query.after));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return getJson<Events>(`/api/events?${params.toString()}`, signal);
}

/** The stream's address, resuming after an event id when there is one. */
export function streamUrl(after: number | null): string {
  return after === null ? '/api/events/stream' : `/api/events/stream?after=${after}`;
}
