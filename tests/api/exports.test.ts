/**
 * What goes back out (issue 21): the table per level (CSV, xlsx), the boundaries with their
 * figures (GeoJSON, zipped Shapefile, GeoPackage), the sites as points, in WGS84 or for Chinese
 * web maps, each read back by another reader and compared with the API.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIssues } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import initSqlJs from 'sql.js';
import wkx from 'wkx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AreaCollection,
  AreaProfile,
  Sites,
  Vocabulary,
} from '../../server/contract/index.ts';
import { figureRows } from '../../server/features/profiles/csv.ts';
import { toWgs84 } from '../../server/features/imports/coords.ts';
import { RUN_GDAL, ogrinfo, featureCountIn, warnIfNoGdal } from '../support/gdal.ts';
import { useTestApp } from '../support/test-app.ts';

type Position = [number, number];
type Rings = Position[][][];

/** Metres between two lon/lat points, measured in the UTM zone of the first. */
function metres(a: Position, b: Position): number {
  const utm = `+proj=utm +zone=${Math.floor((a[0] + 180) / 6) + 1} +datum=WGS84 +units=m`;
  const [x0, y0] = proj4('EPSG:4326', utm, a);
  const [x1, y1] = proj4('EPSG:4326', utm, b);
  return Math.hypot(x1! - x0!, y1! - y0!);
}

/** The largest distance between corresponding vertices (rings compared as written). */
function worstVertex(a: Position[], b: Position[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((p, i) => metres(p, b[i]!)));
}

/** Rings of a MultiPolygon, each ring's vertices as a set-like sorted list, for any winding. */
const ringsSorted = (m: Rings): Position[][] =>
  m.flat().map((r) => [...r.slice(0, -1)].sort((p, q) => p[0] - q[0] || p[1] - q[1]));

function sameOutline(a: Rings, b: Rings): number {
  const ra = ringsSorted(a).sort((p, q) => p[0]![0] - q[0]![0]);
  const rb = ringsSorted(b).sort((p, q) => p[0]![0] - q[0]![0]);
  expect(ra.length).toBe(rb.length);
  return Math.max(...ra.map((r, i) => worstVertex(r, rb[i]!)));
}

const disposition = (h: unknown) => {
  const s = String(h);
  return {
    ascii: /filename="([^"]+)"/.exec(s)?.[1],
    utf8: decodeURIComponent(s.split("filename*=UTF-8''")[1] ?? ''),
  };
};

describe('exports', () => {
  const t = useTestApp({ publicDemo: true });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-exports-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  warnIfNoGdal('exports');

  const get = async (url: string) => {
    const res = await t.app().inject(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res;
  };
  const csvRows = (buf: Buffer) => parse(buf, { bom: true }) as string[][];
  /** The WGS84 outlines the map gets, by code (full detail). */
  const mapOutlines = async (level: string) => {
    const fc = (await get(`/api/areas?level=${level}`)).json() as AreaCollection;
    return new Map(fc.features.map((f) => [f.properties.code, f.geometry.coordinates as Rings]));
  };

  it('writes a table per level with the profile’s figures in the window, as CSV with a BOM', async () => {
    const window = 'window=range&from=2025-01-01&to=2025-06-30';
    const res = await get(`/api/exports/shequ/table?${window}`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const name = disposition(res.headers['content-disposition']);
    expect(name.ascii).toBe('shequ-figures-2025-01-01_2025-06-30.csv');
    expect(name.utf8).toBe('社区指标-2025-01-01_2025-06-30.csv');
    const [header, ...rows] = csvRows(res.rawPayload);
    expect(header!.slice(0, 3)).toEqual(['代码', '名称', '层级']);
    expect(header).toContain('民生问题');
    const [count] = await t
      .db()
      .query<{ n: number }>("SELECT count(*)::int AS n FROM area WHERE level = 'shequ'");
    expect(rows).toHaveLength(count!.n);
    const vocabulary = (await get('/api/vocabulary')).json() as Vocabulary;
    for (const row of [rows[0]!, rows[rows.length - 1]!]) {
      const p = (await get(`/api/areas/${row[0]}/profile?${window}`)).json() as AreaProfile;
      const cells = new Map(header!.map((h, i) => [h, row[i]]));
      expect(cells.get('起')).toBe(p.window.from);
      expect(Number(cells.get('民生问题'))).toBe(p.figures.issues.total);
      for (const [label, value] of figureRows(p.figures, vocabulary)) {
        expect(cells.get(label), `${row[0]} ${label}`).toBe(value === null ? '' : String(value));
      }
    }
  });

  it('writes the same rows as an .xlsx that exceljs reads back', async () => {
    const csv = csvRows((await get('/api/exports/pianqu/table?window=year')).rawPayload);
    const res = await get('/api/exports/pianqu/table?window=year&format=xlsx');
    expect(disposition(res.headers['content-disposition']).utf8).toMatch(/^片区指标-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('片区');
    const read: string[][] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      read.push(csv[0]!.map((_, i) => (values[i] == null ? '' : String(values[i]))));
    });
    expect(read).toEqual(csv);
  });

  it('writes boundaries with their figures as GeoJSON, on the map’s outlines within 1 m', async () => {
    const res = await get('/api/exports/shequ/boundaries?window=all');
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(disposition(res.headers['content-disposition']).utf8).toBe('社区边界-all.geojson');
    expect(getIssues(res.body)).toEqual([]);
    const fc = res.json() as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: Rings } }[];
    };
    const outlines = await mapOutlines('shequ');
    const table = csvRows((await get('/api/exports/shequ/table?window=all')).rawPayload);
    expect(fc.features.map((f) => f.properties['代码'])).toEqual(table.slice(1).map((r) => r[0]));
    for (const f of fc.features.slice(0, 8)) {
      const code = f.properties['代码'] as string;
      expect(sameOutline(f.geometry.coordinates, outlines.get(code)!), code).toBeLessThan(1);
    }
    const row = table[1]!;
    expect(fc.features[0]!.properties['民生问题']).toBe(Number(row[table[0]!.indexOf('民生问题')]));
  });

  it('writes a zipped Shapefile in GBK with .cpg, .prj and a field mapping, read back by shpjs', async () => {
    const res = await get('/api/exports/xiaoqu/boundaries?format=shp');
    expect(disposition(res.headers['content-disposition']).utf8).toBe('小区边界-all.zip');
    const files = unzipSync(res.rawPayload);
    expect(Object.keys(files).sort()).toEqual([
      'xiaoqu-fields.csv',
      'xiaoqu.cpg',
      'xiaoqu.dbf',
      'xiaoqu.prj',
      'xiaoqu.shp',
      'xiaoqu.shx',
    ]);
    expect(Buffer.from(files['xiaoqu.cpg']!).toString()).toBe('GBK');
    const dbf = Buffer.from(files['xiaoqu.dbf']!);
    expect(dbf[29]).toBe(0x4d);
    const mapping = csvRows(Buffer.from(files['xiaoqu-fields.csv']!));
    expect(mapping[0]).toEqual(['字段', '指标']);
    for (const [field] of mapping.slice(1))
      expect(iconv.encode(field!, 'gbk').length).toBeLessThanOrEqual(10);
    const fieldOf = new Map(mapping.slice(1).map(([f, c]) => [c!, f!]));
    const records = parseDbf(dbf, 'GBK');
    const shapes = parseShp(files['xiaoqu.shp']!);
    const outlines = await mapOutlines('xiaoqu');
    expect(records).toHaveLength(outlines.size);
    const [x] = await t
      .db()
      .query<{ code: string; name: string }>(
        "SELECT code, name FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT 1",
      );
    expect(String(records[0]![fieldOf.get('代码')!]).trim()).toBe(x!.code);
    expect(String(records[0]![fieldOf.get('名称')!]).trim()).toBe(x!.name);
    records.slice(0, 8).forEach((r, i) => {
      const code = String(r[fieldOf.get('代码')!]).trim();
      const g = shapes[i] as { type: string; coordinates: unknown };
      const m = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Rings;
      expect(sameOutline(m, outlines.get(code)!), code).toBeLessThan(1);
    });
    if (!RUN_GDAL) return;
    const file = join(dir, 'xiaoqu.zip');
    await writeFile(file, res.rawPayload);
    const info = await ogrinfo('-so', `/vsizip/${file}`, 'xiaoqu');
    expect(featureCountIn(info)).toBe(outlines.size);
    // GDAL decodes the names from GBK as the .cpg says.
    expect(info).toMatch(/^代码: String/m);
  });

  it('writes a GeoPackage that sql.js and ogrinfo read, on the map’s outlines', async () => {
    const res = await get('/api/exports/pianqu/boundaries?format=gpkg&window=year');
    expect(res.headers['content-type']).toBe('application/geopackage+sqlite3');
    const SQL = await initSqlJs();
    const db = new SQL.Database(res.rawPayload);
    const [contents] = db.exec('SELECT table_name, data_type, srs_id FROM gpkg_contents');
    expect(contents!.values).toEqual([['pianqu', 'features', 4326]]);
    const [geomCols] = db.exec('SELECT column_name, geometry_type_name FROM gpkg_geometry_columns');
    expect(geomCols!.values).toEqual([['geom', 'MULTIPOLYGON']]);
    const [rows] = db.exec('SELECT "代码", geom FROM pianqu ORDER BY fid');
    const outlines = await mapOutlines('pianqu');
    expect(rows!.values).toHaveLength(outlines.size);
    for (const [code, blob] of rows!.values.slice(0, 6)) {
      const b = Buffer.from(blob as Uint8Array);
      expect(b.subarray(0, 2).toString()).toBe('GP');
      const envelope = [0, 4, 6, 6, 8][(b[3]! >> 1) & 7]!;
      const g = wkx.Geometry.parse(b.subarray(8 + envelope * 8)).toGeoJSON() as {
        coordinates: Rings;
      };
      expect(sameOutline(g.coordinates, outlines.get(code as string)!), String(code)).toBeLessThan(
        1,
      );
    }
    db.close();
    if (!RUN_GDAL) return;
    const file = join(dir, 'pianqu.gpkg');
    await writeFile(file, res.rawPayload);
    const info = await ogrinfo('-so', file, 'pianqu');
    expect(featureCountIn(info)).toBe(outlines.size);
    expect(info).toMatch(/Geometry: Multi Polygon/);
    expect(info).toMatch(/WGS 84/);
    expect(info).toMatch(/民生问题: Real/);
  });

  it('converts boundaries and sites to GCJ-02 and BD-09, back to WGS84 within 1 m', async () => {
    const wgs = (await get('/api/exports/pianqu/boundaries')).json() as {
      features: { geometry: { coordinates: Rings } }[];
    };
    for (const crs of ['gcj02', 'bd09'] as const) {
      const res = await get(`/api/exports/pianqu/boundaries?crs=${crs}`);
      expect(disposition(res.headers['content-disposition']).utf8).toBe(
        `片区边界-all-${crs}.geojson`,
      );
      const shifted = res.json() as typeof wgs & { coordinateSystem: string };
      expect(shifted.coordinateSystem).toBe(crs);
      const a = wgs.features[0]!.geometry.coordinates[0]![0]!;
      const b = shifted.features[0]!.geometry.coordinates[0]![0]!;
      expect(metres(a[0]!, b[0]!)).toBeGreaterThan(100);
      expect(
        worstVertex(
          b.map((p) => toWgs84(p, crs)),
          a,
        ),
      ).toBeLessThan(1);
    }
    const sites = (await get('/api/sites')).json() as Sites;
    const csv = csvRows((await get('/api/exports/sites?format=csv&crs=gcj02')).rawPayload);
    const [header, ...rows] = csv;
    const [lon, lat] = [header!.indexOf('经度'), header!.indexOf('纬度')];
    expect(rows).toHaveLength(sites.features.length);
    for (const f of sites.features) {
      const row = rows.find((r) => r[0] === f.properties.code)!;
      const back = toWgs84([Number(row[lon]), Number(row[lat])], 'gcj02');
      expect(metres(back, f.geometry.coordinates as Position)).toBeLessThan(1);
    }
  });

  it('refuses a wrong crs, level, format or window with a 400 naming it', async () => {
    const cases: [string, RegExp][] = [
      ['/api/exports/pianqu/boundaries?crs=epsg3857', /crs/],
      ['/api/exports/chengqu/table', /level/],
      ['/api/exports/pianqu/table?format=xls', /format/],
      [
        '/api/exports/pianqu/table?window=range&from=2025-01-01',
        /window=range needs both from and to/,
      ],
      [
        '/api/exports/pianqu/boundaries?window=year&from=2025-01-01',
        /from and to go with window=range/,
      ],
      ['/api/exports/sites?crs=wgs', /crs/],
    ];
    for (const [url, message] of cases) {
      const res = await t.app().inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(message);
    }
  });
});
