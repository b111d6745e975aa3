/**
 * The dashboard on a phone (390×844) and an upright tablet (768×1024), touch emulated: the
 * header keeps the name and the search with the rest behind a menu, the profile is a bottom
 * sheet over the map, and nothing overlaps or scrolls sideways. Drill-down, search, the layer
 * panel and the sheet are driven by touch; the camera keeps the selection clear of the sheet.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  useBrowser,
  useTestServer,
  type ContextOptions,
} from '../support/browser.ts';
import {
  areasOf,
  pixelOf,
  waitForFrames,
  waitForRest,
  waitForSelection,
} from '../support/map-page.ts';

const SUITE = browserSuite('phone and tablet layouts in the browser', 'mobile.test.ts');

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };

function touch(viewport: { width: number; height: number }): ContextOptions {
  return { viewport, hasTouch: true, isMobile: true };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of the first element matching `selector`; fails when it is not laid out. */
async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box;
}

/** Whether two boxes share any area (touching edges do not). */
function overlaps(a: Box, b: Box): boolean {
  const eps = 0.5;
  return (
    a.x + eps < b.x + b.width &&
    b.x + eps < a.x + a.width &&
    a.y + eps < b.y + b.height &&
    b.y + eps < a.y + a.height
  );
}

function inside(inner: Box, outer: Box): boolean {
  const eps = 0.5;
  return (
    inner.x >= outer.x - eps &&
    inner.y >= outer.y - eps &&
    inner.x + inner.width <= outer.x + outer.width + eps &&
    inner.y + inner.height <= outer.y + outer.height + eps
  );
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The screen box of [west, south, east, north] on the dashboard's map. */
async function screenBoxOf(page: Page, bbox: readonly number[]): Promise<Box> {
  const [w, s, e, n] = bbox as [number, number, number, number];
  const a = await pixelOf(page, [w, n]);
  const b = await pixelOf(page, [e, s]);
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** Touches the page at `from` and drags the finger to `to` in steps, as a thumb pulls. */
async function touchDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) => ({
    x: from.x + (to.x - from.x) * t,
    y: from.y + (to.y - from.y) * t,
  });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i / 8)] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open } = useBrowser({ server });
  let zone: { code: string; name: string; bbox: number[] };

  beforeAll(async () => {
    const [row] = await server.db.query<{ code: string; name: string; bbox: string }>(
      `SELECT code, name, json_build_array(ST_XMin(geom), ST_YMin(geom), ST_XMax(geom),
              ST_YMax(geom))::text AS bbox
       FROM area WHERE level = 'chengqu'`,
    );
    zone = { code: row!.code, name: row!.name, bbox: JSON.parse(row!.bbox) as number[] };
  });

  async function openDashboard(viewport: { width: number; height: number }): Promise<Page> {
    const page = await open('/', touch(viewport));
    await waitForSelection(page, zone.code, zone.name);
    await waitForRest(page);
    return page;
  }

  it.each([
    ['390×844', PHONE],
    ['768×1024', TABLET],
  ])(
    'at %s lays out the header, the sheet and the map without overlaps or sideways scrolling',
    async (size, viewport) => {
      const page = await openDashboard(viewport);
      const screen: Box = { x: 0, y: 0, ...viewport };
      const header = await boxOf(page, '[data-testid="app-header"]');
      const parts = {
        brand: await boxOf(page, '.app-header__brand'),
        search: await boxOf(page, '[data-testid="header-search"]'),
        menu: await boxOf(page, '[data-testid="header-menu"]'),
      };
      const list = Object.values(parts);
      for (const part of list) expect(inside(part, header)).toBe(true);
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) expect(overlaps(list[i]!, list[j]!)).toBe(false);
      // The tools are folded away until the menu opens.
      expect(await page.getByTestId('header-tools').isVisible()).toBe(false);

      const map = await boxOf(page, '.map-view');
      const sheet = await boxOf(page, '[data-testid="sheet"]');
      expect(inside(header, screen) && inside(map, screen) && inside(sheet, screen)).toBe(true);
      expect(map.y).toBeGreaterThanOrEqual(header.y + header.height - 0.5);
      expect(sheet.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect(await page.getByTestId('sheet').getAttribute('data-snap')).toBe('peek');
      // The area's name shows in the sheet at its lowest.
      expect(inside(await boxOf(page, '[data-testid="panel-title"]'), sheet)).toBe(true);

      // What floats over the map keeps clear of the sheet and of each other.
      const floating = {
        zoom: await boxOf(page, '.maplibregl-ctrl-top-left .maplibregl-ctrl-group'),
        layers: await boxOf(page, '[data-testid="layer-panel"]'),
        legend: await boxOf(page, '[data-testid="legend"]'),
      };
      const over = Object.values(floating);
      for (const box of over) {
        expect(inside(box, map)).toBe(true);
        expect(overlaps(box, sheet)).toBe(false);
      }
      for (let i = 0; i < over.length; i++)
        for (let j = i + 1; j < over.length; j++) expect(overlaps(over[i]!, over[j]!)).toBe(false);
      // The whole zone is fitted into the map above the sheet and the legend.
      const drawn = await screenBoxOf(page, zone.bbox);
      expect(drawn.y + drawn.height).toBeLessThanOrEqual(floating.legend.y + 1);
      expect(drawn.y).toBeGreaterThanOrEqual(map.y);

      // Tap targets a finger can hit.
      for (const target of [
        '[data-testid="header-menu"]',
        '[data-testid="search-input"]',
        '[data-testid="sheet-handle"]',
        '[data-testid="layer-panel-fold"]',
        '.maplibregl-ctrl-zoom-in',
        '[data-testid="legend"] select',
      ]) {
        expect((await boxOf(page, target)).height, target).toBeGreaterThanOrEqual(44);
      }
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: join(RESULTS, `mobile-${viewport.width}.png`) });

      // The menu opens below the bar, inside the window, with the language and the account.
      await page.getByTestId('header-menu').tap();
      const tools = page.getByTestId('header-tools');
      await tools.waitFor({ state: 'visible', timeout: WAIT });
      const toolsBox = await boxOf(page, '[data-testid="header-tools"]');
      expect(inside(toolsBox, screen)).toBe(true);
      expect(toolsBox.y).toBeGreaterThanOrEqual(header.y + header.height);
      expect((await boxOf(page, '[data-testid="lang-switch"]')).height).toBeGreaterThanOrEqual(44);
      expect(inside(await boxOf(page, '[data-testid="lang-switch"]'), toolsBox)).toBe(true);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: join(RESULTS, `mobile-${viewport.width}-menu.png`) });
      // A tap on the map closes it.
      await page.touchscreen.tap(map.x + map.width / 2, map.y + map.height / 3);
      await tools.waitFor({ state: 'hidden', timeout: WAIT });
      expect(pageErrors, size).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'at 390×844 a tap on a 片区 drills down and opens its profile in the sheet',
    async () => {
      const page = await openDashboard(PHONE);
      const pianqu = await areasOf(server.db, 'pianqu', zone.code);
      let tapped: (typeof pianqu)[number] | undefined;
      for (const area of pianqu) {
        const at = await pixelOf(page, [area.lon, area.lat]);
        if (!at.onMap) continue;
        await page.touchscreen.tap(at.x, at.y);
        tapped = area;
        break;
      }
      expect(tapped).toBeDefined();
      await waitForSelection(page, tapped!.code, tapped!.name);
      await waitForRest(page);
      const sheet = await boxOf(page, '[data-testid="sheet"]');
      expect(inside(await boxOf(page, '[data-testid="panel-title"]'), sheet)).toBe(true);
      expect(await page.getByTestId('area-panel').getAttribute('data-level')).toBe('pianqu');
      // The 片区 is fitted above the sheet, not under it.
      const [detail] = await server.db.query<{ bbox: string }>(
        `SELECT json_build_array(ST_XMin(geom), ST_YMin(geom), ST_XMax(geom),
                ST_YMax(geom))::text AS bbox FROM area WHERE code = $1`,
        [tapped!.code],
      );
      const drawn = await screenBoxOf(page, JSON.parse(detail!.bbox) as number[]);
      expect(drawn.y + drawn.height).toBeLessThanOrEqual(sheet.y);
      await waitForFrames(page);
      await page.screenshot({ path: join(RESULTS, 'mobile-390-pianqu.png') });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'at 390×844 a search typed and a result tapped selects its area',
    async () => {
      const page = await openDashboard(PHONE);
      const [xiaoqu] = await server.db.query<{ code: string; name: string }>(
        "SELECT code, name FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT 1",
      );
      const input = page.getByTestId('search-input');
      await input.tap();
      await input.pressSequentially(xiaoqu!.name);
      const result = page.locator(`[data-testid="search-result"][data-code="${xiaoqu!.code}"]`);
      await result.waitFor({ timeout: WAIT });
      // The list spans the window below the bar, and nothing scrolls sideways.
      const list = await boxOf(page, '[data-testid="search-results"]');
      expect(inside(list, { x: 0, y: 0, ...PHONE })).toBe(true);
      expect((await result.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: join(RESULTS, 'mobile-390-search.png') });
      await result.tap();
      await waitForSelection(page, xiaoqu!.code, xiaoqu!.name);
      expect(new URL(page.url()).searchParams.get('area')).toBe(xiaoqu!.code);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'at 390×844 the layer panel opens and turns an overlay on by touch',
    async () => {
      const page = await openDashboard(PHONE);
      await page.getByTestId('layer-panel-fold').tap();
      const toggle = page.getByTestId('overlay-toggle-sites');
      await toggle.waitFor({ timeout: WAIT });
      await toggle.tap();
      await expect
        .poll(() => new URL(page.url()).searchParams.get('ov'), { timeout: WAIT })
        .toBe('sites');
      const panel = await boxOf(page, '[data-testid="layer-panel"]');
      const sheet = await boxOf(page, '[data-testid="sheet"]');
      expect(overlaps(panel, sheet)).toBe(false);
      expect(overlaps(panel, await boxOf(page, '[data-testid="legend"]'))).toBe(false);
      expect(inside(panel, { x: 0, y: 0, ...PHONE })).toBe(true);
      expect(
        (await page.locator('.layer-panel__toggle').first().boundingBox())!.height,
      ).toBeGreaterThanOrEqual(44);
      await expectNoSidewaysScroll(page);
      await waitForFrames(page);
      await page.screenshot({ path: join(RESULTS, 'mobile-390-layers.png') });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'at 768×1024 pulling the sheet up re-fits the map above it, and taps step it',
    async () => {
      const page = await openDashboard(TABLET);
      const sheet = page.getByTestId('sheet');
      const before = await screenBoxOf(page, zone.bbox);
      const handle = await boxOf(page, '[data-testid="sheet-handle"]');
      const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
      const peek = await boxOf(page, '[data-testid="sheet"]');
      await touchDrag(page, from, { x: from.x, y: from.y - (TABLET.height / 2 - peek.height) });
      await expect.poll(() => sheet.getAttribute('data-snap'), { timeout: WAIT }).toBe('half');
      await expect
        .poll(async () => (await boxOf(page, '[data-testid="sheet"]')).height, { timeout: WAIT })
        .toBeGreaterThan(peek.height + 100);
      // The camera follows the sheet: the zone moves up into the map above it.
      await expect
        .poll(
          async () => {
            await waitForRest(page);
            const drawn = await screenBoxOf(page, zone.bbox);
            const top = (await boxOf(page, '[data-testid="sheet"]')).y;
            return drawn.y + drawn.height <= top && drawn.height < before.height;
          },
          { timeout: WAIT },
        )
        .toBe(true);
      await waitForFrames(page);
      await page.screenshot({ path: join(RESULTS, 'mobile-768-half.png') });
      // A tap on the handle steps on to full, the next back down to peek.
      await page.getByTestId('sheet-handle').tap();
      await expect.poll(() => sheet.getAttribute('data-snap'), { timeout: WAIT }).toBe('full');
      await page.getByTestId('sheet-handle').tap();
      await expect.poll(() => sheet.getAttribute('data-snap'), { timeout: WAIT }).toBe('peek');
      await expectNoSidewaysScroll(page);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
