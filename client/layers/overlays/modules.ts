/**
 * Every overlay's module (hooks, layers, controls, tooltips), in the panel's order: each
 * folder's `overlay.tsx`, found by name so that the registry, which the shell reads, lists
 * only the light descriptors. Only the modes that draw the map (the dashboard, the big screen)
 * import this, so deck.gl stays out of the shell; the modules are in those modes' chunks
 * (no further download before the first render).
 */
import type { OverlayModule } from '../overlay.ts';
import { PANEL_ORDER } from '../registry.ts';

const found = import.meta.glob<OverlayModule>('../*/overlay.tsx', {
  eager: true,
  import: 'overlayModule',
});

export const OVERLAY_MODULES: readonly OverlayModule[] = PANEL_ORDER.map(({ id }) => {
  const module = found[`../${id}/overlay.tsx`];
  if (module?.id !== id)
    throw new Error(`client/layers/${id}/overlay.tsx exports no overlayModule for ${id}`);
  return module;
});
