import type { LiveEvent, StreamReset } from '../../server/contract/index.ts';

/** One message of a Server-Sent Events stream, parsed as EventSource would. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A test client for `/api/events/stream`: reads the stream with fetch (as EventSource would,
 * Accept and Last-Event-ID included) and keeps every message. `close()` must be called.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  /** True once the server ended the stream (or it failed). */
  ended = false;
  status = 0;
  /** A refused stream's JSON body and Retry-After header. */
  refusal: { statusCode: number; error: string; message: string } | null = null;
  retryAfter: string | null = null;
  private readonly controller = new AbortController();
  private reading: Promise<void> = Promise.resolve();

  static async open(
    url: string,
    options: {
      lastEventId?: number | string;
      cookie?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<SseClient> {
    const client = new SseClient();
    const headers: Record<string, string> = { ...options.headers, accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
    if (options.cookie) headers.cookie = options.cookie;
    const res = await fetch(url, { headers, signal: client.controller.signal });
    client.status = res.status;
    if (!res.ok || !res.body) {
      client.ended = true;
      client.retryAfter = res.headers.get('retry-after');
      client.refusal = (await res.json().catch(() => null)) as SseClient['refusal'];
      return client;
    }
    client.reading = client.read(res.body);
    return client;
  }

  /** The live events received (default `message` events), in order. */
  get events(): LiveEvent[] {
    return this.messages
      .filter((m) => m.event === 'message')
      .map((m) => JSON.parse(m.data) as LiveEvent);
  }

  get resets(): StreamReset[] {
    return this.messages
      .filter((m) => m.event === 'reset')
      .map((m) => JSON.parse(m.data) as StreamReset);
  }

  /** The last `id:` seen: what EventSource would send as Last-Event-ID. */
  get lastEventId(): string | null {
    return this.messages.findLast((m) => m.id !== null)?.id ?? null;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.reading;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          this.parse(block);
        }
      }
    } catch {
      // Aborted by close(), or the server went away.
    } finally {
      this.ended = true;
    }
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) this.messages.push({ id, event, data: data.join('\n') });
  }
}

/** Polls `check` until it returns true; fails after `timeoutMs` (generous: no timing claims). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
