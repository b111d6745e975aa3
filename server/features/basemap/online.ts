/**
 * The online basemaps an admin sets up by environment, and the hosts the page's
 * Content-Security-Policy must then admit. Off by default: with nothing set the list is empty and
 * the CSP admits no outside host, so the offline basemap is all a page can draw.
 *
 * - `TIANDITU_KEY`: a 天地图 key (浏览器端). Adds its vector map (vec_w + cva_w) and its image
 *   map (img_w + cia_w), in Web Mercator from the t0–t7 hosts. 天地图 is in CGCS2000, which
 *   the data's WGS84 coordinates match to well under a metre: no offset is applied.
 * - `BASEMAP_URL`: any XYZ or WMTS (Web Mercator, GoogleMapsCompatible) tile template, for a
 *   government's own 天地图 node or an intranet tile server: `{z}/{x}/{y}`, or WMTS's
 *   `{TileMatrix}`, `{TileCol}`, `{TileRow}`. `BASEMAP_NAME` names it in the layer panel,
 *   `BASEMAP_ATTRIBUTION` credits it, `BASEMAP_MAXZOOM` (default 18) is its deepest level.
 */
import type { OnlineBasemap } from '../../contract/index.ts';

/** 天地图's tile hosts: a request goes to one of them (t0 … t7). */
const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`);

/** A 天地图 WMTS layer (`vec`, `cva`, `img`, `cia`) in Web Mercator, on every host. */
function tiandituLayer(layer: string, key: string): OnlineBasemap['layers'][number] {
  const query = new URLSearchParams({
    SERVICE: 'WMTS',
    REQUEST: 'GetTile',
    VERSION: '1.0.0',
    LAYER: layer,
    STYLE: 'default',
    TILEMATRIXSET: 'w',
    FORMAT: 'tiles',
    tk: key,
  });
  // MapLibre fills the braces; URLSearchParams would have escaped them.
  const tail = `${query.toString()}&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`;
  return { tiles: TIANDITU_HOSTS.map((h) => `${h}/${layer}_w/wmts?${tail}`), tileSize: 256 };
}

const TIANDITU_ATTRIBUTION = '© 天地图 国家地理信息公共服务平台';

/** WMTS's names for the tile position, as MapLibre's. */
const WMTS_TOKENS: [RegExp, string][] = [
  [/\{TileMatrix\}/gi, '{z}'],
  [/\{TileCol\}/gi, '{x}'],
  [/\{TileRow\}/gi, '{y}'],
];

/** An XYZ/WMTS template as MapLibre's `{z}/{x}/{y}` one; throws, naming the variable, if unusable. */
export function xyzTemplate(value: string): string {
  let url: URL;
  try {
    url = new URL(value.replace(/[{}]/g, (b) => (b === '{' ? '%7B' : '%7D')));
  } catch {
    throw new Error(`BASEMAP_URL must be an http(s) URL template, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`BASEMAP_URL must be an http(s) URL template, got "${value}"`);
  }
  const template = WMTS_TOKENS.reduce((t, [token, to]) => t.replace(token, to), value);
  const missing = ['{z}', '{x}', '{y}'].filter((t) => !template.includes(t));
  if (missing.length > 0) {
    throw new Error(
      `BASEMAP_URL needs the tile position: ${missing.join(', ')} missing ` +
        `(use {z}/{x}/{y}, or WMTS's {TileMatrix}, {TileCol}, {TileRow}), got "${value}"`,
    );
  }
  return template;
}

/** Reads the online basemaps from the environment; throws, naming the variable, on a bad value. */
export function onlineBasemapsFromEnv(env: NodeJS.ProcessEnv): OnlineBasemap[] {
  const basemaps: OnlineBasemap[] = [];
  const key = env.TIANDITU_KEY?.trim();
  if (key) {
    if (!/^[A-Za-z0-9]+$/.test(key)) {
      throw new Error('TIANDITU_KEY must be the key as 天地图 gives it (letters and digits)');
    }
    for (const [id, base, notes] of [
      ['tianditu-vec', 'vec', 'cva'],
      ['tianditu-img', 'img', 'cia'],
    ] as const) {
      basemaps.push({
        id,
        name: null,
        layers: [tiandituLayer(base, key), tiandituLayer(notes, key)],
        attribution: TIANDITU_ATTRIBUTION,
        maxzoom: 18,
      });
    }
  }
  const url = env.BASEMAP_URL?.trim();
  if (url) {
    const maxzoom = Number(env.BASEMAP_MAXZOOM ?? 18);
    if (!Number.isInteger(maxzoom) || maxzoom < 1 || maxzoom > 24) {
      throw new Error(
        `BASEMAP_MAXZOOM must be an integer from 1 to 24, got "${env.BASEMAP_MAXZOOM}"`,
      );
    }
    basemaps.push({
      id: 'xyz',
      name: env.BASEMAP_NAME?.trim() || null,
      layers: [{ tiles: [xyzTemplate(url)], tileSize: 256 }],
      attribution: env.BASEMAP_ATTRIBUTION?.trim() ?? '',
      maxzoom,
    });
  }
  return basemaps;
}

/** The origins the basemaps' tiles come from: what the CSP's img-src and connect-src add. */
export function basemapOrigins(basemaps: readonly OnlineBasemap[]): string[] {
  const origins = basemaps.flatMap((b) =>
    b.layers.flatMap((l) => l.tiles.map((t) => new URL(t.replace(/[{}]/g, '')).origin)),
  );
  return [...new Set(origins)];
}
