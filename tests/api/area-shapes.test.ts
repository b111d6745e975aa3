import { describe, expect, it } from 'vitest';
import { tilesRepository } from '../../server/tiles/repository.ts';
import { useScratchAppEach } from '../support/test-app.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';

// Area shapes pre-simplified per zoom (migration 013). These tests write, so each gets its own
// seeded copy.
const t = useScratchAppEach({ publicDemo: true });

/**
 * Areas whose stored shape differs from the definition computed here on the fly: one
 * tile-grid unit of the zoom, in Web Mercator, from the area's current geometry.
 */
const STALE_SHAPES = `
  SELECT a.code, z.zoom
  FROM area a
  CROSS JOIN generate_series(5, 12) AS z(zoom)
  LEFT JOIN area_shape s ON s.code = a.code AND s.zoom = z.zoom
  WHERE s.geom IS NULL
     OR NOT ST_Equals(s.geom, ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857),
                                                          40075016.685578488 / 2 ^ z.zoom / 4096))
  UNION ALL
  SELECT s.code, s.zoom FROM area_shape s LEFT JOIN area a ON a.code = s.code WHERE a.code IS NULL`;

/** A 社区, and a square of about 300 m around a point 2 km east of its label point. */
async function shequAndSquare() {
  const [s] = await t.db().query<{ code: string; lon: number; lat: number }>(
    `SELECT code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
  );
  const lon = s!.lon + 0.02;
  const d = 0.0015;
  const square = `SRID=4326;MULTIPOLYGON(((${lon - d} ${s!.lat - d},${lon + d} ${s!.lat - d},${lon + d} ${s!.lat + d},${lon - d} ${s!.lat + d},${lon - d} ${s!.lat - d})))`;
  return { ...s!, square, squareLon: lon };
}

/** The longitudes a feature of the tile spans, from its decoded geometry. */
function lonRange(raw: Uint8Array, layer: string, code: string, z: number, x: number, y: number) {
  const l = decodeTile(raw).layers[layer]!;
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    if (f.properties.code !== code) continue;
    const coords = JSON.stringify(f.toGeoJSON(x, y, z).geometry);
    const lons = [...coords.matchAll(/\[(-?[\d.]+),/g)].map((m) => Number(m[1]));
    return [Math.min(...lons), Math.max(...lons)];
  }
  return null;
}

describe('area shapes pre-simplified per zoom', () => {
  it('hold, for every area and zoom 5..12, the shape simplified from its current geometry', async () => {
    const counts = await t
      .db()
      .query<{ areas: number; shapes: number }>(
        `SELECT (SELECT count(*) FROM area)::int AS areas, (SELECT count(*) FROM area_shape)::int AS shapes`,
      );
    expect(counts[0]!.shapes).toBe(counts[0]!.areas * 8);
    expect(await t.db().query(STALE_SHAPES)).toEqual([]);
  });

  it('follow a boundary that is redrawn, in the same transaction', async () => {
    const s = await shequAndSquare();
    await t.db().query(`UPDATE area SET geom = $2::geometry WHERE code = $1`, [s.code, s.square]);
    expect(await t.db().query(STALE_SHAPES)).toEqual([]);
  });

  it('come and go with an area inserted and deleted', async () => {
    const s = await shequAndSquare();
    await t.db().query(
      `INSERT INTO area (code, level, parent_code, name, compound_type, geom, label_point)
       VALUES ('XQ-TEST', 'xiaoqu', $1, '测试小区', 'new', $2::geometry, ST_PointOnSurface($2::geometry))`,
      [s.code, s.square],
    );
    const shapes = async () =>
      (
        await t
          .db()
          .query<{ n: number }>(`SELECT count(*)::int AS n FROM area_shape WHERE code = 'XQ-TEST'`)
      )[0]!.n;
    expect(await shapes()).toBe(8);
    await t.db().query(`DELETE FROM area WHERE code = 'XQ-TEST'`);
    expect(await shapes()).toBe(0);
  });

  it.each([5, 8, 10, 12])(
    'give the zoom-%i tile the bytes it had when simplified at request time',
    async (z) => {
      const [s] = await t.db().query<{ lon: number; lat: number }>(
        `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
         FROM area WHERE level = 'chengqu'`,
      );
      const { x, y } = tileOf(s!.lon, s!.lat, z);
      const tiles = tilesRepository(t.db());
      const stored = await tiles.areaTile('xiaoqu', z, x, y);
      // Without stored shapes the query falls back to simplifying each area itself.
      await t.db().query('DELETE FROM area_shape');
      const computed = await tiles.areaTile('xiaoqu', z, x, y);
      expect(stored.length).toBeGreaterThan(0);
      expect(Buffer.compare(Buffer.from(stored), Buffer.from(computed))).toBe(0);
    },
  );

  it('never let a low-zoom tile show a boundary older than the database', async () => {
    const s = await shequAndSquare();
    const z = 10;
    const { x, y } = tileOf(s.squareLon, s.lat, z);
    const url = `/tiles/shequ/${z}/${x}/${y}.mvt`;
    const before = await t.app().inject(url);
    expect(before.statusCode).toBe(200);
    await t.db().query(`UPDATE area SET geom = $2::geometry WHERE code = $1`, [s.code, s.square]);
    const after = await t.app().inject(url);
    const range = lonRange(after.rawPayload, 'shequ', s.code, z, x, y)!;
    // The redrawn 社区 is now the ~300 m square (within the zoom-10 grid unit, ~30 m).
    expect(range[0]).toBeCloseTo(s.squareLon - 0.0015, 3);
    expect(range[1]).toBeCloseTo(s.squareLon + 0.0015, 3);
  });
});
