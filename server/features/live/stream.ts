import { PassThrough } from 'node:stream';
import type { LiveEvent, StreamReset } from '../../contract/index.ts';
import type { EventHub } from './hub.ts';
import type { EventsRepository } from './repository.ts';

/** Comment line sent this often so proxies and browsers keep an idle stream open. */
export const HEARTBEAT_MS = 15_000;
/** Events per read while replaying from the table. */
const REPLAY_PAGE = 500;
/**
 * Bytes a stream may have queued for a slow client before it is dropped. The client reconnects
 * with its Last-Event-ID and replays the rest from the table, so dropping loses nothing.
 */
export const MAX_QUEUED_BYTES = 1024 * 1024;
/** Live events held while a stream replays; more than this and it is dropped the same way. */
const MAX_PENDING = 5_000;
/** How long the browser waits before reconnecting (SSE `retry:`). */
const RETRY_MS = 2_000;

/** One SSE message: `id:` lets EventSource resume with Last-Event-ID. */
export function sseMessage(event: LiveEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function sseReset(reset: StreamReset): string {
  return `id: ${reset.latestEventId}\nevent: reset\ndata: ${JSON.stringify(reset)}\n\n`;
}

/**
 * One open stream: replays from the table what the client missed, then passes on live events
 * from the hub, each exactly once and in id order. It subscribes before replaying, holding
 * live events meanwhile: whatever committed before it subscribed is in the table when the
 * replay reads it, and whatever the hub reads after reaches it; `cursor` drops the overlap.
 */
export class EventStream {
  readonly body = new PassThrough();
  private cursor = 0;
  /** Where the replay started, to tell whether retention pruned under it. */
  private replayFrom = 0;
  private replaying = true;
  private pending: LiveEvent[] = [];
  private unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly hub: EventHub,
    private readonly repo: EventsRepository,
    private readonly onClose: (stream: EventStream) => void,
  ) {
    this.unsubscribe = hub.subscribe((events) => this.onLive(events));
    this.body.on('close', () => this.close());
    this.body.on('error', () => this.close());
  }

  /**
   * Decides where the stream starts, before any byte is sent (so a database outage is still a
   * 503): after `after`, or from now when null. An id older than retention, or unknown here,
   * gets a `reset` and the stream goes on from the newest id.
   */
  async prepare(after: number | null): Promise<void> {
    this.write(`retry: ${RETRY_MS}\n: 事件流 pianqu-atlas\n\n`);
    const { reset, latest } = await this.repo.resumable(after ?? 0);
    if (after === null) {
      this.cursor = latest;
    } else if (reset) {
      this.write(sseReset(reset));
      this.cursor = reset.latestEventId;
    } else {
      this.cursor = after;
    }
    this.replayFrom = this.cursor;
  }

  /** Sends what the table holds after the cursor, then the live events held meanwhile. */
  async replay(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const events = await this.repo.after(this.cursor, REPLAY_PAGE);
      for (const event of events) this.send(event);
      if (events.length < REPLAY_PAGE) break;
      // Let a slow client take the replay at its own pace instead of queueing it all.
      if (this.body.writableLength > MAX_QUEUED_BYTES / 2) await this.drained();
    }
    // Retention may have pruned events the replay had not reached yet: say so, rather than
    // leave a silent gap.
    const { prunedThrough } = await this.repo.bounds();
    if (prunedThrough > this.replayFrom) {
      this.cursor = Math.max(this.cursor, prunedThrough);
      this.write(sseReset({ reason: 'expired', latestEventId: this.cursor }));
    }
    this.replaying = false;
    const held = this.pending;
    this.pending = [];
    for (const event of held) this.send(event);
  }

  heartbeat(): void {
    this.write(': ping\n\n');
  }

  /** Ends the stream (server closing, client gone or too slow); idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.pending = [];
    this.body.end();
    this.onClose(this);
  }

  private onLive(events: LiveEvent[]): void {
    if (this.replaying) {
      this.pending.push(...events);
      if (this.pending.length > MAX_PENDING) this.close();
      return;
    }
    for (const event of events) this.send(event);
  }

  private send(event: LiveEvent): void {
    if (event.id <= this.cursor) return;
    this.cursor = event.id;
    this.write(sseMessage(event));
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.body.writableLength > MAX_QUEUED_BYTES) {
      this.close();
      return;
    }
    this.body.write(chunk);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.body.off('drain', done);
        this.body.off('close', done);
        resolve();
      };
      this.body.on('drain', done);
      this.body.on('close', done);
    });
  }
}
