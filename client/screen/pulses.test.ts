import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../server/contract/index.ts';
import { PULSE_MS, addPulses, prunePulses, pulseLayers, pulseProgress } from './pulses.ts';

const event = (id: number, position: [number, number] | null = [122, 37.4]): LiveEvent => ({
  id,
  kind: 'issue.reported',
  occurredAt: '2024-10-17T09:41:00+06:00',
  xiaoquCode: null,
  xiaoquName: null,
  shequCode: null,
  shequName: null,
  pianquCode: null,
  pianquName: null,
  position,
});

describe('pulses', () => {
  it('pulses an event at its place', () => {
    const pulses = addPulses([], [event(1)], 0);
    expect(pulses).toHaveLength(1);
    expect(pulses[0]).toMatchObject({ id: 1, position: [122, 37.4], bornAt: 0 });
  });

  it('skips an event without a place, and one already pulsing', () => {
    const pulses = addPulses([], [event(1), event(2, null)], 0);
    expect(addPulses(pulses, [event(1)], 10)).toHaveLength(1);
  });

  it('lets a pulse go once it has run', () => {
    const pulses = addPulses([], [event(1)], 0);
    expect(prunePulses(pulses, PULSE_MS - 1)).toHaveLength(1);
    expect(prunePulses(pulses, PULSE_MS)).toHaveLength(0);
  });

  it('keeps at most the bound, the newest', () => {
    const events = Array.from({ length: 100 }, (_, i) => event(i + 1));
    const pulses = addPulses([], events, 0, 10);
    expect(pulses.map((p) => p.id)).toEqual([91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);
  });

  it('grows from 0 to 1 over its life', () => {
    const [p] = addPulses([], [event(1)], 1000);
    expect(pulseProgress(p!, 1000)).toBe(0);
    expect(pulseProgress(p!, 1000 + PULSE_MS / 2)).toBeCloseTo(0.5);
    expect(pulseProgress(p!, 1000 + PULSE_MS * 3)).toBe(1);
  });

  it('draws with the same layer ids every frame, so deck.gl replaces rather than adds', () => {
    const pulses = addPulses([], [event(1)], 0);
    const ids = (now: number) => pulseLayers(pulses, now).map((l) => l.id);
    expect(ids(10)).toEqual(ids(20));
  });
});
