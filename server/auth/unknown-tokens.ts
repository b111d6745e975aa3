/**
 * Session tokens the database did not know, remembered for a short while so that a client
 * replaying a bogus, expired or revoked cookie costs one session lookup, not one per request.
 *
 * Only misses are remembered. A token that is unknown never becomes valid: the server issues
 * fresh 256-bit random tokens, and logout, expiry, revoking a kiosk and disabling a user only
 * ever end sessions. So an entry cannot go stale, and the TTL and the bound only cap memory.
 * Hits are never cached: logout or disabling an account (on any instance) takes effect on the
 * next request.
 */
export class UnknownTokens {
  /** Token hash → when it is forgotten (ms); a Map keeps insertion order, oldest first. */
  private readonly entries = new Map<string, number>();

  constructor(
    /** Tokens remembered at once (default 10,000, about 1 MB). */
    private readonly max = 10_000,
    /** How long one is remembered (default 60 s). */
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(hash: string): boolean {
    const until = this.entries.get(hash);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.entries.delete(hash);
    return false;
  }

  add(hash: string): void {
    this.entries.delete(hash);
    this.entries.set(hash, this.now() + this.ttlMs);
    // Evict the oldest: a flood of distinct tokens cannot grow memory past the bound.
    while (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
