/**
 * The overlays of the map, each once, in the layer panel's order (top to bottom: what is drawn
 * on top first); that is also the order their URL parameters are written in. Where each one's
 * layers are drawn is its own (`DRAW_ORDER` in overlay.ts). Adding an overlay: a folder that
 * exports an {@link OverlayModule}, and one line here.
 */
import type { OverlayModule } from './overlay.ts';
import { issuesOverlay } from './issues/overlay.tsx';
import { sitesOverlay } from './sites/overlay.tsx';
import { staffOverlay } from './staff/overlay.tsx';
import { tourismOverlay } from './tourism/overlay.tsx';

export const OVERLAY_REGISTRY: readonly OverlayModule[] = [
  issuesOverlay,
  sitesOverlay,
  staffOverlay,
  tourismOverlay,
];
