import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCREEN_PANELS,
  overlaps,
  parsePanels,
  screenLayout,
  type Rect,
  type ScreenLayout,
} from './layout.ts';

const boxes = (layout: ScreenLayout): [string, Rect][] => [
  ['header', layout.header.rect],
  ['map', layout.map],
  ...layout.panels.map((p): [string, Rect] => [p.id, p.rect]),
];

function expectTidy(layout: ScreenLayout, width: number, height: number) {
  const all = boxes(layout);
  for (const [name, r] of all) {
    expect(r.x, name).toBeGreaterThanOrEqual(0);
    expect(r.y, name).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width, name).toBeLessThanOrEqual(width);
    expect(r.y + r.height, name).toBeLessThanOrEqual(height);
    expect(r.width, name).toBeGreaterThan(0);
    expect(r.height, name).toBeGreaterThan(0);
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      expect(overlaps(all[i]![1], all[j]![1]), `${all[i]![0]} / ${all[j]![0]}`).toBe(false);
    }
  }
}

describe('screenLayout', () => {
  it('draws the panels at their design size on a 1920x1080 screen', () => {
    const layout = screenLayout(1920, 1080);
    expect(layout.arrangement).toBe('standard');
    expect(layout.scale).toBe(1);
    expect(layout.panels.map((p) => p.id).sort()).toEqual([...SCREEN_PANELS].sort());
    expectTidy(layout, 1920, 1080);
  });

  it('doubles everything on a 3840x2160 screen, the design sizes unchanged', () => {
    const hd = screenLayout(1920, 1080);
    const uhd = screenLayout(3840, 2160);
    expect(uhd.scale).toBe(2);
    expect(uhd.map).toEqual({
      x: hd.map.x * 2,
      y: hd.map.y * 2,
      width: hd.map.width * 2,
      height: hd.map.height * 2,
    });
    for (const p of uhd.panels) {
      expect(p.design).toEqual(hd.panels.find((q) => q.id === p.id)!.design);
    }
    expectTidy(uhd, 3840, 2160);
  });

  it('puts the map on the middle screen of a 5760x1080 wall, panels on the outer two', () => {
    const layout = screenLayout(5760, 1080);
    expect(layout.arrangement).toBe('wide');
    expect(layout.scale).toBe(1);
    expect(layout.map.x).toBe(1920);
    expect(layout.map.x + layout.map.width).toBe(3840);
    for (const p of layout.panels) {
      const inMiddle = p.rect.x < 3840 && p.rect.x + p.rect.width > 1920;
      expect(inMiddle, p.id).toBe(false);
    }
    expectTidy(layout, 5760, 1080);
  });

  it('stacks the peak list over the ticker on a wide wall, not a tall column each', () => {
    const layout = screenLayout(5760, 1080);
    const box = (id: string) => layout.panels.find((p) => p.id === id)!.rect;
    expect(box('peak').x).toBe(box('ticker').x);
    expect(box('peak').y + box('peak').height).toBeLessThan(box('ticker').y);
    // The outer-right screen holds two columns, each wider than a third of it.
    expect(box('ticker').width).toBeGreaterThan(1920 / 3);
  });

  it('gives the map the room of the panels left out', () => {
    const all = screenLayout(1920, 1080);
    const mapOnly = screenLayout(1920, 1080, parsePanels('ticker'));
    expect(mapOnly.panels.map((p) => p.id)).toEqual(['ticker']);
    expect(mapOnly.map.width).toBeGreaterThan(all.map.width);
    expectTidy(mapOnly, 1920, 1080);
  });

  it('never overlaps and stays on screen, whatever the size and panels', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 800, max: 8000 }),
        fc.integer({ min: 600, max: 2400 }),
        fc.subarray([...SCREEN_PANELS], { minLength: 1 }),
        (width, height, shown) => expectTidy(screenLayout(width, height, shown), width, height),
      ),
    );
  });
});

describe('parsePanels', () => {
  it('shows every panel when none is named', () => {
    expect(parsePanels(null)).toEqual([...SCREEN_PANELS]);
    expect(parsePanels('nonsense')).toEqual([...SCREEN_PANELS]);
  });

  it('keeps the named ones in the screen order', () => {
    expect(parsePanels('ticker,kpi,bogus')).toEqual(['kpi', 'ticker']);
  });
});
