import { describe, expect, it } from 'vitest';
import { basemapOrigins, onlineBasemapsFromEnv, xyzTemplate } from './online.ts';

describe('onlineBasemapsFromEnv', () => {
  it('offers none when nothing is set', () => {
    expect(onlineBasemapsFromEnv({})).toEqual([]);
  });

  it('offers 天地图 vector and image maps, each with its annotation, keyed on every host', () => {
    const basemaps = onlineBasemapsFromEnv({ TIANDITU_KEY: 'abc123' });
    expect(basemaps.map((b) => b.id)).toEqual(['tianditu-vec', 'tianditu-img']);
    const layers = basemaps.map((b) => b.layers.map((l) => new URL(l.tiles[0]!).pathname));
    expect(layers).toEqual([
      ['/vec_w/wmts', '/cva_w/wmts'],
      ['/img_w/wmts', '/cia_w/wmts'],
    ]);
    for (const tile of basemaps.flatMap((b) => b.layers.flatMap((l) => l.tiles))) {
      expect(tile).toContain('tk=abc123');
      expect(tile).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    }
    expect(basemapOrigins(basemaps)).toHaveLength(8);
  });

  it('refuses a 天地图 key that is not one, naming the variable', () => {
    expect(() => onlineBasemapsFromEnv({ TIANDITU_KEY: 'a"b' })).toThrow(/TIANDITU_KEY/);
  });

  it('offers an intranet XYZ server under the admin’s name', () => {
    const [xyz] = onlineBasemapsFromEnv({
      BASEMAP_URL: 'http://10.0.0.5:8081/tiles/{z}/{x}/{y}.png',
      BASEMAP_NAME: '政务外网底图',
      BASEMAP_MAXZOOM: '17',
    });
    expect(xyz).toMatchObject({ id: 'xyz', name: '政务外网底图', maxzoom: 17 });
    expect(basemapOrigins([xyz!])).toEqual(['http://10.0.0.5:8081']);
  });

  it('refuses a deepest level out of range, naming the variable', () => {
    expect(() =>
      onlineBasemapsFromEnv({ BASEMAP_URL: 'https://t/{z}/{x}/{y}', BASEMAP_MAXZOOM: '40' }),
    ).toThrow(/BASEMAP_MAXZOOM/);
  });
});

describe('xyzTemplate', () => {
  it("reads WMTS's tile position names as MapLibre's", () => {
    expect(
      xyzTemplate('https://gis.example.gov.cn/wmts/vec/w/{TileMatrix}/{TileRow}/{TileCol}.png'),
    ).toBe('https://gis.example.gov.cn/wmts/vec/w/{z}/{y}/{x}.png');
  });

  it('says which part of the tile position is missing', () => {
    expect(() => xyzTemplate('https://tiles.example/{z}/{x}.png')).toThrow(/\{y\} missing/);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => xyzTemplate('file:///srv/tiles/{z}/{x}/{y}.png')).toThrow(/http\(s\)/);
    expect(() => xyzTemplate('tiles/{z}/{x}/{y}.png')).toThrow(/BASEMAP_URL/);
  });
});
