/**
 * The overlays' part of the URL state: which overlays are on and their opacity, shared by all,
 * then each overlay's own fields (its slice: filters, sliders), declared in its folder and
 * joined here from the registry. Pure: parsed from and written to URLSearchParams
 * (layers/overlay-url.ts), changed by small updaters.
 */
import type { DatasetFrame } from '../dataset/frame.ts';
import type { OverlayDescriptor } from '../layers/overlay.ts';
import { OVERLAY_REGISTRY, type OverlayEntry } from '../layers/registry.ts';

/** The overlays, bottom to top as they are stacked (the registry's order). */
export const OVERLAYS: readonly Overlay[] = OVERLAY_REGISTRY.map((o) => o.id);
/** One overlay of the map. */
export type Overlay = OverlayEntry['id'];

type SliceOf<E> = E extends OverlayDescriptor<string, infer S> ? S : never;
type Joined<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
/** Every overlay's own fields, each declared in its folder (its `initial`'s type). */
export type OverlaySlices = Joined<SliceOf<OverlayEntry>>;

/** What every overlay has in the state. */
export interface OverlaySwitches {
  /** Overlays switched on (default none), in the registry's order. */
  on: Overlay[];
  /** Opacity per overlay, 0.1..1 (default {@link DEFAULT_OPACITY}). */
  opacity: Record<Overlay, number>;
}

/** Everything the overlays need that a shared link must restore. */
export type OverlayState = OverlaySwitches & OverlaySlices;

/** The opacity of an overlay the URL says nothing about. */
export const DEFAULT_OPACITY = 0.85;

/**
 * The overlay state of a URL without overlay parameters: none on, each at the default opacity,
 * each overlay's fields as it opens them (sliders on the zone's now, for one).
 */
export function initialOverlayState(frame: DatasetFrame): OverlayState {
  const slices = OVERLAY_REGISTRY.reduce<object>((all, o) => ({ ...all, ...o.initial(frame) }), {});
  return {
    on: [],
    opacity: Object.fromEntries(OVERLAYS.map((o) => [o, DEFAULT_OPACITY])) as Record<
      Overlay,
      number
    >,
    // Each descriptor gives its own slice: together, every field of OverlaySlices.
    ...(slices as OverlaySlices),
  };
}

export function isOverlay(value: string): value is Overlay {
  return (OVERLAYS as readonly string[]).includes(value);
}

/** Switches an overlay on or off. */
export function toggleOverlay(state: OverlayState, overlay: Overlay, on: boolean): OverlayState {
  const set = new Set(state.on);
  if (on) set.add(overlay);
  else set.delete(overlay);
  return { ...state, on: OVERLAYS.filter((o) => set.has(o)) };
}

/** Sets an overlay's opacity (0.1..1). */
export function setOverlayOpacity(
  state: OverlayState,
  overlay: Overlay,
  opacity: number,
): OverlayState {
  return { ...state, opacity: { ...state.opacity, [overlay]: opacity } };
}
