import { describe, expect, it } from 'vitest';
import { TEST_FRAME } from '../dataset/test-frame.ts';
import { OVERLAYS } from '../state/overlays.ts';
import type { OverlayDescriptor } from './overlay.ts';
import { OVERLAY_MODULES } from './overlays/modules.ts';
import { OVERLAY_REGISTRY, PANEL_ORDER } from './registry.ts';

describe('overlay registry', () => {
  it('lists every overlay once, in the stacking order, each with one place in the panel', () => {
    const ids = OVERLAY_REGISTRY.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(OVERLAYS).toEqual(ids);
    expect([...PANEL_ORDER.map((o) => o.id)].sort()).toEqual([...ids].sort());
    const places = OVERLAY_REGISTRY.map((o) => o.panel);
    expect(new Set(places).size).toBe(places.length);
    expect(OVERLAY_MODULES.map((m) => m.id)).toEqual(PANEL_ORDER.map((o) => o.id));
    // No module without its descriptor: a folder's overlay.tsx is drawn only once registered.
    const folders = Object.keys(import.meta.glob('./*/overlay.tsx')).map((p) => p.split('/')[1]);
    expect(folders.sort()).toEqual([...ids].sort());
  });

  it('gives each field of the state to one overlay, beside the shared switches', () => {
    const fields = OVERLAY_REGISTRY.flatMap((o) => Object.keys(o.initial(TEST_FRAME)));
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).not.toContain('on');
    expect(fields).not.toContain('opacity');
  });

  it('gives each message key to one overlay', () => {
    const keys = OVERLAY_REGISTRY.flatMap((o) => Object.keys(o.messages['zh-CN']));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives each pickable layer id one tooltip', () => {
    const layerIds = OVERLAY_MODULES.flatMap((o) => Object.keys(o.tooltips));
    expect(new Set(layerIds).size).toBe(layerIds.length);
  });
});

// Each as any descriptor: its codec's methods then take its own slice.
const entries = OVERLAY_REGISTRY.map((o): [string, OverlayDescriptor] => [o.id, o]);

describe.each(entries)('overlay %s', (id, overlay) => {
  it('has a codec that reads its own fields, and writes nothing for their defaults', () => {
    const init = overlay.initial(TEST_FRAME);
    const empty = new URLSearchParams();
    expect(overlay.url.parse(empty, init, TEST_FRAME)).toEqual(init);
    overlay.url.write(init, empty, init);
    expect(empty.toString()).toBe('');
  });

  it('has its name and the same keys in each language', () => {
    const { 'zh-CN': zh, en } = overlay.messages;
    expect(Object.keys(zh)).toContain(`layers.overlay.${id}`);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('has its module in its folder', () => {
    expect(OVERLAY_MODULES.find((m) => m.id === id)).toBeDefined();
  });
});
