/**
 * The screen's live feed: the latest events (the ticker's list), the stream's state, and a
 * revision that moves whenever the figures may have changed (events arrived, the stream came
 * back, the server said to start over), at most once per `refetchEveryMs`.
 *
 * Order of work, so that nothing is missed or doubled: the latest events are fetched first,
 * then the stream opens after the newest id they name; every later attempt resumes after the
 * highest id seen, and the event list ignores anything it already holds.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LiveEvent } from '../../server/contract/index.ts';
import { openEventStream } from './event-stream.ts';
import {
  TICKER_BOUND,
  addEvents,
  clearEvents,
  emptyEventList,
  maxEventId,
  type EventList,
} from './event-list.ts';
import { fetchEvents } from './live-api.ts';
import { retryDelay } from '../connection/retry.ts';
import { INITIAL_STREAM, streamReducer, type StreamState } from './stream-state.ts';

/** What {@link useLive} gives the screen. */
export interface Live {
  events: EventList<LiveEvent>;
  stream: StreamState;
  /** Moves when the figures should be fetched again (throttled). */
  revision: number;
  /** The newest event id this screen has seen (null: none yet). */
  latestSeen: number | null;
  /**
   * Asks for the figures again (throttled): the server may answer from a summary counted
   * just before the newest events, and a screen that got one must ask once more.
   */
  refetch(): void;
}

/** Options of {@link useLive}. */
export interface UseLiveOptions {
  /** Called with each batch of new events (not replays), oldest first: the map pulses them. */
  onEvents?(events: LiveEvent[]): void;
  /** The server loaded another data set (`data.reloaded`): everything shown is read again. */
  onReload?(): void;
  /** Most often the figures are refetched (ms, default 2000). */
  refetchEveryMs?: number;
  /** Longest ticker (default {@link TICKER_BOUND}). */
  bound?: number;
}

type ListAction = { type: 'add'; events: LiveEvent[] } | { type: 'clear' };

function listReducer(list: EventList<LiveEvent>, action: ListAction): EventList<LiveEvent> {
  return action.type === 'add' ? addEvents(list, action.events) : clearEvents(list);
}

/**
 * A counter that moves at most once per `everyMs`: the first bump at once, later ones folded
 * into one at the end of the interval.
 */
function useThrottledRevision(everyMs: number): [number, () => void] {
  const [revision, setRevision] = useState(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const bump = useCallback(() => {
    if (timer.current !== undefined) return;
    const wait = last.current + everyMs - Date.now();
    const fire = () => {
      timer.current = undefined;
      last.current = Date.now();
      setRevision((r) => r + 1);
    };
    if (wait <= 0) fire();
    else timer.current = setTimeout(fire, wait);
  }, [everyMs]);
  return [revision, bump];
}

/** Runs the live feed for the screen's life; `enabled` false holds it (not signed in yet). */
export function useLive(enabled: boolean, options: UseLiveOptions = {}): Live {
  const { refetchEveryMs = 2_000, bound = TICKER_BOUND } = options;
  const [events, dispatchList] = useReducer(listReducer, bound, (b) => emptyEventList(b));
  const [stream, dispatchStream] = useReducer(streamReducer, INITIAL_STREAM);
  const [revision, bumpRevision] = useThrottledRevision(refetchEveryMs);
  const [latestSeen, setLatestSeen] = useState<number | null>(null);
  const onEventsRef = useRef(options.onEvents);
  const onReloadRef = useRef(options.onReload);
  useEffect(() => {
    onEventsRef.current = options.onEvents;
    onReloadRef.current = options.onReload;
  }, [options.onEvents, options.onReload]);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let lastId: number | null = null;
    // Ids already handed to the map: a replay after a reconnect must not pulse twice.
    let pulsedUpTo: number | null = null;
    let closeStream: (() => void) | null = null;

    const take = (incoming: LiveEvent[]) => {
      if (incoming.some((e) => e.kind === 'data.reloaded')) {
        onReloadRef.current?.();
        void restart();
        return;
      }
      for (const e of incoming) lastId = maxEventId(lastId, e.id);
      setLatestSeen(lastId);
      dispatchList({ type: 'add', events: incoming });
      const fresh = incoming.filter((e) => pulsedUpTo === null || e.id > pulsedUpTo);
      pulsedUpTo = maxEventId(pulsedUpTo, lastId);
      if (fresh.length > 0) onEventsRef.current?.(fresh);
      bumpRevision();
    };

    // The latest events for the ticker, then the stream after the newest of them. Asked again
    // until it answers: an unattended screen may start before its server.
    const loadLatest = async (): Promise<boolean> => {
      for (let failures = 0; !controller.signal.aborted; failures++) {
        try {
          const latest = await fetchEvents({ limit: bound }, controller.signal);
          dispatchList({ type: 'clear' });
          dispatchList({ type: 'add', events: latest.events });
          lastId = maxEventId(
            latest.events.reduce<number | null>((m, e) => maxEventId(m, e.id), null),
            latest.latestEventId,
          );
          pulsedUpTo = lastId;
          setLatestSeen(lastId);
          return true;
        } catch {
          if (controller.signal.aborted) return false;
          dispatchStream({ type: 'failed', at: Date.now() });
          await new Promise((r) => setTimeout(r, retryDelay(failures + 1)));
        }
      }
      return false;
    };

    const start = () => {
      closeStream = openEventStream({
        lastId: () => lastId,
        handlers: {
          onOpen: () => {
            dispatchStream({ type: 'opened', at: Date.now() });
            // Back after a drop, or first open: the figures may have moved meanwhile.
            bumpRevision();
          },
          onEvents: (batch) => {
            dispatchStream({ type: 'received', at: Date.now() });
            take(batch);
          },
          onReset: () => void restart(),
          onFailure: () => dispatchStream({ type: 'failed', at: Date.now() }),
        },
      });
    };

    // Everything again: the ticker's list, the stream after its newest id, the figures.
    const restart = async () => {
      closeStream?.();
      closeStream = null;
      if (await loadLatest()) {
        bumpRevision();
        start();
      }
    };
    void restart();

    return () => {
      controller.abort();
      closeStream?.();
    };
  }, [enabled, bound, bumpRevision]);

  return { events, stream, revision, latestSeen, refetch: bumpRevision };
}
