/**
 * The overlays of the map, each once, bottom to top as they are stacked: the order of the
 * switched-on list and of the `ov` and `op` URL parameters. Each one's place in the layer panel
 * is its `panel`; where its layers are drawn is its own (`DRAW_ORDER` in overlay.ts).
 *
 * Adding an overlay: a folder with an `index.ts` that exports its {@link OverlayDescriptor}
 * (`defineOverlay`), and one line here. The descriptors are light (the shell reads them to parse
 * every mode's URL); each one's layers and controls load with the modes that draw the map.
 */
import type { OverlayDescriptor } from './overlay.ts';
import { issuesOverlay } from './issues/index.ts';
import { sitesOverlay } from './sites/index.ts';
import { staffOverlay } from './staff/index.ts';
import { tourismOverlay } from './tourism/index.ts';

export const OVERLAY_REGISTRY = [
  tourismOverlay,
  issuesOverlay,
  sitesOverlay,
  staffOverlay,
] as const satisfies readonly OverlayDescriptor[];

/** One entry of the registry. */
export type OverlayEntry = (typeof OVERLAY_REGISTRY)[number];

/** The registry in the layer panel's order (top first), which the URL codecs also write in. */
export const PANEL_ORDER: readonly OverlayEntry[] = [...OVERLAY_REGISTRY].sort(
  (a, b) => a.panel - b.panel,
);
