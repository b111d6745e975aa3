import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamSlots } from './slots.ts';

describe('StreamSlots', () => {
  it('refuses a client past its cap and the server past its own', () => {
    const slots = new StreamSlots({ perClient: 2, max: 3 });
    expect('release' in slots.take('a')).toBe(true);
    expect('release' in slots.take('a')).toBe(true);
    expect(slots.take('a')).toEqual({ refused: 'client' });
    expect('release' in slots.take('b')).toBe(true);
    expect(slots.take('c')).toEqual({ refused: 'server' });
  });

  it('keeps within both caps and returns to zero once every stream closes, releases repeated or not', () => {
    const step = fc.oneof(
      fc.record({ take: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ release: fc.nat(50), twice: fc.boolean() }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(step),
        (perClient, max, steps) => {
          const slots = new StreamSlots({ perClient, max });
          const held: { client: string; release: () => void }[] = [];
          for (const s of steps) {
            if ('take' in s) {
              const slot = slots.take(s.take);
              if ('release' in slot) held.push({ client: s.take, release: slot.release });
            } else if (held.length > 0) {
              const [h] = held.splice(s.release % held.length, 1);
              h!.release();
              if (s.twice) h!.release();
            }
            expect(slots.open()).toBe(held.length);
            expect(slots.open()).toBeLessThanOrEqual(max);
            for (const c of ['a', 'b', 'c', 'd']) {
              expect(slots.open(c)).toBe(held.filter((h) => h.client === c).length);
              expect(slots.open(c)).toBeLessThanOrEqual(perClient);
            }
          }
          for (const h of held) h.release();
          expect(slots.open()).toBe(0);
        },
      ),
    );
  });
});
