/**
 * The overlays' part of the URL: which are on (`ov`) and their opacity (`op`), then each
 * overlay's own parameters through its codec (its `url.ts`), in registry order. Pure: parsed
 * from and written to URLSearchParams.
 *
 * The shell parses the URL for every mode, so this lists the overlays' codecs, not their
 * modules (which bring React controls and deck.gl into the first download). A test checks that
 * this list and the registry name the same overlays in the same order.
 */
import type { DatasetFrame } from '../dataset/frame.ts';
import {
  DEFAULT_OPACITY,
  OVERLAYS,
  initialOverlayState,
  intIn,
  isOverlay,
  listOf,
  type OverlayState,
} from '../state/overlays.ts';
import type { OverlayCodec } from './overlay.ts';
import { issuesUrl } from './issues/url.ts';
import { sitesUrl } from './sites/url.ts';
import { staffUrl } from './staff/url.ts';
import { tourismUrl } from './tourism/url.ts';

/** Each overlay's part of the URL, in the registry's order (registry.ts). */
export const OVERLAY_URLS: readonly OverlayCodec[] = [issuesUrl, sitesUrl, staffUrl, tourismUrl];

/** Reads the overlay state from query parameters; unknown or bad values fall back. */
export function parseOverlayState(params: URLSearchParams, frame: DatasetFrame): OverlayState {
  const init = initialOverlayState(frame);
  const opacity = { ...init.opacity };
  for (const part of (params.get('op') ?? '').split(',')) {
    const [name, value] = part.split(':');
    if (name && isOverlay(name)) opacity[name] = intIn(value ?? null, 10, 100, 85) / 100;
  }
  let state: OverlayState = { ...init, on: listOf(params.get('ov'), OVERLAYS), opacity };
  for (const url of OVERLAY_URLS) {
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
  for (const url of OVERLAY_URLS) url.write(state, params, init);
}
