/**
 * Files as districts really send them, made in the test from the seeded data: CSV in UTF-8
 * (with BOM), GBK or cut off; GeoJSON; zipped Shapefiles with .prj and a GBK .dbf; GeoPackages. Nothing
 * binary is committed; every fixture says what it is here.
 */
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import type { Geometry } from 'geojson';
import initSqlJs from 'sql.js';
import wkx from 'wkx';
import type { Db } from '../../server/db/db.ts';

export type Cell = string | number | null;

/** A CSV as Excel writes it: CRLF, quoted where needed. */
export function csvText(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** CSV bytes in an encoding: `utf-8-bom` is Excel's "CSV UTF-8", `gbk` its plain "CSV" in China. */
export function csvBytes(
  rows: Cell[][],
  encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8-bom',
): Buffer {
  const text = csvText(rows);
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export interface XiaoquPoint {
  code: string;
  lon: number;
  lat: number;
}

/** Label points of the first `n` 小区 (inside them by construction). */
export async function xiaoquPoints(db: Db, n: number): Promise<XiaoquPoint[]> {
  return db.query<XiaoquPoint>(
    `SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat
     FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT $1`,
    [n],
  );
}

/** The header an issue system in China exports (Chinese column names). */
export const ISSUE_HEADER = [
  '工单编号',
  '问题类别',
  '办理状态',
  '上报时间',
  '办结时间',
  '所属小区编码',
  '经度',
  '纬度',
];

/** Issue rows with ids from `firstId`, one per point, resolved, in Chinese values. */
export function issueRows(points: XiaoquPoint[], firstId: number): Cell[][] {
  return points.map((p, i) => [
    firstId + i,
    '停车优化',
    '已办结',
    '2026/3/5 09:30',
    '2026-03-06 17:00',
    p.code,
    p.lon.toFixed(7),
    p.lat.toFixed(7),
  ]);
}

// --- Shapefile writer (polygons only): enough to make the fixtures a real GIS would. ---

export type Ring = [number, number][];

export function shpAndShx(polygons: Ring[][]): { shp: Buffer; shx: Buffer } {
  const records = polygons.map((rings) => {
    const points = rings.flat();
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    content.writeInt32LE(5, 0);
    content.writeDoubleLE(Math.min(...xs), 4);
    content.writeDoubleLE(Math.min(...ys), 12);
    content.writeDoubleLE(Math.max(...xs), 20);
    content.writeDoubleLE(Math.max(...ys), 28);
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((r, i) => {
      content.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
    });
    points.forEach((p, i) => {
      content.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i);
      content.writeDoubleLE(p[1], 52 + 4 * rings.length + 16 * i);
    });
    return content;
  });
  const all = polygons.flat(2);
  const header = (lengthWords: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthWords, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    h.writeDoubleLE(Math.min(...all.map((p) => p[0])), 36);
    h.writeDoubleLE(Math.min(...all.map((p) => p[1])), 44);
    h.writeDoubleLE(Math.max(...all.map((p) => p[0])), 52);
    h.writeDoubleLE(Math.max(...all.map((p) => p[1])), 60);
    return h;
  };
  const shpParts: Buffer[] = [];
  const shxParts: Buffer[] = [];
  let offset = 50;
  records.forEach((content, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(content.length / 2, 4);
    shpParts.push(rh, content);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset, 0);
    ix.writeInt32BE(content.length / 2, 4);
    shxParts.push(ix);
    offset += 4 + content.length / 2;
  });
  const shpBody = Buffer.concat(shpParts);
  return {
    shp: Buffer.concat([header(50 + shpBody.length / 2), shpBody]),
    shx: Buffer.concat([header(50 + records.length * 4), ...shxParts]),
  };
}

/** A dBASE III table of text fields, encoded as `encoding`. */
export function dbf(rows: Record<string, string>[], encoding: 'gbk' | 'utf-8'): Buffer {
  const names = Object.keys(rows[0] ?? {});
  const enc = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const widths = names.map((n) => Math.max(10, ...rows.map((r) => enc(r[n] ?? '').length)));
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const h = Buffer.alloc(headerLength);
  h.writeUInt8(3, 0);
  h.writeUInt8(126, 1);
  h.writeUInt8(1, 2);
  h.writeUInt8(1, 3);
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headerLength, 8);
  h.writeUInt16LE(recordLength, 10);
  names.forEach((n, i) => {
    h.write(n, 32 + 32 * i, 'ascii');
    h.write('C', 32 + 32 * i + 11, 'ascii');
    h.writeUInt8(widths[i]!, 32 + 32 * i + 16);
  });
  h.writeUInt8(0x0d, headerLength - 1);
  const body = rows.map((r) => {
    const b = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    names.forEach((n, i) => {
      enc(r[n] ?? '').copy(b, at);
      at += widths[i]!;
    });
    return b;
  });
  return Buffer.concat([h, ...body, Buffer.from([0x1a])]);
}

/** WKT of WGS84 geographic coordinates, as ArcGIS writes it in a .prj. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A zipped Shapefile of polygons; `cpg` false leaves the .cpg out. */
export function zippedShapefile(
  name: string,
  features: { rings: Ring[]; properties: Record<string, string> }[],
  o: { encoding?: 'gbk' | 'utf-8'; cpg?: boolean; prj?: string | null } = {},
): Buffer {
  const encoding = o.encoding ?? 'gbk';
  const { shp, shx } = shpAndShx(features.map((f) => f.rings));
  const files: Record<string, Uint8Array> = {
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: dbf(
      features.map((f) => f.properties),
      encoding,
    ),
  };
  if (o.prj !== null) files[`${name}.prj`] = Buffer.from(o.prj ?? WGS84_PRJ);
  if (o.cpg !== false) files[`${name}.cpg`] = Buffer.from(encoding === 'gbk' ? 'GBK' : 'UTF-8');
  return Buffer.from(zipSync(files));
}

/** A square ring (clockwise, as Shapefile outer rings are) of `size` degrees at lon/lat. */
export function squareRing(lon: number, lat: number, size: number): Ring {
  return [
    [lon, lat],
    [lon, lat + size],
    [lon + size, lat + size],
    [lon + size, lat],
    [lon, lat],
  ];
}

// --- GeoPackage writer: the tables of the OGC standard, written with sql.js. ---

export interface GpkgLayerSpec {
  name: string;
  /** EPSG code of the layer's coordinates. */
  epsg: number;
  /** The system's WKT as gpkg_spatial_ref_sys holds it (GDAL writes the full WKT). */
  definition: string;
  features: { properties: Record<string, string | number>; geometry: Geometry }[];
}

/** GeoPackage binary: the `GP` header (little endian, no envelope), then the WKB. */
export function gpkgBlob(geometry: Geometry, srsId: number): Buffer {
  const header = Buffer.alloc(8);
  header.write('GP', 0, 'latin1');
  header.writeUInt8(0, 2);
  header.writeUInt8(0x01, 3);
  header.writeInt32LE(srsId, 4);
  return Buffer.concat([header, wkx.Geometry.parseGeoJSON(geometry).toWkb()]);
}

export async function geoPackage(layers: GpkgLayerSpec[]): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`PRAGMA application_id = 1196444487;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);`);
  for (const l of layers) {
    db.run('INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [
      `EPSG:${l.epsg}`,
      l.epsg,
      'EPSG',
      l.epsg,
      l.definition,
    ]);
    db.run("INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES (?, 'features', ?)", [
      l.name,
      l.epsg,
    ]);
    db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', ?, 0, 0)", [
      l.name,
      l.epsg,
    ]);
    const names = Object.keys(l.features[0]?.properties ?? {});
    const q = (s: string) => `"${s}"`;
    db.run(
      `CREATE TABLE ${q(l.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB${names.map((n) => `, ${q(n)}`).join('')})`,
    );
    for (const f of l.features)
      db.run(
        `INSERT INTO ${q(l.name)} (geom${names.map((n) => `, ${q(n)}`).join('')}) VALUES (?${names.map(() => ', ?').join('')})`,
        [gpkgBlob(f.geometry, l.epsg), ...names.map((n) => f.properties[n]!)],
      );
  }
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}
