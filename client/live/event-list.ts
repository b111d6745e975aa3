/**
 * The list of latest live events as pure state: newest first, each event once, never longer
 * than its bound. Events reach the screen by several paths that overlap (the initial list, the
 * stream, the catch-up list after a reconnect, the server's replay of what followed the last
 * id); whatever order and however often they arrive, the list is the same.
 */

/** What the list needs of an event: its id, increasing in commit order (a bigserial). */
export interface Identified {
  id: number;
}

/** The list of latest events. */
export interface EventList<E extends Identified> {
  /** Newest (highest id) first; at most `bound` long. */
  items: readonly E[];
  /** The most events kept (default {@link TICKER_BOUND}). */
  bound: number;
  /**
   * The highest id ever added, kept when its event has been pushed out of the list: the
   * stream resumes after it. Null before the first event.
   */
  lastId: number | null;
}

/** How many events the ticker keeps: enough for a screen, bounded for a screen running days. */
export const TICKER_BOUND = 50;

/** An empty list of the given bound. */
export function emptyEventList<E extends Identified>(bound = TICKER_BOUND): EventList<E> {
  return { items: [], bound, lastId: null };
}

/** Whether a value is an event id (a non-negative safe integer). */
export function isEventId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** The larger of two ids, either possibly null. */
export function maxEventId(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Adds events: those already in the list (same id) are ignored, the rest take their place by
 * id, and the oldest beyond the bound fall off. Returns the same object when nothing changed,
 * so a React state holding it does not re-render for a replayed event.
 */
export function addEvents<E extends Identified>(
  list: EventList<E>,
  incoming: readonly E[],
): EventList<E> {
  if (incoming.length === 0) return list;
  const known = new Set(list.items.map((e) => e.id));
  const fresh: E[] = [];
  let lastId = list.lastId;
  for (const event of incoming) {
    if (!isEventId(event.id) || known.has(event.id)) continue;
    known.add(event.id);
    fresh.push(event);
    lastId = maxEventId(lastId, event.id);
  }
  if (fresh.length === 0) return list;
  const oldestKept = list.items.length >= list.bound ? list.items[list.items.length - 1] : null;
  // A full list has no room for an event older than all it keeps (a late replay): it would
  // fall off at once, so the list stays as it is.
  const admitted = oldestKept ? fresh.filter((e) => e.id > oldestKept.id) : fresh;
  if (admitted.length === 0) return lastId === list.lastId ? list : { ...list, lastId };
  const items = [...list.items, ...admitted].sort((a, b) => b.id - a.id).slice(0, list.bound);
  return { items, bound: list.bound, lastId };
}

/** The list with everything forgotten (the server said its event log restarted). */
export function clearEvents<E extends Identified>(list: EventList<E>): EventList<E> {
  return emptyEventList<E>(list.bound);
}
