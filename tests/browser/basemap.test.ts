/**
 * An online basemap in a real browser: a tile server on another origin stands in for 天地图 or
 * an intranet XYZ server (the network is closed). Set up on the server, it is offered in the
 * layer panel; chosen, its tiles are fetched and drawn (the CSP admits its host) in place of the
 * offline land and roads, the choice is kept for the next visit, and the wall takes it from its
 * address. Without one set up nothing is offered and the offline basemap is all there is.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlineBasemapsFromEnv } from '../../server/features/basemap/online.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  useBrowser,
} from '../support/browser.ts';
import { waitForAtlas, waitForFrames, waitForMap } from '../support/map-page.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { startTileServer, type TileServer } from '../support/tile-server.ts';

const SUITE = browserSuite('online basemaps in the browser', 'basemap.test.ts');

/** A colour no offline layer has: where it shows, the online tiles were drawn. */
const TILE_COLOUR: [number, number, number] = [200, 40, 160];

/** Content-Security-Policy violations the page reports, collected from its start. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** The map's online basemap layers, and whether the offline land is drawn. */
function drawn(page: Page) {
  return page.evaluate(() => {
    const map = window.__atlas!.map;
    return {
      online: map
        .getStyle()
        .layers.filter((l) => l.id.startsWith('online-basemap-'))
        .map((l) => l.id),
      land: map.getLayoutProperty('land', 'visibility') ?? 'visible',
    };
  });
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  let tiles: TileServer;
  let server: TestServer;
  let plain: TestServer;
  beforeAll(async () => {
    tiles = await startTileServer(TILE_COLOUR);
    server = await startTestServer({
      publicDemo: true,
      onlineBasemaps: onlineBasemapsFromEnv({
        BASEMAP_URL: `${tiles.origin}/{z}/{x}/{y}.png`,
        BASEMAP_NAME: '政务网底图',
        BASEMAP_ATTRIBUTION: '© 测试底图',
      }),
    });
    plain = await startTestServer({ publicDemo: true });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await plain?.close();
    await tiles?.close();
  });
  const browser = useBrowser();

  it(
    'draws the chosen online basemap in place of the offline land, and keeps the choice',
    async () => {
      const page = await browser.newPage();
      const violations = await watchCsp(page);
      await page.goto(`${server.url}/`);
      await waitForMap(page);
      expect(await drawn(page)).toEqual({ online: [], land: 'visible' });
      expect(tiles.requests()).toBe(0);

      await page.getByTestId('basemap-picker').getByText('政务网底图').click();
      await expect.poll(() => tiles.requests(), { timeout: WAIT }).toBeGreaterThan(0);
      await waitForMap(page);
      expect(await drawn(page)).toEqual({ online: ['online-basemap-0'], land: 'none' });
      await page.getByTestId('basemap-attribution').getByText('© 测试底图').waitFor();
      expect(await violations()).toEqual([]);
      await waitForFrames(page);
      await page.screenshot({ path: join(RESULTS, 'basemap-online.png') });

      // The next visit draws it again.
      await page.reload();
      await waitForMap(page);
      expect((await drawn(page)).online).toEqual(['online-basemap-0']);
      expect(await page.getByTestId('basemap-xyz').isChecked()).toBe(true);

      // And back to the offline basemap.
      await page.getByTestId('basemap-offline').check();
      await expect
        .poll(() => drawn(page), { timeout: WAIT })
        .toEqual({ online: [], land: 'visible' });
    },
    TIMEOUT,
  );

  it(
    'takes the wall’s basemap from its address',
    async () => {
      const page = await browser.open(`${server.url}/?mode=screen&tour=off&basemap=xyz`, {
        viewport: { width: 1920, height: 1080 },
      });
      await waitForAtlas(page);
      await expect
        .poll(() => drawn(page), { timeout: WAIT })
        .toEqual({
          online: ['online-basemap-0'],
          land: 'none',
        });
    },
    TIMEOUT,
  );

  it(
    'offers nothing, and draws only the offline basemap, where none is set up',
    async () => {
      const page = await browser.newPage();
      const violations = await watchCsp(page);
      await page.goto(`${plain.url}/?mode=screen&tour=off&basemap=xyz`);
      await waitForMap(page);
      expect(await drawn(page)).toEqual({ online: [], land: 'visible' });
      await page.goto(`${plain.url}/`);
      await waitForMap(page);
      await page.getByTestId('layer-panel').waitFor();
      expect(await page.getByTestId('basemap-picker').count()).toBe(0);
      expect(await violations()).toEqual([]);
    },
    TIMEOUT,
  );
});
