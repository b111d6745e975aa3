/**
 * Whether the server and its database answer, as pure state. The big screen runs unattended
 * for days: when the database or the server goes away the page keeps its last data, says so,
 * and reloads by itself once `/api/health` is healthy again (use-connection.ts does the asking).
 */
import type { Health } from '../../server/contract/index.ts';
import type { HealthCheck } from '../api/api.ts';

/** How often the health is checked while all is well (ms). */
export const HEALTHY_CHECK_MS = 30_000;
/** How soon to check again while delayed, when the server does not say (ms). */
export const DELAYED_CHECK_MS = 5_000;
/** Bounds of the wait the server may ask for with `Retry-After` (ms). */
const MIN_CHECK_MS = 2_000;
const MAX_CHECK_MS = HEALTHY_CHECK_MS;

/** The connection as the page sees it. */
export interface ConnectionState {
  /** `ok` while the server answers with its database; `delayed` while either is unreachable. */
  status: 'ok' | 'delayed';
  /** What is unreachable while delayed: the database (the server said so) or the server. */
  cause: 'database' | 'server' | null;
  /** When (ms since the epoch) the server last answered with data or a healthy check. */
  lastGoodAt: number | null;
  /** Counts the recoveries from `delayed`: views reload their data when it changes. */
  recoveries: number;
  /** The latest healthy answer of `/api/health` (data set, backend), kept while delayed. */
  health: Health | null;
}

/** Before the first check: assumed well, so nothing flashes at start. */
export const INITIAL_CONNECTION: ConnectionState = {
  status: 'ok',
  cause: null,
  lastGoodAt: null,
  recoveries: 0,
  health: null,
};

/** What the page learnt about the connection, and when (ms since the epoch). */
export type ConnectionEvent =
  { type: 'checked'; at: number; check: HealthCheck } | { type: 'dataLoaded'; at: number };

/** The next connection state. */
export function connectionReducer(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'checked': {
      const { check, at } = event;
      if (!check.reachable) return { ...state, status: 'delayed', cause: check.cause };
      return {
        status: 'ok',
        cause: null,
        lastGoodAt: at,
        recoveries: state.recoveries + (state.status === 'delayed' ? 1 : 0),
        health: check.health,
      };
    }
    case 'dataLoaded':
      // Fresh data is good data even while delayed; only a healthy check ends the delay, so a
      // server that answers one request between failures does not flicker the banner.
      return { ...state, lastGoodAt: event.at };
  }
}

/** How long to wait before the next health check, after one that found `check` (ms). */
export function nextCheckDelay(check: HealthCheck): number {
  if (check.reachable) return HEALTHY_CHECK_MS;
  if (check.retryAfterS === null) return DELAYED_CHECK_MS;
  return Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, check.retryAfterS * 1000));
}
