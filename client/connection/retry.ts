/**
 * The one back-off of the client: the event stream, the live list's catch-up, the data set's
 * first read, a mode's download and the session check all wait this way after a failure.
 * (A `Retry-After` the server sends is honoured instead, in connection.ts.)
 */

/** The first wait after a drop (ms). */
export const FIRST_RETRY_MS = 1_000;
/** The longest wait between two attempts (ms). */
export const MAX_RETRY_MS = 30_000;

/**
 * How long to wait before attempt number `failures + 1`: doubling from 1 s up to `maxMs`
 * (default 30 s), with
 * the upper half jittered (`random` in 0..1) so that a wall of screens does not reconnect in
 * one burst when their server comes back.
 */
export function retryDelay(
  failures: number,
  random: number = Math.random(),
  maxMs: number = MAX_RETRY_MS,
): number {
  const ceiling = Math.min(maxMs, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random)));
}
