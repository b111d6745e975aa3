/**
 * The live stream: an EventSource on `/api/events/stream` with a retry loop of its own. The
 * browser's built-in reconnection retries every 3 s forever and cannot say it is failing; here a
 * drop closes the source, the screen is told (the delay banner), and the next attempt waits
 * longer each time (stream-state.ts), resuming with `?after=` the last id seen, so the server
 * replays what was missed. Events are handed over in small batches, not one render each.
 */
import type { LiveEvent, StreamReset } from '../../server/contract/index.ts';
import { isEventId } from './event-list.ts';
import { streamUrl } from './live-api.ts';
import { retryDelay } from '../connection/retry.ts';

/** What the stream tells its owner. */
export interface EventStreamHandlers {
  /** The stream is open (again). */
  onOpen(): void;
  /** Events arrived, oldest first. */
  onEvents(events: LiveEvent[]): void;
  /** The server cannot resume from the id asked for: refetch everything. */
  onReset(reset: StreamReset): void;
  /** The stream dropped or could not open; another attempt follows after `retryInMs`. */
  onFailure(retryInMs: number): void;
}

/** Options of {@link openEventStream}. */
export interface EventStreamOptions {
  /** The id to resume after, read at each attempt (null: live events only). */
  lastId(): number | null;
  handlers: EventStreamHandlers;
  /** How long events gather before they are handed over (ms, default 100). */
  batchMs?: number;
  /** Jitter source, 0..1 (default Math.random). */
  random?: () => number;
}

function parseEvent(data: string): LiveEvent | null {
  try {
    const event = JSON.parse(data) as LiveEvent;
    return event && isEventId(event.id) && typeof event.kind === 'string' ? event : null;
  } catch {
    return null;
  }
}

/** Opens the stream; returns the function that closes it for good. */
export function openEventStream({
  lastId,
  handlers,
  batchMs = 100,
  random = Math.random,
}: EventStreamOptions): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let batch: LiveEvent[] = [];
  let failures = 0;
  let closed = false;

  const flush = () => {
    batchTimer = undefined;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    handlers.onEvents(events);
  };

  const connect = () => {
    retryTimer = undefined;
    if (closed) return;
    const es = new EventSource(streamUrl(lastId()));
    source = es;
    es.onopen = () => {
      failures = 0;
      handlers.onOpen();
    };
    es.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (!event) return;
      batch.push(event);
      batchTimer ??= setTimeout(flush, batchMs);
    };
    es.addEventListener('reset', (message: MessageEvent<string>) => {
      flush();
      try {
        handlers.onReset(JSON.parse(message.data) as StreamReset);
      } catch {
        // A reset without its body still means: fetch everything again.
        handlers.onReset({ reason: 'unknown', latestEventId: lastId() ?? 0 });
      }
    });
    es.onerror = () => {
      if (source !== es) return;
      // What arrived before the drop still counts; then our own back-off, not the browser's.
      flush();
      es.close();
      source = null;
      failures += 1;
      const wait = retryDelay(failures, random());
      handlers.onFailure(wait);
      retryTimer = setTimeout(connect, wait);
    };
  };
  connect();

  return () => {
    closed = true;
    clearTimeout(retryTimer);
    clearTimeout(batchTimer);
    batch = [];
    source?.close();
    source = null;
  };
}
