import type { Db, Listener } from '../../db/db.ts';
import type { LiveEvent } from '../../contract/index.ts';
import { eventsRepository } from './repository.ts';

/** The channel the event triggers notify (006_events.sql). */
export const EVENTS_CHANNEL = 'atlas_events';
/** Events read per query when catching up. */
const PAGE = 500;
/**
 * A read now and then even without a notification: a safety net under LISTEN (a notification
 * lost while the listening connection was being replaced costs at most this delay).
 */
const POLL_MS = 5_000;

/** Receives each batch of new events, in id order, ids increasing across batches. */
export type EventSubscriber = (events: LiveEvent[]) => void;

/**
 * One per server instance: LISTENs for new events and fans them out to the subscribers (the
 * open streams). A notification only says "something new": the hub reads `event WHERE id >
 * lastSeen ORDER BY id`, so coalesced, duplicated or lost notifications skip nothing, and ids
 * increase in commit order (the triggers serialise writers), so nothing committed later can
 * appear below `lastSeen`.
 */
export class EventHub {
  private readonly repo;
  private readonly subscribers = new Set<EventSubscriber>();
  /** The newest id fanned out; null until known (the database may be down at start). */
  private lastSeen: number | null = null;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private listener: Listener | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly db: Db) {
    this.repo = eventsRepository(db);
  }

  async start(): Promise<void> {
    await this.pull();
    this.listener = await this.db.listen(EVENTS_CHANNEL, {
      onNotify: () => void this.pull(),
      // Back after an outage: read what was written meanwhile.
      onConnect: () => void this.pull(),
    });
    this.timer = setInterval(() => void this.pull(), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.subscribers.clear();
    await this.listener?.close();
    await this.pulling;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Reads and fans out what is new; concurrent calls coalesce into one more round. */
  pull(): Promise<void> {
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      do {
        this.pullAgain = false;
        try {
          await this.readNew();
        } catch {
          // Database unreachable: the next notification, reconnect or poll tries again.
          return;
        }
      } while (this.pullAgain && !this.stopped);
    })().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  private async readNew(): Promise<void> {
    if (this.lastSeen === null) {
      // Subscribers replay from the table by their own id, so the hub need only start here.
      this.lastSeen = (await this.repo.bounds()).latest;
    }
    for (;;) {
      const events = await this.repo.after(this.lastSeen, PAGE);
      if (events.length === 0 || this.stopped) return;
      this.lastSeen = events[events.length - 1]!.id;
      for (const subscriber of [...this.subscribers]) {
        try {
          subscriber(events);
        } catch {
          // One broken stream must not stop the others.
        }
      }
      if (events.length < PAGE) return;
    }
  }
}
