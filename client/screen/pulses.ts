/**
 * Map pulses of live events as pure state and a layer model: each event with a place becomes a
 * ring that grows and fades for a few seconds, then is gone. The list is bounded, so a burst of
 * events cannot grow it, and the layers are rebuilt with the same ids each frame (deck.gl
 * replaces them; nothing accumulates).
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { LiveEvent } from '../../server/contract/index.ts';

/** One pulse on the map. */
export interface Pulse {
  id: number;
  position: [number, number];
  /** When it began (ms, the clock of `now`). */
  bornAt: number;
  /** Its colour, by kind of event. */
  colour: [number, number, number];
}

/** How long a pulse lasts (ms). */
export const PULSE_MS = 2_600;
/** The most pulses at once: at 20 events a second, the last 2.6 s of them. */
export const PULSE_BOUND = 60;

const COLOURS: Record<string, [number, number, number]> = {
  'issue.reported': [255, 120, 80],
  'issue.escalated': [255, 196, 64],
  'issue.resolved': [64, 220, 150],
  'issue.updated': [120, 190, 255],
  'activity.held': [200, 150, 255],
  'staff.changed': [90, 220, 230],
};

/** Adds the pulses of new events and drops the finished ones and those beyond the bound. */
export function addPulses(
  pulses: readonly Pulse[],
  events: readonly LiveEvent[],
  now: number,
  bound = PULSE_BOUND,
): Pulse[] {
  const fresh = events
    .filter((e) => e.position !== null && !pulses.some((p) => p.id === e.id))
    .map((e) => ({
      id: e.id,
      position: e.position!,
      bornAt: now,
      colour: COLOURS[e.kind] ?? [255, 255, 255],
    }));
  return prunePulses([...pulses, ...fresh], now).slice(-bound);
}

/** The pulses still running at `now`. */
export function prunePulses(pulses: readonly Pulse[], now: number): Pulse[] {
  return pulses.filter((p) => now - p.bornAt < PULSE_MS);
}

/** How far along a pulse is at `now`, 0..1. */
export function pulseProgress(p: Pulse, now: number): number {
  return Math.min(1, Math.max(0, (now - p.bornAt) / PULSE_MS));
}

/**
 * The pulse layers at `now`: an expanding ring and a dot at the place. With `still` (reduced
 * motion) the ring keeps its size and only fades.
 */
export function pulseLayers(pulses: readonly Pulse[], now: number, still = false): Layer[] {
  const t = (p: Pulse) => pulseProgress(p, now);
  return [
    new ScatterplotLayer<Pulse>({
      id: 'live-pulse-ring',
      data: pulses,
      getPosition: (p) => p.position,
      radiusUnits: 'pixels',
      getRadius: (p) => (still ? 18 : 6 + 34 * Math.sqrt(t(p))),
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getLineColor: (p) => [...p.colour, Math.round(255 * (1 - t(p)))],
      updateTriggers: { getRadius: now, getLineColor: now },
    }),
    new ScatterplotLayer<Pulse>({
      id: 'live-pulse-dot',
      data: pulses,
      getPosition: (p) => p.position,
      radiusUnits: 'pixels',
      getRadius: 5,
      getFillColor: (p) => [...p.colour, Math.round(255 * (1 - t(p) * t(p)))],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      getLineColor: [5, 13, 26, 220],
      updateTriggers: { getFillColor: now },
    }),
  ];
}
