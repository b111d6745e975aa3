import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TICKER_BOUND,
  addEvents,
  clearEvents,
  emptyEventList,
  type EventList,
} from './event-list.ts';

interface Ev {
  id: number;
  text: string;
}
const ev = (id: number): Ev => ({ id, text: `event ${id}` });
const ids = (list: EventList<Ev>) => list.items.map((e) => e.id);

describe('addEvents', () => {
  it('keeps the newest first', () => {
    const list = addEvents(emptyEventList<Ev>(), [ev(1), ev(3), ev(2)]);
    expect(ids(list)).toEqual([3, 2, 1]);
    expect(list.lastId).toBe(3);
  });

  it('ignores an event it already has, returning the same list', () => {
    const list = addEvents(emptyEventList<Ev>(), [ev(1), ev(2)]);
    expect(addEvents(list, [ev(2)])).toBe(list);
  });

  it('ignores an event without an integer id', () => {
    expect(ids(addEvents(emptyEventList<Ev>(), [ev(1.5), ev(-1), ev(NaN), ev(4)]))).toEqual([4]);
  });

  it('drops the oldest beyond the bound', () => {
    const list = addEvents(emptyEventList<Ev>(3), [1, 2, 3, 4, 5].map(ev));
    expect(ids(list)).toEqual([5, 4, 3]);
  });

  it('does not take back an event that fell off when it is replayed', () => {
    let list = addEvents(emptyEventList<Ev>(2), [1, 2, 3].map(ev));
    list = addEvents(list, [ev(1)]);
    expect(ids(list)).toEqual([3, 2]);
  });

  it('keeps the highest id seen, for the stream to resume after', () => {
    const list = addEvents(emptyEventList<Ev>(1), [ev(7), ev(5)]);
    expect(list.lastId).toBe(7);
  });

  it('forgets everything on a reset', () => {
    const list = clearEvents(addEvents(emptyEventList<Ev>(), [ev(1)]));
    expect(list.items).toEqual([]);
    expect(list.lastId).toBeNull();
  });

  it('bounds the ticker at 50 by default', () => {
    expect(emptyEventList().bound).toBe(TICKER_BOUND);
    expect(TICKER_BOUND).toBe(50);
  });
});

describe('addEvents, whatever the arrival', () => {
  // Deliveries: the events 1..n cut into batches, some repeated (replays after a reconnect,
  // the catch-up list overlapping the stream), in any order.
  const deliveries = fc
    .record({
      n: fc.integer({ min: 0, max: 80 }),
      bound: fc.integer({ min: 1, max: 60 }),
      seed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 6 })), { maxLength: 60 }),
    })
    .chain(({ n, bound, seed }) => {
      const events = Array.from({ length: n }, (_, i) => ev(i + 1));
      // Every event at least once, then replays of runs of events.
      const extra = seed.map(([start, , len]) =>
        n === 0 ? [] : events.slice(start % n, (start % n) + len),
      );
      const batches = [...events.map((e) => [e]), ...extra];
      return fc
        .shuffledSubarray(batches, { minLength: batches.length, maxLength: batches.length })
        .map((shuffled) => ({ n, bound, batches: shuffled }));
    });

  it('gives the ordered unique events, newest first, never longer than the bound', () => {
    fc.assert(
      fc.property(deliveries, ({ n, bound, batches }) => {
        let list = emptyEventList<Ev>(bound);
        for (const batch of batches) {
          list = addEvents(list, batch);
          expect(list.items.length).toBeLessThanOrEqual(bound);
          expect(new Set(ids(list)).size).toBe(list.items.length);
        }
        const expected = Array.from({ length: n }, (_, i) => n - i).slice(0, bound);
        expect(ids(list)).toEqual(expected);
        expect(list.lastId).toBe(n === 0 ? null : n);
      }),
      { numRuns: 300 },
    );
  });
});
