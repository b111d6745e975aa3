/**
 * The live stream's connection as pure state, and the back-off between its attempts. The
 * screen's own retry loop (event-stream.ts) asks here how long to wait, rather than take the
 * browser's fixed 3 s: a server that is down for an hour is not asked 1,200 times.
 */

/** The stream as the screen sees it. */
export interface StreamState {
  /** `connecting` before the first answer; `live` while open; `delayed` once it dropped. */
  status: 'connecting' | 'live' | 'delayed';
  /** Failed attempts since the stream was last open (0 while open). */
  failures: number;
  /** When (ms since the epoch) the stream last delivered or opened; null before. */
  lastGoodAt: number | null;
  /** Counts the reopenings after a drop: the screen refetches its figures on each. */
  reconnects: number;
}

/** Before the first attempt: nothing to say yet, so nothing flashes at start. */
export const INITIAL_STREAM: StreamState = {
  status: 'connecting',
  failures: 0,
  lastGoodAt: null,
  reconnects: 0,
};

/** What happened to the stream, and when (ms since the epoch). */
export type StreamEvent =
  | { type: 'opened'; at: number }
  | { type: 'received'; at: number }
  | { type: 'failed'; at: number };

/** The next stream state. */
export function streamReducer(state: StreamState, event: StreamEvent): StreamState {
  switch (event.type) {
    case 'opened':
      return {
        status: 'live',
        failures: 0,
        lastGoodAt: event.at,
        reconnects: state.reconnects + (state.status === 'delayed' ? 1 : 0),
      };
    case 'received':
      return { ...state, lastGoodAt: event.at };
    case 'failed':
      return { ...state, status: 'delayed', failures: state.failures + 1 };
  }
}
