/**
 * The files data officers have besides CSV, GeoJSON and Shapefile: Excel workbooks, KML/KMZ
 * from Google Earth or 奥维, projected metres without a .prj; and the files that are not what
 * they are called (a GeoPackage as CSV, an .xls, a password-protected workbook). Each fixture
 * is written here by a well-kept library (ExcelJS, tokml, cfb, fflate, sql.js) or by hand; one scratch
 * app serves every case.
 */
import { toKML } from '@placemarkio/tokml';
import CFB from 'cfb';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import type { FeatureCollection, Polygon } from 'geojson';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { fromWgs84, metresBetween } from '../../server/features/imports/coords.ts';
import {
  ISSUE_HEADER,
  csvBytes,
  geoPackage,
  issueRows,
  xiaoquPoints,
  zippedShapefile,
} from '../support/import-files.ts';
import {
  ISSUES,
  dataFingerprint,
  idBlocks,
  postImport,
  restoreImport,
} from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

let db: Db;
let app: FastifyInstance;
let admin: string;

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp({ importMaxBytes: 4 * 1024 * 1024 }));
}, 120_000);
afterAll(() => stopScratchApp(app, db));

const ids = idBlocks(950_000);
const XIAOQU = { kind: 'boundaries', level: 'xiaoqu', fileName: '小区.kml' };

/** The projections as EPSG defines them, written out here (not taken from the product). */
const GK_3_ZONE_41 =
  '+proj=tmerc +lat_0=0 +lon_0=123 +k=1 +x_0=41500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const GK_3_CM_123 =
  '+proj=tmerc +lat_0=0 +lon_0=123 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** The seeded 小区 as GeoJSON, in WGS84. */
async function xiaoquFile(limit: number): Promise<FeatureCollection<Polygon>> {
  const rows = await db.query<{ code: string; name: string; parent_code: string; g: string }>(
    `SELECT code, name, parent_code, ST_AsGeoJSON(ST_GeometryN(geom, 1), 9) AS g
     FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT $1`,
    [limit],
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { name: r.name, 小区编码: r.code, 所属社区编码: r.parent_code },
      geometry: JSON.parse(r.g) as Polygon,
    })),
  };
}

/** The largest distance in metres between a staged area and the seeded one of the same code. */
async function worstShift(codes: string[], importId: number | null): Promise<number> {
  expect(importId).not.toBeNull();
  const [r] = await db.query<{ m: number }>(
    `SELECT max(ST_HausdorffDistance(ST_Transform(a.geom, 3857), ST_Transform(p.geom, 3857))
                * cos(radians(ST_Y(ST_Centroid(a.geom))))) AS m
     FROM area a JOIN import_prev_area p ON p.code = a.code AND p.import_id = $2
     WHERE a.code = ANY($1::text[])`,
    [codes, importId],
  );
  return r!.m;
}

/** A workbook of issues written by ExcelJS: a cover sheet, then the rows under a merged header. */
async function issueWorkbook(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表由 12345 热线导出']);
  const ws = wb.addWorksheet('三月工单');
  ws.addRow(['工单编号', '问题类别', '办理状态', '上报时间', '坐标', '', '所属小区编码']);
  ws.addRow(['', '', '', '', '经度', '纬度', '']);
  for (const c of ['A', 'B', 'C', 'D', 'G']) ws.mergeCells(`${c}1:${c}2`);
  ws.mergeCells('E1:F1');
  for (const r of rows) ws.addRow(r);
  ws.getColumn(4).numFmt = 'yyyy-mm-dd hh:mm';
  wb.addWorksheet('空表');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel workbooks', () => {
  it('reads a named sheet with a merged two-row header and Excel dates, imports and restores', async () => {
    const before = await dataFingerprint(db);
    const points = await xiaoquPoints(db, 6);
    const first = ids(6);
    const rows = points.map((p, i) => [
      first + i,
      '停车',
      '办理中',
      // Excel stores the wall clock: 2026-03-05 09:30 in the data set's time zone.
      new Date(Date.UTC(2026, 2, 5, 9, 30)),
      p.lon,
      p.lat,
      p.code,
    ]);
    const { status, report } = await postImport(
      app,
      admin,
      { ...ISSUES, fileName: '工单.xlsx', sheet: '三月工单' },
      await issueWorkbook(rows),
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({
      format: 'xlsx',
      table: '三月工单',
      rows: 6,
      inserted: 6,
      errorCount: 0,
    });
    expect(report.mapping).toMatchObject({ lon: '经度', lat: '纬度', reported_at: '上报时间' });
    const [row] = await db.query<{ reported_at: string; xiaoqu_code: string }>(
      `SELECT to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS reported_at, xiaoqu_code
       FROM issue WHERE id = $1`,
      [first],
    );
    expect(row).toEqual({ reported_at: '2026-03-05 09:30', xiaoqu_code: points[0]!.code });
    await restoreImport(app, admin, report.importId);
    expect(JSON.parse(await dataFingerprint(db)).issue).toBe(JSON.parse(before).issue);
  });

  it('names the sheets when the one asked for is not there, and an empty sheet, writing nothing', async () => {
    const before = await dataFingerprint(db);
    const book = await issueWorkbook([]);
    const missing = await postImport(app, admin, { ...ISSUES, sheet: '四月' }, book);
    expect(missing.status).toBe(422);
    expect(missing.report.problems[0]).toMatchObject({
      problem: 'sheet_unknown',
      params: { sheet: '四月', sheets: '说明, 三月工单, 空表' },
    });
    const empty = await postImport(app, admin, { ...ISSUES, sheet: '空表' }, book);
    expect(empty.report.problems[0]).toMatchObject({ problem: 'file_empty' });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('refuses a password-protected workbook and an old .xls by name, writing nothing', async () => {
    const before = await dataFingerprint(db);
    const ole = (streams: string[]) => {
      const cfb = CFB.utils.cfb_new();
      for (const s of streams) CFB.utils.cfb_add(cfb, `/${s}`, Buffer.from('x'.repeat(600)));
      return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
    };
    const locked = await postImport(
      app,
      admin,
      { ...ISSUES, fileName: '工单.xlsx' },
      ole(['EncryptionInfo', 'EncryptedPackage']),
    );
    expect(locked.status).toBe(422);
    expect(locked.report.problems[0]).toMatchObject({
      problem: 'file_encrypted',
      params: { found: 'encrypted' },
    });
    expect(locked.report.problems[0]!.message).toMatch(/password/);
    const xls = await postImport(
      app,
      admin,
      { ...ISSUES, fileName: '工单.xls' },
      ole(['Workbook']),
    );
    expect(xls.report.problems[0]).toMatchObject({
      problem: 'file_type',
      params: { found: 'xls' },
    });
    expect(xls.report.problems[0]!.message).toMatch(/save it as \.xlsx/);
    expect(await dataFingerprint(db)).toBe(before);
  });
});

describe('files that are not what they are called', () => {
  it('reads a GeoPackage of issue points sent as .csv by its bytes', async () => {
    const points = await xiaoquPoints(db, 3);
    const first = ids(3);
    const gpkg = await geoPackage([
      {
        name: 'issues',
        epsg: 4326,
        definition:
          'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]',
        features: points.map((p, i) => ({
          properties: {
            工单编号: first + i,
            问题类别: '停车',
            办理状态: '办理中',
            上报时间: '2026-03-05 09:30',
          },
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        })),
      },
    ]);
    const { report } = await postImport(app, admin, { ...ISSUES, dryRun: true }, gpkg);
    expect(report).toMatchObject({ format: 'gpkg', rows: 3, valid: 3, errorCount: 0 });
  });

  it('names an SQLite database that is not a GeoPackage, for records and for boundaries, writing nothing', async () => {
    const before = await dataFingerprint(db);
    const sqlite = Buffer.alloc(4096);
    sqlite.write('SQLite format 3\0', 0, 'latin1');
    for (const query of [ISSUES, { ...XIAOQU, fileName: '小区.csv' }]) {
      const { status, report } = await postImport(app, admin, query, sqlite);
      expect(status).toBe(422);
      expect(report.problems[0]).toMatchObject({
        problem: 'file_type',
        params: { found: 'sqlite' },
      });
      expect(report.problems[0]!.message).toMatch(/QGIS/);
    }
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('names a zip holding neither a Shapefile nor KML nor a workbook', async () => {
    const zip = Buffer.from(zipSync({ 'readme.txt': Buffer.from('hello') }));
    const { report } = await postImport(app, admin, { ...XIAOQU, fileName: 'x.zip' }, zip);
    expect(report.problems[0]).toMatchObject({ problem: 'file_type', params: { found: 'zip' } });
  });
});

describe('KML and KMZ', () => {
  it('reads 小区 from 奥维 KML in GCJ-02 sent as a Shapefile, within 1 m, and restores', async () => {
    const fc = await xiaoquFile(5);
    for (const f of fc.features)
      f.geometry.coordinates = f.geometry.coordinates.map((ring) =>
        ring.map(([x, y]) => [...fromWgs84([x!, y!], 'gcj02'), 0]),
      );
    const kml = Buffer.from(toKML(fc));
    const { status, report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: '小区边界.zip', crs: 'gcj02' },
      kml,
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({ format: 'kml', rows: 5, updated: 5, errorCount: 0 });
    expect(report.mapping).toMatchObject({ name: 'name', code: '小区编码' });
    const codes = fc.features.map((f) => String(f.properties!['小区编码']));
    expect(await worstShift(codes, report.importId)).toBeLessThan(1);
    await restoreImport(app, admin, report.importId);
  });

  it('says GCJ-02 KML declared WGS84 looks like GCJ-02', async () => {
    const fc = await xiaoquFile(20);
    for (const f of fc.features)
      f.geometry.coordinates = f.geometry.coordinates.map((ring) =>
        ring.map(([x, y]) => fromWgs84([x!, y!], 'gcj02')),
      );
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, dryRun: true },
      Buffer.from(toKML(fc)),
    );
    const crs = report.problems.find((p) => p.problem === 'crs_suspect');
    expect(crs?.params).toMatchObject({ declared: 'wgs84', suggested: 'gcj02' });
  });

  it('reads issues as KMZ points with ExtendedData fields', async () => {
    const points = await xiaoquPoints(db, 4);
    const first = ids(4);
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: points.map((p, i) => ({
        type: 'Feature',
        properties: {
          name: `工单 ${first + i}`,
          工单编号: String(first + i),
          问题类别: '停车',
          办理状态: '办理中',
          上报时间: '2026-03-05 09:30',
          所属小区编码: p.code,
        },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    };
    const kmz = Buffer.from(zipSync({ 'doc.kml': Buffer.from(toKML(fc)) }));
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, fileName: '工单.kmz', dryRun: true },
      kmz,
    );
    expect(report).toMatchObject({ format: 'kmz', rows: 4, valid: 4, errorCount: 0 });
    expect(report.mapping).toMatchObject({ lon: 'longitude', lat: 'latitude' });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        problem: 'column_unmapped',
        params: { column: 'name', suggested: null },
      }),
    );
  });
});

describe('declared projections', () => {
  it('reads issues as X/Y in CGCS2000 Gauss-Krüger metres (EPSG:4529) within 1 m', async () => {
    const points = await xiaoquPoints(db, 6);
    const first = ids(6);
    const rows = issueRows(points, first).map((r, i) => {
      const [x, y] = proj4(GK_3_ZONE_41).forward([points[i]!.lon, points[i]!.lat]);
      return [...r.slice(0, 6), x!.toFixed(3), y!.toFixed(3)];
    });
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, crs: 'EPSG:4529', source: '测绘公司' },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report).toMatchObject({ applied: true, inserted: 6, crs: 'EPSG:4529' });
    // The source keeps its projection for next month's file.
    const sources = await app.inject({
      url: '/api/admin/import-sources',
      headers: { cookie: admin },
    });
    expect(sources.json()).toContainEqual(
      expect.objectContaining({ name: '测绘公司', crs: 'EPSG:4529' }),
    );
    const [row] = await db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM issue WHERE id = $1',
      [first],
    );
    expect(metresBetween([row!.lon, row!.lat], [points[0]!.lon, points[0]!.lat])).toBeLessThan(1);
    await restoreImport(app, admin, report.importId);
  });

  it('says a neighbouring zone was declared and names the one that fits', async () => {
    const points = await xiaoquPoints(db, 10);
    const rows = issueRows(points, ids(10)).map((r, i) => {
      const [x, y] = proj4(GK_3_ZONE_41).forward([points[i]!.lon, points[i]!.lat]);
      return [...r.slice(0, 6), x!.toFixed(3), y!.toFixed(3)];
    });
    const before = await dataFingerprint(db);
    const { status, report } = await postImport(
      app,
      admin,
      { ...ISSUES, crs: 'EPSG:4528' },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(status).toBe(422);
    const crs = report.problems.find((p) => p.problem === 'crs_suspect');
    expect(crs?.params).toMatchObject({ declared: 'EPSG:4528', suggested: 'EPSG:4529' });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('reads a Shapefile without .prj in Gauss-Krüger metres declared EPSG:4550, and warns of compoundTy', async () => {
    const fc = await xiaoquFile(3);
    const zip = zippedShapefile(
      'xq_gk',
      fc.features.map((f) => ({
        rings: [
          f.geometry.coordinates[0]!.map((p) => proj4(GK_3_CM_123).forward(p) as [number, number]),
        ].map((r) => r.reverse()),
        properties: {
          code: String(f.properties!['小区编码']),
          name: String(f.properties!.name),
          parent: String(f.properties!['所属社区编码']),
          compoundTy: '商品房',
        },
      })),
      { prj: null },
    );
    const { report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: '国土.zip', crs: 'EPSG:4550' },
      zip,
    );
    expect(report).toMatchObject({ format: 'shapefile', updated: 3, errorCount: 0 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        problem: 'column_unmapped',
        field: 'compound_type',
        params: { column: 'compoundTy', suggested: 'compound_type' },
      }),
    );
    const codes = fc.features.map((f) => String(f.properties!['小区编码']));
    expect(await worstShift(codes, report.importId)).toBeLessThan(1);
    await restoreImport(app, admin, report.importId);
  });

  it('answers 400 for a projection it does not declare', async () => {
    const res = await postImport(
      app,
      admin,
      { ...ISSUES, crs: 'EPSG:2000' },
      csvBytes([ISSUE_HEADER]),
    );
    expect(res.status).toBe(400);
  });
});

describe('GeoPackage', () => {
  const CGCS2000_GK_CM_123E =
    'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 123E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",123],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4550"]]';
  const CGCS2000 =
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]]';

  async function twoLayers(): Promise<{ bytes: Buffer; codes: string[] }> {
    const fc = await xiaoquFile(4);
    const points = await xiaoquPoints(db, 3);
    const bytes = await geoPackage([
      {
        name: '小区',
        epsg: 4550,
        definition: CGCS2000_GK_CM_123E,
        features: fc.features.map((f) => ({
          properties: {
            XQBM: String(f.properties!['小区编码']),
            XQMC: String(f.properties!.name),
            SQBM: String(f.properties!['所属社区编码']),
          },
          geometry: {
            type: 'Polygon',
            coordinates: f.geometry.coordinates.map((ring) =>
              ring.map((p) => proj4(GK_3_CM_123).forward(p)),
            ),
          },
        })),
      },
      {
        name: '站点',
        epsg: 4490,
        definition: CGCS2000,
        features: points.map((p) => ({
          properties: { 名称: p.code },
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        })),
      },
    ]);
    return { bytes, codes: fc.features.map((f) => String(f.properties!['小区编码'])) };
  }

  it('asks which layer when there are several, listing them, and writes nothing', async () => {
    const before = await dataFingerprint(db);
    const { bytes } = await twoLayers();
    const { status, report } = await postImport(
      app,
      admin,
      { ...XIAOQU, fileName: '边界.gpkg' },
      bytes,
    );
    expect(status).toBe(422);
    expect(report.problems[0]).toMatchObject({
      problem: 'layer_unknown',
      params: { layer: null, layers: '小区, 站点' },
    });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('reads the chosen layer in its own projection (gpkg_spatial_ref_sys) within 1 m, and restores', async () => {
    const { bytes, codes } = await twoLayers();
    const { status, report } = await postImport(
      app,
      admin,
      {
        ...XIAOQU,
        fileName: '边界.gpkg',
        layer: '小区',
        mapping: JSON.stringify({ code: 'XQBM', name: 'XQMC', parent_code: 'SQBM' }),
      },
      bytes,
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({
      format: 'gpkg',
      table: '小区',
      rows: 4,
      updated: 4,
      errorCount: 0,
    });
    expect(await worstShift(codes, report.importId)).toBeLessThan(1);
    await restoreImport(app, admin, report.importId);
  });
});
