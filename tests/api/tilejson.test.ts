/**
 * The tile sets' descriptions (issue 20): the catalog, each level's TileJSON 3.0.0 and the
 * metadata.json GDAL reads beside a zoom level, checked against SQL written here; and the
 * `.pbf` name of every tile.
 */
import { describe, expect, it } from 'vitest';
import {
  AREA_TILE_FIGURES,
  tileFigureField,
  type TileCatalog,
  type TileJson,
  type TileMetadata,
} from '../../server/contract/index.ts';
import { useTestApp } from '../support/test-app.ts';
import { tileOf } from '../support/tiles.ts';

const LEVELS = ['pianqu', 'shequ', 'xiaoqu'] as const;

describe('tile catalog, TileJSON and metadata.json', () => {
  const t = useTestApp();

  /** The level's extent as PostGIS computes it. */
  async function extent(level: string) {
    const [row] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x)::float8 AS w, ST_YMin(x)::float8 AS s, ST_XMax(x)::float8 AS e,
              ST_YMax(x)::float8 AS n
         FROM (SELECT ST_Extent(geom)::box2d AS x FROM area WHERE level = $1) q`,
      [level],
    );
    return row!;
  }

  it('lists every area level with a TileJSON URL on the host the caller used', async () => {
    const res = await t
      .app()
      .inject({ url: '/tiles/catalog.json', headers: { host: 'gis.example:8443' } });
    expect(res.statusCode).toBe(200);
    const catalog = res.json() as TileCatalog;
    expect(Object.keys(catalog.tiles).sort()).toEqual([...LEVELS, 'areas'].sort());
    for (const level of [...LEVELS, 'areas']) {
      expect(catalog.tiles[level]!.tilejson).toBe(`http://gis.example:8443/tiles/${level}.json`);
    }
  });

  it.each(LEVELS)('describes %s with the bounds of its areas in the database', async (level) => {
    const res = await t.app().inject(`/tiles/${level}.json`);
    expect(res.statusCode).toBe(200);
    const tj = res.json() as TileJson;
    expect(tj.tilejson).toBe('3.0.0');
    const x = await extent(level);
    const [w, s, e, n] = tj.bounds;
    for (const [got, want] of [
      [w, x.w],
      [s, x.s],
      [e, x.e],
      [n, x.n],
    ] as const) {
      expect(Math.abs(got - want)).toBeLessThan(1e-6);
    }
    expect(tj.center[0]).toBeGreaterThan(w);
    expect(tj.center[0]).toBeLessThan(e);
    expect(tj.center[1]).toBeGreaterThan(s);
    expect(tj.center[1]).toBeLessThan(n);
    expect(tj.minzoom).toBeLessThan(tj.maxzoom);
    expect(tj.vector_layers).toEqual([
      expect.objectContaining({
        id: level,
        fields: {
          code: 'String',
          name: 'String',
          parent_code: 'String',
          ...Object.fromEntries(AREA_TILE_FIGURES.map((k) => [tileFigureField(k), 'Number'])),
        },
      }),
    ]);
  });

  it('points its tile URL at tiles that hold the level’s areas', async () => {
    const tj = (await t.app().inject('/tiles/shequ.json')).json() as TileJson;
    const [row] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
           FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
    );
    const z = tj.minzoom + 4;
    const { x, y } = tileOf(row!.lon, row!.lat, z);
    const url = new URL(
      tj.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)),
    );
    const res = await t.app().inject(url.pathname);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeGreaterThan(0);
  });

  it('says the demo’s data are illustrative', async () => {
    const tj = (await t.app().inject('/tiles/pianqu.json')).json() as TileJson;
    const [d] = await t.db().query<{ source: string }>(`SELECT source FROM dataset`);
    expect(d!.source).toBe('demo');
    expect(tj.attribution).toContain('示意数据');
  });

  it('writes metadata.json as GDAL reads it: strings, with the layers as JSON text', async () => {
    const res = await t.app().inject('/tiles/xiaoqu/metadata.json');
    expect(res.statusCode).toBe(200);
    const m = res.json() as TileMetadata;
    expect(m.format).toBe('pbf');
    const x = await extent('xiaoqu');
    const bounds = m.bounds.split(',').map(Number);
    expect(bounds).toHaveLength(4);
    expect(Math.abs(bounds[0]! - x.w)).toBeLessThan(1e-6);
    expect(Math.abs(bounds[3]! - x.n)).toBeLessThan(1e-6);
    const layers = (JSON.parse(m.json) as { vector_layers: { id: string }[] }).vector_layers;
    expect(layers.map((l) => l.id)).toEqual(['xiaoqu']);
  });

  it('refuses an unknown level by name', async () => {
    const res = await t.app().inject('/tiles/street.json');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/layer/);
  });

  it('serves each tile under .pbf with the same bytes as under .mvt', async () => {
    const [row] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
           FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
    );
    const { x, y } = tileOf(row!.lon, row!.lat, 11);
    const mvt = await t.app().inject(`/tiles/pianqu/11/${x}/${y}.mvt`);
    const pbf = await t.app().inject(`/tiles/pianqu/11/${x}/${y}.pbf`);
    expect(pbf.statusCode).toBe(200);
    expect(pbf.rawPayload.length).toBeGreaterThan(0);
    expect(pbf.rawPayload.equals(mvt.rawPayload)).toBe(true);
  });
});
