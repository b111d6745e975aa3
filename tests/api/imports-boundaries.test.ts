/**
 * The boundary import (GeoJSON, Shapefile, WKT in CSV): each geometry problem named with its place,
 * repairs, encodings and coordinate systems. Over 400 lines on purpose: every case runs against the
 * one scratch app the file starts, and reads as a list.
 */
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import proj4 from 'proj4';
import { fromWgs84, metresBetween } from '../../server/features/imports/coords.ts';
import { csvBytes, squareRing, zippedShapefile } from '../support/import-files.ts';
import { dataFingerprint, postImport } from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

let db: Db;
let app: FastifyInstance;
let admin: string;

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp());
}, 120_000);
afterAll(() => stopScratchApp(app, db));

/** The seeded areas of a level as a GeoJSON file, the way another system would export them. */
async function levelFile(level: string, where = 'true'): Promise<FeatureCollection> {
  const rows = await db.query<{
    code: string;
    name: string;
    parent_code: string | null;
    g: string;
  }>(
    `SELECT code, name, parent_code, ST_AsGeoJSON(geom, 9) AS g FROM area WHERE level = $1 AND ${where} ORDER BY code`,
    [level],
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { code: r.code, name: r.name, parent_code: r.parent_code },
      geometry: JSON.parse(r.g),
    })),
  };
}

/** A place inside a 社区 at least ~30 m from its 小区 and edges, where a new 小区 fits. */
async function freeSpot(): Promise<{ shequ: string; lon: number; lat: number }> {
  const [r] = await db.query<{ shequ: string; lon: number; lat: number }>(`
    SELECT s.code AS shequ, ST_X(p) AS lon, ST_Y(p) AS lat FROM area s
    CROSS JOIN LATERAL (SELECT ST_PointOnSurface(ST_Buffer(ST_Difference(s.geom,
      coalesce((SELECT ST_Union(x.geom) FROM area x WHERE x.parent_code = s.code), 'POLYGON EMPTY'::geometry)), -0.0004)) AS p) AS f
    WHERE s.level = 'shequ' AND NOT ST_IsEmpty(p) ORDER BY s.code LIMIT 1`);
  return r!;
}

const square = (lon: number, lat: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [squareRing(lon, lat, size).reverse()],
});
/** A ring that crosses itself at its middle (lon + d/2, lat + d/2): invalid, repairable. */
const bowtieAt = (lon: number, lat: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat + d],
      [lon + d, lat],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});
const feature = (
  code: string,
  name: string,
  parent: string | null,
  geometry: Polygon,
): Feature => ({ type: 'Feature', properties: { code, name, parent_code: parent }, geometry });
const collection = (...features: Feature[]): string =>
  JSON.stringify({ type: 'FeatureCollection', features });
const XIAOQU = { kind: 'boundaries', level: 'xiaoqu', fileName: '小区.geojson' };

async function restore(importId: number | null) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/admin/imports/${importId}/restore`,
    headers: { cookie: admin },
  });
  expect(res.statusCode).toBe(200);
}

describe('boundaries', () => {
  it('accepts the seeded 小区 exported as GeoJSON without a problem', async () => {
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      JSON.stringify(await levelFile('xiaoqu')),
    );
    expect(report).toMatchObject({ errorCount: 0, rows: 175, valid: 175, format: 'geojson' });
  });

  it('accepts the seeded 社区 (tiling their 片区) without gaps or overlaps', async () => {
    const { report } = await postImport(
      app,
      admin,
      { kind: 'boundaries', level: 'shequ', fileName: 'shequ.geojson', dryRun: true },
      JSON.stringify(await levelFile('shequ')),
    );
    expect(report).toMatchObject({ errorCount: 0, rows: 64 });
  });

  it('reports an invalid geometry with PostGIS reason and place', async () => {
    const s = await freeSpot();
    const d = 0.0002;
    const bowtie = bowtieAt(s.lon, s.lat, d);
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      collection(feature('XQ900', '蝴蝶小区', s.shequ, bowtie)),
    );
    const p = report.problems.find((x) => x.problem === 'geometry_invalid');
    expect(p!.params.reason).toMatch(/Self-intersection/);
    expect(p!.location![0]).toBeCloseTo(s.lon + d / 2, 6);
  });

  it('repairs an invalid geometry with ST_MakeValid when asked and says what changed', async () => {
    const s = await freeSpot();
    const d = 0.0002;
    const bowtie = bowtieAt(s.lon, s.lat, d);
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true, repair: true },
      collection(feature('XQ900', '蝴蝶小区', s.shequ, bowtie)),
    );
    expect(report.errorCount).toBe(0);
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'geometry_repaired', severity: 'warning', code: 'XQ900' }),
    ]);
  });

  it('reports a 小区 that reaches outside its 社区, with the area outside', async () => {
    const [s] = await db.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, ST_XMax(geom) AS lon, ST_Y(label_point) AS lat FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
    );
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      collection(feature('XQ901', '越界小区', s!.code, square(s!.lon - 0.001, s!.lat, 0.002))),
    );
    const p = report.problems.find((x) => x.problem === 'not_inside_parent');
    expect(p).toMatchObject({
      code: 'XQ901',
      params: expect.objectContaining({ parent: s!.code }),
    });
    expect(p!.params.areaM2).toBeGreaterThan(10000);
  });

  it('reports two 小区 that overlap, with the overlap area', async () => {
    const s = await freeSpot();
    const size = 0.0002;
    const a = feature('XQ902', '甲小区', s.shequ, square(s.lon - size / 2, s.lat - size / 2, size));
    const b = feature('XQ903', '乙小区', s.shequ, square(s.lon, s.lat - size / 2, size));
    const { report } = await postImport(app, admin, { ...XIAOQU, dryRun: true }, collection(a, b));
    const p = report.problems.find((x) => x.problem === 'overlap');
    // Half of a 0.0002° square: about 11 m × 22 m at 37.5° N.
    const expected = (size / 2) * 111320 * Math.cos((s.lat * Math.PI) / 180) * size * 110950;
    expect(p!.params.areaM2).toBeGreaterThan(expected * 0.95);
    expect(p!.params.areaM2).toBeLessThan(expected * 1.05);
  });

  it('reports a gap between 社区 with its area and place', async () => {
    const fc = await levelFile('shequ');
    const [first] = fc.features;
    const [shrunk] = await db.query<{ g: string }>(
      `SELECT ST_AsGeoJSON(ST_Buffer(geom, -0.0005), 9) AS g FROM area WHERE code = $1`,
      [first!.properties!.code],
    );
    first!.geometry = JSON.parse(shrunk!.g);
    const { report } = await postImport(
      app,
      admin,
      { kind: 'boundaries', level: 'shequ', fileName: 'shequ.geojson', dryRun: true },
      JSON.stringify(fc),
    );
    const gap = report.problems.find((x) => x.problem === 'gap');
    expect(gap).toMatchObject({ code: first!.properties!.parent_code });
    expect(gap!.params.areaM2).toBeGreaterThan(10000);
    expect(gap!.location).not.toBeNull();
  });

  it('reports a parent code that is not a 社区, and a missing one', async () => {
    const s = await freeSpot();
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      collection(
        feature('XQ904', '无名小区', 'SQ999', square(s.lon, s.lat, 0.0001)),
        feature('XQ905', '孤儿小区', null, square(s.lon, s.lat, 0.0001)),
      ),
    );
    expect(report.problems.map((p) => [p.problem, p.row])).toEqual(
      expect.arrayContaining([
        ['parent_unknown', 1],
        ['parent_missing', 2],
      ]),
    );
  });

  it('imports a zipped Shapefile with a GBK .dbf and .cpg, then restores', async () => {
    const before = await dataFingerprint(db);
    const s = await freeSpot();
    const zip = zippedShapefile('xiaoqu_2026', [
      {
        rings: [squareRing(s.lon, s.lat, 0.0002)],
        properties: { CODE: 'XQ906', NAME: '海韵丽苑', PARENT: s.shequ },
      },
    ]);
    const { report } = await postImport(
      app,
      admin,
      {
        ...XIAOQU,
        fileName: '小区边界.zip',
        mapping: JSON.stringify({ code: 'CODE', name: 'NAME', parent_code: 'PARENT' }),
      },
      zip,
    );
    expect(report).toMatchObject({ applied: true, inserted: 1, format: 'shapefile' });
    const [row] = await db.query<{ name: string; parent_code: string }>(
      "SELECT name, parent_code FROM area WHERE code = 'XQ906'",
    );
    expect(row).toEqual({ name: '海韵丽苑', parent_code: s.shequ });
    const found = await app.inject({
      url: `/api/search?q=${encodeURIComponent('海韵')}`,
      headers: { cookie: admin },
    });
    expect(found.json().results.map((r: { code: string }) => r.code)).toContain('XQ906');
    await restore(report.importId);
    const after = JSON.parse(await dataFingerprint(db));
    expect(after.area).toBe(JSON.parse(before).area);
  });

  it('detects a GBK .dbf that has no .cpg', async () => {
    const s = await freeSpot();
    const zip = zippedShapefile(
      'xq',
      [
        {
          rings: [squareRing(s.lon, s.lat, 0.0002)],
          properties: { code: 'XQ907', name: '金海湾花园', parent_cod: s.shequ },
        },
      ],
      { cpg: false },
    );
    const { report } = await postImport(
      app,
      admin,
      {
        ...XIAOQU,
        fileName: 'xq.zip',
        dryRun: true,
        mapping: JSON.stringify({ parent_code: 'parent_cod' }),
      },
      zip,
    );
    expect(report).toMatchObject({ errorCount: 0, encoding: 'gb18030' });
  });

  it('reports a zip archive that is cut off', async () => {
    const s = await freeSpot();
    const zip = zippedShapefile('xq', [
      {
        rings: [squareRing(s.lon, s.lat, 0.0002)],
        properties: { code: 'XQ908', name: '半截小区', parent_code: s.shequ },
      },
    ]);
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: 'xq.zip', dryRun: true },
      zip.subarray(0, zip.length - 40),
    );
    expect(report.problems[0]!.problem).toBe('file_truncated');
  });

  it('reports a GeoJSON file that is cut off', async () => {
    const text = JSON.stringify(await levelFile('xiaoqu'));
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      text.slice(0, text.length / 2),
    );
    expect(report.problems[0]!.problem).toBe('file_truncated');
  });

  it('imports a CSV with a WKT column and restores it', async () => {
    const s = await freeSpot();
    const d = 0.0002;
    const wkt = `POLYGON((${s.lon} ${s.lat},${s.lon + d} ${s.lat},${s.lon + d} ${s.lat + d},${s.lon} ${s.lat + d},${s.lon} ${s.lat}))`;
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: '小区.csv' },
      csvBytes(
        [
          ['小区编码', '小区名称', '所属社区编码', 'WKT'],
          ['XQ909', '文华苑', s.shequ, wkt],
        ],
        'gbk',
      ),
    );
    expect(report).toMatchObject({
      applied: true,
      inserted: 1,
      format: 'csv-wkt',
      encoding: 'gb18030',
    });
    expect(
      await db.query("SELECT 1 FROM area WHERE code = 'XQ909' AND name = '文华苑'"),
    ).toHaveLength(1);
    await restore(report.importId);
  });

  it('names the row of WKT it cannot read', async () => {
    const s = await freeSpot();
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: '小区.csv', dryRun: true },
      csvBytes([
        ['code', 'name', 'parent_code', 'wkt'],
        ['XQ910', '坏边界', s.shequ, 'POLYGON((1 2, 3 4'],
      ]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'geometry_invalid', row: 2, code: 'XQ910' }),
    ]);
  });

  it('says 小区 in GCJ-02 declared WGS84 look like GCJ-02', async () => {
    const fc = await levelFile('xiaoqu');
    for (const f of fc.features) {
      const g = f.geometry as { coordinates: number[][][][] };
      g.coordinates = g.coordinates.map((poly) =>
        poly.map((ring) => ring.map(([x, y]) => fromWgs84([x!, y!], 'gcj02'))),
      );
    }
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      JSON.stringify(fc),
    );
    const crs = report.problems.find((p) => p.problem === 'crs_suspect');
    expect(crs?.params).toMatchObject({ declared: 'wgs84', suggested: 'gcj02' });
  });

  it('reports a code that appears twice, with the row it first appeared on', async () => {
    const s = await freeSpot();
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      collection(
        feature('XQ911', '甲', s.shequ, square(s.lon, s.lat, 0.0001)),
        feature('XQ911', '乙', s.shequ, square(s.lon + 0.0002, s.lat, 0.0001)),
      ),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'duplicate', row: 2, params: { first: 1 } }),
    ]);
  });

  it('reads a Shapefile in CGCS2000 Gauss-Krüger metres through its .prj', async () => {
    const s = await freeSpot();
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_CM_123E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const ring = squareRing(s.lon, s.lat, 0.0002);
    const metres = ring.map((p) => proj4(prj).forward(p) as [number, number]);
    const zip = zippedShapefile(
      'xq_gk',
      [{ rings: [metres], properties: { code: 'XQ912', name: '国土小区', parent_code: s.shequ } }],
      { prj },
    );
    const { report } = await postImport(app, admin, { ...XIAOQU, fileName: '国土.zip' }, zip);
    expect(report).toMatchObject({ applied: true, inserted: 1 });
    const [corner] = await db.query<{ lon: number; lat: number }>(
      "SELECT ST_XMin(geom) AS lon, ST_YMin(geom) AS lat FROM area WHERE code = 'XQ912'",
    );
    expect(metresBetween([corner!.lon, corner!.lat], [s.lon, s.lat])).toBeLessThan(1);
    await restore(report.importId);
  });

  it('tells open dashboards to refetch: one data.reloaded event, and the areas version moves', async () => {
    const s = await freeSpot();
    const [v0] = await db.query<{ version: number }>(
      "SELECT version::int FROM data_version WHERE layer = 'areas'",
    );
    const [e0] = await db.query<{ id: number }>(
      'SELECT coalesce(max(id), 0)::int AS id FROM event',
    );
    const { report } = await postImport(
      app,
      admin,
      XIAOQU,
      collection(feature('XQ913', '新小区', s.shequ, square(s.lon, s.lat, 0.0002))),
    );
    expect(report.applied).toBe(true);
    const events = await db.query<{ kind: string }>(
      'SELECT kind FROM event WHERE id > $1 ORDER BY id',
      [e0!.id],
    );
    expect(events.map((e) => e.kind)).toEqual(['data.reloaded']);
    const [v1] = await db.query<{ version: number }>(
      "SELECT version::int FROM data_version WHERE layer = 'areas'",
    );
    expect(v1!.version).toBeGreaterThan(v0!.version);
    const areas = await app.inject({
      url: `/api/areas?level=xiaoqu&parent=${s.shequ}`,
      headers: { cookie: admin },
    });
    expect(
      areas.json().features.map((f: { properties: { code: string } }) => f.properties.code),
    ).toContain('XQ913');
    await restore(report.importId);
  });

  it('warns when a code comes from a number field (its leading zeros may be gone)', async () => {
    const s = await freeSpot();
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 7, name: '数字小区', parent_code: s.shequ },
          geometry: square(s.lon, s.lat, 0.0001),
        },
      ],
    };
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      JSON.stringify(fc),
    );
    expect(report.errorCount).toBe(0);
    expect(report.problems).toEqual([
      expect.objectContaining({ severity: 'warning', field: 'code', row: 1 }),
    ]);
  });

  it('asks for the level of a boundary file', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/imports?kind=boundaries&fileName=a.geojson',
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('level');
  });
});
