/**
 * The composite area tile (/tiles/areas): the three levels as three layers, each holding the
 * same features as the level's own tile, with its TileJSON, metadata.json and catalog entry.
 */
import { describe, expect, it } from 'vitest';
import {
  MAP_LEVELS,
  type TileCatalog,
  type TileJson,
  type TileMetadata,
} from '../../server/contract/index.ts';
import { useTestApp } from '../support/test-app.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';

/** Every feature of a layer: its properties and its geometry as decoded. */
function features(body: Uint8Array, layer: string) {
  const l = decodeTile(body).layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i);
    return {
      properties: { ...f.properties },
      type: f.type,
      geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])),
    };
  });
}

describe('GET /tiles/areas/:z/:x/:y.mvt', () => {
  const t = useTestApp();

  async function labelPoint() {
    const [row] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT 1`,
    );
    return row!;
  }

  it.each([10, 13, 15])(
    'holds at zoom %i one layer per level, with the features of the level’s own tile',
    async (z) => {
      const p = await labelPoint();
      const { x, y } = tileOf(p.lon, p.lat, z);
      const res = await t.app().inject(`/tiles/areas/${z}/${x}/${y}.mvt`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(Object.keys(decodeTile(res.rawPayload).layers).sort()).toEqual([...MAP_LEVELS].sort());
      for (const level of MAP_LEVELS) {
        const single = await t.app().inject(`/tiles/${level}/${z}/${x}/${y}.mvt`);
        const own = features(single.rawPayload, level);
        expect(own.length).toBeGreaterThan(0);
        expect(features(res.rawPayload, level)).toEqual(own);
      }
    },
  );

  it('serves the same bytes under .pbf', async () => {
    const p = await labelPoint();
    const { x, y } = tileOf(p.lon, p.lat, 12);
    const mvt = await t.app().inject(`/tiles/areas/12/${x}/${y}.mvt`);
    const pbf = await t.app().inject(`/tiles/areas/12/${x}/${y}.pbf`);
    expect(pbf.statusCode).toBe(200);
    expect(pbf.rawPayload.equals(mvt.rawPayload)).toBe(true);
  });

  it('answers 204 where there are no areas', async () => {
    const res = await t.app().inject('/tiles/areas/10/0/0.mvt');
    expect(res.statusCode).toBe(204);
  });

  it('answers 400 to a tile beyond its zoom', async () => {
    const res = await t.app().inject('/tiles/areas/3/8/0.mvt');
    expect(res.statusCode).toBe(400);
  });

  it('is in the catalog, with a TileJSON listing a vector layer per level', async () => {
    const catalog = (await t.app().inject('/tiles/catalog.json')).json() as TileCatalog;
    const url = new URL(catalog.tiles.areas!.tilejson);
    expect(url.pathname).toBe('/tiles/areas.json');
    const res = await t.app().inject(url.pathname);
    expect(res.statusCode).toBe(200);
    const tj = res.json() as TileJson;
    expect(tj.tiles[0]).toMatch(/\/tiles\/areas\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    expect(tj.vector_layers.map((l) => l.id)).toEqual([...MAP_LEVELS]);
    const single = (await t.app().inject('/tiles/shequ.json')).json() as TileJson;
    for (const layer of tj.vector_layers)
      expect(layer.fields).toEqual(single.vector_layers[0]!.fields);
  });

  it('gives the bounds of all the levels’ areas, in TileJSON and metadata.json', async () => {
    const [x] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(b)::float8 AS w, ST_YMin(b)::float8 AS s, ST_XMax(b)::float8 AS e,
              ST_YMax(b)::float8 AS n
         FROM (SELECT ST_Extent(geom)::box2d AS b FROM area
               WHERE level IN ('pianqu', 'shequ', 'xiaoqu')) q`,
    );
    const want = [x!.w, x!.s, x!.e, x!.n];
    const tj = (await t.app().inject('/tiles/areas.json')).json() as TileJson;
    const m = (await t.app().inject('/tiles/areas/metadata.json')).json() as TileMetadata;
    tj.bounds.forEach((b, i) => expect(Math.abs(b - want[i]!)).toBeLessThan(1e-6));
    m.bounds
      .split(',')
      .map(Number)
      .forEach((b, i) => expect(Math.abs(b - want[i]!)).toBeLessThan(1e-6));
    const layers = (JSON.parse(m.json) as { vector_layers: { id: string }[] }).vector_layers;
    expect(layers.map((l) => l.id)).toEqual([...MAP_LEVELS]);
  });
});
