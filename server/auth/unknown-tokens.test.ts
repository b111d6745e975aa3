import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnknownTokens } from './unknown-tokens.ts';

describe('UnknownTokens', () => {
  it('remembers a token for its TTL, then forgets it', () => {
    let now = 0;
    const tokens = new UnknownTokens(10, 1000, () => now);
    tokens.add('a');
    now = 999;
    expect(tokens.has('a')).toBe(true);
    now = 1000;
    expect(tokens.has('a')).toBe(false);
    expect(tokens.size).toBe(0);
  });

  it('never holds more than its bound, whatever is added, and keeps the newest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.string(), { maxLength: 200 }),
        (max, added) => {
          const tokens = new UnknownTokens(max, 60_000, () => 0);
          for (const t of added) tokens.add(t);
          expect(tokens.size).toBeLessThanOrEqual(max);
          if (added.length > 0) expect(tokens.has(added.at(-1)!)).toBe(true);
        },
      ),
    );
  });
});
