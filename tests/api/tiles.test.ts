import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tilesRepository } from '../../server/tiles/repository.ts';
import { useTestApp } from '../support/test-app.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { decodeTile as decode, tileOf } from '../support/tiles.ts';

/** Signed shoelace area of a ring in tile units (positive = exterior in MVT's y-down grid). */
function ringArea(ring: { x: number; y: number }[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y);
  }
  return a / 2;
}

describe('GET /tiles/:layer/:z/:x/:y.mvt', () => {
  const t = useTestApp();

  async function someShequ() {
    const [row] = await t
      .db()
      .query<{ code: string; name: string; parent_code: string; lon: number; lat: number }>(
        `SELECT code, name, parent_code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
      );
    return row!;
  }

  it('serves a tile holding the area under its label point, with its attributes', async () => {
    const s = await someShequ();
    const { x, y } = tileOf(s.lon, s.lat, 13);
    const res = await t.app().inject(`/tiles/shequ/13/${x}/${y}.mvt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const layer = decode(res.rawPayload).layers.shequ!;
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties);
    expect(features).toContainEqual(
      expect.objectContaining({ code: s.code, name: s.name, parent_code: s.parent_code }),
    );
  });

  it('encodes polygons with exterior rings of positive area, as MapLibre reads them', async () => {
    const s = await someShequ();
    const { x, y } = tileOf(s.lon, s.lat, 12);
    const res = await t.app().inject(`/tiles/shequ/12/${x}/${y}.mvt`);
    const layer = decode(res.rawPayload).layers.shequ!;
    for (let i = 0; i < layer.length; i++) {
      const polygons = layer.feature(i).toGeoJSON(x, y, 12).geometry;
      // toGeoJSON groups rings by winding: a wrongly wound exterior would become a hole.
      expect(['Polygon', 'MultiPolygon']).toContain(polygons.type);
      const rings = layer.feature(i).loadGeometry();
      expect(ringArea(rings[0]!)).toBeGreaterThan(0);
    }
  });

  it('draws each area with the area PostGIS measures for it in the tile', async () => {
    const s = await someShequ();
    const z = 12;
    const { x, y } = tileOf(s.lon, s.lat, z);
    const res = await t.app().inject(`/tiles/shequ/${z}/${x}/${y}.mvt`);
    const layer = decode(res.rawPayload).layers.shequ!;
    const byCode = new Map<string, number>();
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const area = f.loadGeometry().reduce((a, ring) => a + ringArea(ring), 0);
      byCode.set(String(f.properties.code), area);
    }
    // The same area computed independently: clip to the tile (no buffer) in Web Mercator.
    const [row] = await t.db().query<{ area: number }>(
      `SELECT (ST_Area(ST_Intersection(ST_Transform(geom, 3857), ST_TileEnvelope($2, $3, $4)))
               / (ST_Area(ST_TileEnvelope($2, $3, $4)) / (4096.0 * 4096.0)))::float8 AS area
       FROM area WHERE code = $1`,
      [s.code, z, x, y],
    );
    const drawn = byCode.get(s.code)!;
    // The tile keeps a 64-unit buffer beyond the edge and snaps to whole units.
    expect(drawn).toBeGreaterThanOrEqual(row!.area * 0.98);
    expect(drawn).toBeLessThanOrEqual(row!.area * 1.2 + 4096 * 64 * 4);
  });

  it('answers 204 No Content where there are no areas', async () => {
    const res = await t.app().inject('/tiles/pianqu/10/0/0.mvt');
    expect(res.statusCode).toBe(204);
    expect(Object.keys(decode(res.rawPayload).layers)).toEqual([]);
  });

  it.runIf(TEST_BACKEND === 'postgres')(
    // Runs in the PostgreSQL pass only: PGlite's PostGIS has no ST_AsMVT to compare with.
    'gives the same features and attributes from ST_AsMVT and from the server encoder (PostGIS only)',
    async () => {
      const repo = tilesRepository(t.db());
      const s = await someShequ();
      for (const z of [10, 12, 14]) {
        const { x, y } = tileOf(s.lon, s.lat, z);
        for (const level of ['pianqu', 'shequ', 'xiaoqu'] as const) {
          const summarise = (tile: Uint8Array) => {
            const layer = decode(tile).layers[level];
            if (!layer) return [];
            return Array.from({ length: layer.length }, (_, i) => {
              const f = layer.feature(i);
              const area = f.loadGeometry().reduce((a, r) => a + ringArea(r), 0);
              return { ...f.properties, area } as Record<string, unknown> & { area: number };
            }).sort((a, b) => String(a.code).localeCompare(String(b.code)));
          };
          const byPostgis = summarise(await repo.areaTileByPostgis(level, z, x, y));
          const byServer = summarise(await repo.areaTileByServer(level, z, x, y));
          expect(byServer.map(({ area: _a, ...p }) => p)).toEqual(
            byPostgis.map(({ area: _a, ...p }) => p),
          );
          byServer.forEach((f, i) => {
            const ref = byPostgis[i]!.area;
            // ST_AsMVTGeom clips and snaps slightly differently; 256 units² is a 16×16 square of 4096².
            expect(Math.abs(f.area - ref)).toBeLessThanOrEqual(Math.max(ref * 0.02, 256));
          });
        }
      }
    },
  );

  it.each([
    ['x beyond the zoom', '/tiles/shequ/3/8/0.mvt'],
    ['y beyond the zoom', '/tiles/shequ/3/0/8.mvt'],
    ['a negative zoom', '/tiles/shequ/-1/0/0.mvt'],
    ['a zoom above 22', '/tiles/shequ/23/0/0.mvt'],
    ['a coordinate that is not a number', '/tiles/shequ/3/a/0.mvt'],
    ['an unknown layer', '/tiles/people/3/0/0.mvt'],
    ['an infinite zoom', '/tiles/shequ/1e309/0/0.mvt'],
    ['an infinite x', '/tiles/shequ/3/Infinity/0.mvt'],
  ])('answers 400 with a reason for %s', async (_what, url) => {
    const res = await t.app().inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().message.length).toBeGreaterThan(5);
  });

  it('never answers 500 to any tile address', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('pianqu', 'shequ', 'xiaoqu', 'zone', '', '%00', '..'),
        fc.oneof(fc.integer({ min: -5, max: 30 }), fc.string({ maxLength: 6 })),
        fc.oneof(fc.integer({ min: -5, max: 1 << 24 }), fc.string({ maxLength: 6 })),
        fc.oneof(fc.integer({ min: -5, max: 1 << 24 }), fc.string({ maxLength: 6 })),
        async (layer, z, x, y) => {
          const url = `/tiles/${encodeURIComponent(layer)}/${encodeURIComponent(String(z))}/${encodeURIComponent(String(x))}/${encodeURIComponent(String(y))}.mvt`;
          const res = await t.app().inject(url);
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
