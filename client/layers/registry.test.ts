import { describe, expect, it } from 'vitest';
import { OVERLAYS } from '../state/overlays.ts';
import { OVERLAY_URLS } from './overlay-url.ts';
import { OVERLAY_REGISTRY } from './registry.ts';

describe('overlay registry', () => {
  it('lists every overlay once, with its own URL codec, in the URL list too', () => {
    const ids = OVERLAY_REGISTRY.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...OVERLAYS].sort());
    expect(OVERLAY_URLS.map((u) => u.id)).toEqual(ids);
    for (const o of OVERLAY_REGISTRY) expect(o.url.id).toBe(o.id);
    expect(OVERLAY_REGISTRY.map((o) => o.url)).toEqual(OVERLAY_URLS);
  });

  it('gives each pickable layer id one tooltip', () => {
    const layerIds = OVERLAY_REGISTRY.flatMap((o) => Object.keys(o.tooltips));
    expect(new Set(layerIds).size).toBe(layerIds.length);
  });
});
