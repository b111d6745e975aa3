/**
 * The published styles and data in another site's MapLibre, in a real browser. A page served
 * from a second origin (another port, listed in CORS_ORIGINS) loads maplibre-gl from its own
 * server and opens `/styles/{light,dark}.json` of the app: the map must draw land, roads, the
 * area fills and outlines and Chinese labels, with the fonts from the app and no request off
 * the machine. The same page reads a tile and a GeoJSON route; a page of a third origin, not
 * listed, is refused both by the browser.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type * as Maplibre from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TileJson } from '../../server/contract/index.ts';
import { tileOf } from '../../server/contract/web-mercator.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  useBrowser,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SUITE = browserSuite(
  'the published styles in another origin’s MapLibre',
  'external-origin.test.ts',
);
const MAPLIBRE_DIST = fileURLToPath(
  new URL('../../node_modules/maplibre-gl/dist/', import.meta.url),
);
const CJK = /[\u4e00-\u9fff]/;
/** The layers of the style that draw text. */
const LABEL_LAYERS = ['area-label', 'road-label', 'landmark-label'];

/** A page of the other site: maplibre-gl served by that site itself, nothing from the app. */
const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html, body, #map { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl(new URL('/maplibre/maplibre-gl-worker.mjs', location.href).href);
window.maplibregl = maplibregl;
</script></body></html>`;

const TYPES: Record<string, string> = {
  mjs: 'text/javascript',
  css: 'text/css',
};

/** The other site: its page and maplibre-gl's files, on a port of its own. */
async function startSite(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = /^\/maplibre\/(maplibre-gl(?:-worker)?\.(mjs|css))$/.exec(path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (file) {
      readFile(join(MAPLIBRE_DIST, file[1]!)).then(
        (bytes) => res.writeHead(200, { 'content-type': TYPES[file[2]!]! }).end(bytes),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

const closeSite = (server?: Server) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/** What the map drew once idle: the label texts by layer. */
interface Drawn {
  labels: { layer: string; text: string }[];
}

/** Opens the app's style in the other site's MapLibre and waits until it is idle with labels. */
async function openStyle(page: Page, styleUrl: string, zoom: number): Promise<Drawn> {
  await page.waitForFunction(() => 'maplibregl' in window, null, { timeout: WAIT });
  await page.evaluate(
    ({ styleUrl, zoom, layers }) =>
      new Promise<void>((resolve, reject) => {
        const gl = (window as unknown as { maplibregl: typeof Maplibre }).maplibregl;
        // No camera given: the map opens where the style says, then zooms in to the streets.
        const map = new gl.Map({ container: 'map', style: styleUrl });
        map.once('load', () => map.setZoom(zoom));
        (window as unknown as { map: unknown }).map = map;
        map.on('error', (e) => reject(new Error(String(e.error?.message ?? e))));
        // Idle with labels placed: the GeoJSON, tiles and fonts have all arrived.
        const check = () => {
          const placed = map.queryRenderedFeatures({ layers }).length > 0;
          if (placed) resolve();
          else map.once('idle', check);
        };
        map.once('idle', check);
      }),
    { styleUrl, zoom, layers: LABEL_LAYERS },
  );
  return page.evaluate((layers) => {
    const map = (window as unknown as { map: MaplibreMap }).map;
    const labels = map.queryRenderedFeatures({ layers }).map((f) => ({
      layer: f.layer.id,
      text: String(f.properties.name ?? ''),
    }));
    return { labels };
  }, LABEL_LAYERS);
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  let app: TestServer;
  let portal: { server: Server; url: string };
  let stranger: { server: Server; url: string };
  const browser = useBrowser();

  beforeAll(async () => {
    portal = await startSite();
    stranger = await startSite();
    // Only the portal is listed; the stranger is another origin like it.
    app = await startTestServer({ corsOrigins: [portal.url] });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await closeSite(portal?.server);
    await closeSite(stranger?.server);
  });

  /** The 片区 names, as the database holds them. */
  const pianquNames = async () =>
    new Set(
      (await app.db.query<{ name: string }>("SELECT name FROM area WHERE level = 'pianqu'")).map(
        (r) => r.name,
      ),
    );

  it.each(['light', 'dark'])(
    'draws the %s style with Chinese labels, fonts from the app and nothing off the machine',
    async (theme) => {
      const requests: { url: string; status: () => number | undefined }[] = [];
      const context = await browser.context();
      context.on('request', (request) => {
        const entry = { url: request.url(), status: () => undefined as number | undefined };
        requests.push(entry);
        void request.response().then((res) => {
          if (res) entry.status = () => res.status();
        });
      });
      const page = await browser.open(`${portal.url}/`);
      const warnings: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
      });
      const drawn = await openStyle(page, `${app.url}/styles/${theme}.json`, 12);
      await page.screenshot({ path: join(RESULTS, `style-external-${theme}.png`) });

      // Chinese labels were placed, and the 片区 names are the database's.
      const chinese = drawn.labels.filter((l) => CJK.test(l.text));
      expect(chinese.length).toBeGreaterThan(0);
      const names = await pianquNames();
      const areaLabels = drawn.labels.filter((l) => l.layer === 'area-label');
      expect(areaLabels.length).toBeGreaterThan(0);
      for (const l of areaLabels) expect(names.has(l.text), l.text).toBe(true);
      // The labels are drawn with the style's font, loaded from the app.
      const fonts = requests.filter((r) => r.url.startsWith(`${app.url}/fonts/noto-sans-sc/`));
      expect(fonts.length).toBeGreaterThan(0);
      await expect.poll(() => fonts.every((r) => r.status() === 200), { timeout: WAIT }).toBe(true);
      // The style, its sources and tiles came from the app; nothing left the machine.
      expect(requests.some((r) => r.url === `${app.url}/styles/${theme}.json`)).toBe(true);
      expect(requests.some((r) => r.url.startsWith(`${app.url}/tiles/`))).toBe(true);
      for (const r of requests) {
        const url = new URL(r.url);
        if (url.protocol === 'data:' || url.protocol === 'blob:') continue;
        expect(url.hostname, r.url).toBe('127.0.0.1');
      }
      expect(browser.pageErrors).toEqual([]);
      // The style evaluates cleanly on features it did not make (no expression warnings).
      expect(warnings.filter((w) => /layers\[/.test(w))).toEqual([]);
    },
    TIMEOUT,
  );

  /** A tile with 片区 in it and the 片区 list: what the other site's page reads. */
  async function dataUrls(): Promise<{ tile: string; geojson: string }> {
    const tj = (await (await fetch(`${app.url}/tiles/pianqu.json`)).json()) as TileJson;
    const z = 12;
    const { x, y } = tileOf(tj.center[0], tj.center[1], z);
    return {
      tile: `${app.url}/tiles/pianqu/${z}/${x}/${y}.mvt`,
      geojson: `${app.url}/api/areas?level=pianqu`,
    };
  }

  /** Reads both URLs from a page: the tile's byte count and the GeoJSON's feature count. */
  const readFrom = (page: Page, urls: { tile: string; geojson: string }) =>
    page.evaluate(async ({ tile, geojson }) => {
      const read = async <T>(f: () => Promise<T>) => {
        try {
          return { ok: await f() };
        } catch (error) {
          return { failed: String(error) };
        }
      };
      return {
        tile: await read(async () => (await (await fetch(tile)).arrayBuffer()).byteLength),
        geojson: await read(
          async () =>
            ((await (await fetch(geojson)).json()) as { features: unknown[] }).features.length,
        ),
      };
    }, urls);

  it(
    'lets the listed origin’s page read a tile and a GeoJSON route',
    async () => {
      const urls = await dataUrls();
      const tileBytes = (await (await fetch(urls.tile)).arrayBuffer()).byteLength;
      expect(tileBytes).toBeGreaterThan(0);
      const [row] = await app.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM area WHERE level = 'pianqu'",
      );
      const page = await browser.open(`${portal.url}/`);
      const got = await readFrom(page, urls);
      expect(got).toEqual({ tile: { ok: tileBytes }, geojson: { ok: row!.n } });
    },
    TIMEOUT,
  );

  it(
    'refuses both to a page of an origin that is not listed (a CORS failure in the browser)',
    async () => {
      const urls = await dataUrls();
      const page = await browser.open(`${stranger.url}/`);
      const messages: string[] = [];
      page.on('console', (m) => messages.push(m.text()));
      const got = await readFrom(page, urls);
      expect(got.tile).toEqual({ failed: expect.stringContaining('Failed to fetch') });
      expect(got.geojson).toEqual({ failed: expect.stringContaining('Failed to fetch') });
      await expect
        .poll(() => messages.filter((m) => /CORS policy/.test(m)).length, { timeout: WAIT })
        .toBeGreaterThanOrEqual(2);
    },
    TIMEOUT,
  );
});
