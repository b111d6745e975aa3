/**
 * The live routes as the client calls them. Not reported to the app-wide listeners: the screen
 * tells its own delay (the stream's state), and the connection check and session check run
 * beside it.
 */
import type { EventsQuery } from '../../server/contract/index.ts';
import { liveRoutes, routeUrl } from '../../server/contract/index.ts';
import { request } from '../api/request.ts';

/** The latest `limit` events, or (with `after`) those after that id. */
export const fetchEvents = (query: EventsQuery, signal?: AbortSignal) =>
  request(liveRoutes.events, { query, signal, quiet: true });

/** The stream's address, resuming after an event id when there is one. */
export function streamUrl(after: number | null): string {
  return routeUrl(liveRoutes.stream, { query: after === null ? {} : { after } });
}
