/**
 * The published MapLibre styles: valid by the style spec's own validator, every URL they name
 * answering on the host the caller used, the same access as the tiles, and the font files open.
 */
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { TileCatalog, TileJson } from '../../server/contract/index.ts';
import { tileOf } from '../../server/contract/web-mercator.ts';
import { useTestApp } from '../support/test-app.ts';

const HOST = 'gis.example:8443';
const THEMES = ['light', 'dark'] as const;
const PORTAL = 'https://portal.example.gov.cn';

async function styleOf(app: FastifyInstance, theme: string): Promise<StyleSpecification> {
  const res = await app.inject({ url: `/styles/${theme}.json`, headers: { host: HOST } });
  expect(res.statusCode).toBe(200);
  return res.json() as StyleSpecification;
}

/** The path of an absolute URL on the test host (which `inject` then asks for). */
function pathOn(url: string): string {
  const u = new URL(url);
  expect(u.host).toBe(HOST);
  return u.pathname + u.search;
}

/** Every URL a style names: its sources' and its font files'. */
function urlsOf(style: StyleSpecification): { sources: string[]; fonts: string[] } {
  const sources = Object.values(style.sources).flatMap((s) =>
    s.type === 'vector' ? [s.url!] : s.type === 'geojson' ? [s.data as string] : [],
  );
  const fonts = Object.values(style['font-faces'] ?? {}).flatMap((faces) =>
    typeof faces === 'string' ? [faces] : faces.map((f) => f.url),
  );
  return { sources, fonts };
}

describe('published styles', () => {
  const t = useTestApp();

  it.each(THEMES)('%s validates against the MapLibre style spec with no error', async (theme) => {
    const style = await styleOf(t.app(), theme);
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.version).toBe(8);
  });

  it.each(THEMES)('%s names every source by a URL that answers 200', async (theme) => {
    const { sources } = urlsOf(await styleOf(t.app(), theme));
    // The basemap, the zone, the 片区 labels and the composite area tiles.
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const url of sources) {
      const res = await t.app().inject({ url: pathOn(url), headers: { host: HOST } });
      expect(res.statusCode, url).toBe(200);
      const body = res.json() as { type?: string; tilejson?: string };
      expect(body.type === 'FeatureCollection' || body.tilejson === '3.0.0', url).toBe(true);
    }
  });

  it('names vector sources whose TileJSON gives tiles on the same host that answer', async () => {
    const style = await styleOf(t.app(), 'light');
    const vector = Object.values(style.sources).filter((s) => s.type === 'vector');
    // One composite source: its layers are the levels, one request per tile position.
    expect(vector.length).toBe(1);
    for (const source of vector) {
      const tj = (
        await t.app().inject({ url: pathOn(source.url!), headers: { host: HOST } })
      ).json() as TileJson;
      const z = tj.maxzoom;
      const { x, y } = tileOf(tj.center[0], tj.center[1], z);
      const tile = tj.tiles[0]!.replace('{z}', String(z))
        .replace('{x}', String(x))
        .replace('{y}', String(y));
      const res = await t.app().inject({ url: pathOn(tile), headers: { host: HOST } });
      expect([200, 204], tile).toContain(res.statusCode);
      // Every source-layer the style draws is a layer of that TileJSON.
      const drawn = new Set(
        style.layers.flatMap((l) => ('source-layer' in l ? [l['source-layer']] : [])),
      );
      const layers = new Set(tj.vector_layers.map((v) => v.id));
      for (const name of drawn) expect(layers, name).toContain(name);
    }
  });

  it.each(THEMES)('%s names font files that all answer 200 as woff2', async (theme) => {
    const { fonts } = urlsOf(await styleOf(t.app(), theme));
    // Every CJK slice of both weights: a style covering only some would draw boxes.
    expect(fonts.length).toBeGreaterThan(150);
    for (const url of fonts) {
      const res = await t.app().inject({ url: pathOn(url), headers: { host: HOST } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('font/woff2');
      // woff2 files start with the signature `wOF2`.
      expect(res.rawPayload.subarray(0, 4).toString('latin1'), url).toBe('wOF2');
    }
  });

  it('declares a font for every label and has no glyphs URL', async () => {
    const style = await styleOf(t.app(), 'light');
    expect(style.glyphs).toBeUndefined();
    const declared = Object.keys(style['font-faces'] ?? {});
    const symbols = style.layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThan(0);
    for (const layer of symbols) {
      for (const font of layer.layout?.['text-font'] as string[]) expect(declared).toContain(font);
    }
  });

  it('opens on the middle of the 片区 extent in the database', async () => {
    const style = await styleOf(t.app(), 'light');
    const [row] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ((ST_XMin(x) + ST_XMax(x)) / 2)::float8 AS lon, ((ST_YMin(x) + ST_YMax(x)) / 2)::float8 AS lat
         FROM (SELECT ST_Extent(geom)::box2d AS x FROM area WHERE level = 'pianqu') q`,
    );
    const [lon, lat] = style.center as [number, number];
    expect(Math.abs(lon - row!.lon)).toBeLessThan(1e-5);
    expect(Math.abs(lat - row!.lat)).toBeLessThan(1e-5);
  });

  it('lists both styles in the tile catalog, at URLs that answer them', async () => {
    const res = await t.app().inject({ url: '/tiles/catalog.json', headers: { host: HOST } });
    const catalog = res.json() as TileCatalog;
    expect(Object.keys(catalog.styles).sort()).toEqual([...THEMES].sort());
    for (const [theme, entry] of Object.entries(catalog.styles)) {
      const style = await styleOf(t.app(), theme);
      expect(pathOn(entry.url)).toBe(`/styles/${theme}.json`);
      expect(entry.name).toBe(style.name);
    }
  });

  it('answers an unknown theme or font file 400 or 404, naming it', async () => {
    expect((await t.app().inject('/styles/sepia.json')).statusCode).toBe(400);
    const res = await t.app().inject('/fonts/noto-sans-sc/noto-sans-sc-999-400-normal.woff2');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('noto-sans-sc-999-400-normal.woff2');
    expect((await t.app().inject('/fonts/noto-sans-sc/..%2F..%2Fpackage.json')).statusCode).toBe(
      400,
    );
  });
});

describe('published styles, closed (demo off)', () => {
  const t = useTestApp({ publicDemo: false });

  it('refuses the style to an anonymous caller, like the tiles', async () => {
    const style = await t.app().inject('/styles/light.json');
    const tiles = await t.app().inject('/tiles/pianqu.json');
    expect(style.statusCode).toBe(401);
    expect(style.statusCode).toBe(tiles.statusCode);
  });

  it('serves the font files to anyone: a browser loads them without the token', async () => {
    const res = await t.app().inject('/fonts/noto-sans-sc/noto-sans-sc-latin-400-normal.woff2');
    expect(res.statusCode).toBe(200);
  });
});

describe('published styles across origins (CORS_ORIGINS)', () => {
  const t = useTestApp({ corsOrigins: [PORTAL] });

  it.each(['/styles/dark.json', '/fonts/noto-sans-sc/noto-sans-sc-latin-700-normal.woff2'])(
    'lets a listed origin read %s and embed it (CORP cross-origin)',
    async (url) => {
      const res = await t.app().inject({ url, headers: { origin: PORTAL } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    },
  );
});
