/** The caps on open event streams (EVENT_STREAMS_PER_CLIENT, EVENT_STREAMS_MAX). */
export interface StreamCaps {
  /** Open streams one client (address) may hold (default 20). */
  perClient: number;
  /** Open streams this server instance holds at most (default 1000). */
  max: number;
}

export const DEFAULT_STREAM_CAPS: StreamCaps = { perClient: 20, max: 1000 };

/**
 * Counts open streams per client and in all. An open stream holds a socket, a hub subscriber
 * and up to 1 MiB of queue for as long as the client likes, so one client must not hold
 * them all. A slot is taken before the stream opens and given back exactly once when it closes.
 */
export class StreamSlots {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(readonly caps: StreamCaps) {}

  /**
   * Takes a slot for `client`; says which cap refused it otherwise. The returned release is
   * idempotent, so every way a stream ends may call it.
   */
  take(client: string): { release: () => void } | { refused: 'client' | 'server' } {
    const held = this.perClient.get(client) ?? 0;
    if (held >= this.caps.perClient) return { refused: 'client' };
    if (this.total >= this.caps.max) return { refused: 'server' };
    this.perClient.set(client, held + 1);
    this.total += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left > 0) this.perClient.set(client, left);
        else this.perClient.delete(client);
      },
    };
  }

  /** Streams open now, in all or for one client. */
  open(client?: string): number {
    return client === undefined ? this.total : (this.perClient.get(client) ?? 0);
  }
}
