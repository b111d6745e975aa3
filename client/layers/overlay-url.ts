/**
 * The overlays' part of the URL: which are on (`ov`) and their opacity (`op`), in the
 * registry's order, then each overlay's own parameters through its codec (its `url.ts`), in
 * the panel's order. Pure: parsed from and written to URLSearchParams.
 */
import type { DatasetFrame } from '../dataset/frame.ts';
import {
  DEFAULT_OPACITY,
  OVERLAYS,
  initialOverlayState,
  isOverlay,
  type OverlayState,
} from '../state/overlays.ts';
import { PANEL_ORDER } from './registry.ts';
import { intIn, listOf } from './url-params.ts';

/** Reads the overlay state from query parameters; unknown or bad values fall back. */
export function parseOverlayState(params: URLSearchParams, frame: DatasetFrame): OverlayState {
  const init = initialOverlayState(frame);
  const opacity = { ...init.opacity };
  for (const part of (params.get('op') ?? '').split(',')) {
    const [name, value] = part.split(':');
    if (name && isOverlay(name)) opacity[name] = intIn(value ?? null, 10, 100, 85) / 100;
  }
  let state: OverlayState = { ...init, on: listOf(params.get('ov'), OVERLAYS), opacity };
  for (const { url } of PANEL_ORDER) {
    state = { ...state, ...url.parse(params, init, frame) };
  }
  return state;
}

/** Writes the overlay state into query parameters, leaving defaults out to keep links short. */
export function writeOverlayParams(
  state: OverlayState,
  params: URLSearchParams,
  frame: DatasetFrame,
): void {
  const init = initialOverlayState(frame);
  if (state.on.length > 0) params.set('ov', OVERLAYS.filter((o) => state.on.includes(o)).join(','));
  const opacity = OVERLAYS.filter((o) => state.opacity[o] !== DEFAULT_OPACITY).map(
    (o) => `${o}:${Math.round(state.opacity[o] * 100)}`,
  );
  if (opacity.length > 0) params.set('op', opacity.join(','));
  for (const { url } of PANEL_ORDER) url.write(state, params, init);
}
