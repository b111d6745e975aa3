/**
 * Boundary files to features: GeoJSON, a zipped Shapefile (.shp + .dbf, with .prj and .cpg),
 * or a CSV with a WKT column. Everything a reader can tell from the file alone is reported
 * here: damaged or truncated files, encodings, projections it cannot read.
 */
import { unzipSync } from 'fflate';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import { parse as parseCsv } from 'csv-parse/sync';
import wkx from 'wkx';
import type { Geometry } from 'geojson';
import type { FileFormat, TextEncoding } from '../../contract/index.ts';
import { ImportAborted, type Report } from './report.ts';
import type { EncodingError } from './text.ts';
import { decodeAll, isUtf16, isUtf8 } from './text.ts';

export interface RawFeature {
  /** Feature number (1 = first) or, in a CSV, the spreadsheet row (1 = the header). */
  row: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  /** Why the geometry could not be read (WKT syntax), when it could not. */
  geometryError?: string;
}

export interface BoundaryFile {
  format: FileFormat;
  encoding: string | null;
  columns: string[];
  features: RawFeature[];
  /** EPSG code the coordinates are in when the file says so and it is not lon/lat (PostGIS transforms). */
  srid: number | null;
}

export function formatOf(fileName: string, bytes: Uint8Array): FileFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'zip' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return 'shapefile';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'txt') return 'csv-wkt';
  const first = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  return first.startsWith('{') ? 'geojson' : 'csv-wkt';
}

const abort = (
  report: Report,
  problem: 'file_truncated' | 'file_unreadable' | 'file_empty' | 'encoding_invalid',
  message: string,
  row: number | null = null,
): never => {
  report.error(problem, message, { row });
  throw new ImportAborted();
};

/** EPSG code of a GeoJSON `crs` member (the 2008 spec, still written by GDAL and ArcGIS). */
function sridOfGeoJsonCrs(crs: unknown): number | null {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return null;
  const code = /EPSG:{1,2}(\d+)$/i.exec(name)?.[1];
  const srid = code ? Number(code) : null;
  return srid === 4326 || srid === 4490 ? null : srid;
}

function readGeoJson(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  report: Report,
): BoundaryFile {
  let text: string;
  let used: string;
  try {
    ({ text, encoding: used } = decodeAll(bytes, encoding));
  } catch (e) {
    return abort(
      report,
      'encoding_invalid',
      (e as EncodingError).message,
      (e as EncodingError).line,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // Cut off: the parser ran out of text (messages differ by where the cut fell).
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? -1);
    const truncated =
      /end of (JSON )?input|Unterminated/i.test(message) ||
      position >= text.trimEnd().length - 1 ||
      !/[}\]]\s*$/.test(text);
    return abort(
      report,
      truncated ? 'file_truncated' : 'file_unreadable',
      truncated
        ? `the GeoJSON ends early (${text.length} characters read): the file is cut off`
        : `not valid JSON: ${message}`,
    );
  }
  const d = doc as { type?: unknown; features?: unknown; crs?: unknown };
  const features =
    d.type === 'FeatureCollection' && Array.isArray(d.features)
      ? (d.features as unknown[])
      : d.type === 'Feature'
        ? [doc]
        : abort(report, 'file_unreadable', 'not a GeoJSON FeatureCollection or Feature');
  if (features.length === 0) abort(report, 'file_empty', 'the FeatureCollection has no features');
  const columns = new Set<string>();
  const out = features.map((raw, i): RawFeature => {
    const f = raw as { properties?: Record<string, unknown> | null; geometry?: Geometry | null };
    const properties = f?.properties ?? {};
    for (const k of Object.keys(properties)) columns.add(k);
    return { row: i + 1, properties, geometry: f?.geometry ?? null };
  });
  return {
    format: 'geojson',
    encoding: used,
    columns: [...columns],
    features: out,
    srid: sridOfGeoJsonCrs(d.crs),
  };
}

/** The dbf's text encoding: the declared one, its .cpg, its language driver byte, or its bytes. */
function dbfEncoding(
  dbf: Uint8Array,
  cpg: string | undefined,
  declared: TextEncoding | 'gbk' | undefined,
): string {
  if (declared === 'utf-8') return 'utf-8';
  if (declared === 'gb18030' || declared === 'gbk') return 'gb18030';
  const c = cpg?.trim();
  if (c) {
    if (/^(utf-?8|65001)$/i.test(c)) return 'utf-8';
    if (/^(gbk|gb2312|gb18030|cp936|936|ansi 936)$/i.test(c)) return 'gb18030';
    return /^\d+$/.test(c) ? `windows-${c}` : c;
  }
  // Language driver id 0x4D (936, Simplified Chinese) or 0x7A (GBK), as ArcGIS writes.
  if (dbf[29] === 0x4d || dbf[29] === 0x7a) return 'gb18030';
  const headerLength = dbf[8]! | (dbf[9]! << 8);
  return isUtf8(dbf.subarray(headerLength)) ? 'utf-8' : 'gb18030';
}

function readShapefile(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  report: Report,
): BoundaryFile {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    return abort(
      report,
      'file_truncated',
      `the zip archive is incomplete or damaged (${(e as Error).message})`,
    );
  }
  const names = Object.keys(entries).filter((n) => !n.includes('__MACOSX'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0)
    abort(
      report,
      'file_unreadable',
      `the zip holds no .shp file (it holds: ${names.join(', ') || 'nothing'})`,
    );
  if (shps.length > 1)
    abort(
      report,
      'file_unreadable',
      `the zip holds ${shps.length} Shapefiles (${shps.join(', ')}): put one layer in each zip`,
    );
  const base = shps[0]!.slice(0, -4);
  const member = (ext: string) =>
    names.find((n) => n.toLowerCase() === `${base.toLowerCase()}.${ext}`);
  const shpName = shps[0]!;
  report.file = shpName;
  const dbfName = member('dbf');
  if (!dbfName)
    abort(
      report,
      'file_unreadable',
      `${base}.dbf is missing from the zip: the attributes (codes, names) are in it`,
    );
  const prjName = member('prj');
  const cpgName = member('cpg');
  const prj = prjName ? new TextDecoder().decode(entries[prjName]) : undefined;
  if (prj) {
    try {
      proj4(prj);
    } catch (e) {
      abort(
        report,
        'file_unreadable',
        `${prjName} names a projection that cannot be read (${(e as Error).message})`,
      );
    }
  }
  const dbf = entries[dbfName!]!;
  const cpg = cpgName ? new TextDecoder().decode(entries[cpgName]) : undefined;
  const used = dbfEncoding(dbf, cpg, encoding);
  let shapes: (Geometry | null)[];
  let rows: Record<string, unknown>[];
  try {
    shapes = parseShp(entries[shpName]!, prj) as (Geometry | null)[];
  } catch (e) {
    return abort(
      report,
      'file_truncated',
      `${shpName} is incomplete or damaged (${(e as Error).message})`,
    );
  }
  try {
    rows = parseDbf(dbf, used) as Record<string, unknown>[];
  } catch (e) {
    return abort(
      report,
      'file_truncated',
      `${dbfName} is incomplete or damaged (${(e as Error).message})`,
    );
  }
  if (shapes.length === 0) abort(report, 'file_empty', `${shpName} has no shapes`);
  if (rows.length !== shapes.length) {
    abort(
      report,
      'file_truncated',
      `${shpName} has ${shapes.length} shapes but ${dbfName} has ${rows.length} rows: one of them is cut off`,
    );
  }
  const columns = Object.keys(rows[0] ?? {});
  const features = shapes.map((geometry, i): RawFeature => ({
    row: i + 1,
    properties: rows[i] ?? {},
    geometry,
  }));
  return {
    format: 'shapefile',
    encoding: `${used}${cpg ? ' (.cpg)' : ''}`,
    columns,
    features,
    srid: null,
  };
}

function readWktCsv(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  wktColumn: (columns: string[]) => string | undefined,
  report: Report,
): BoundaryFile {
  if (isUtf16(bytes))
    abort(
      report,
      'encoding_invalid',
      'the file is UTF-16 (Excel "Unicode text"): save it as CSV UTF-8 or CSV',
    );
  let text: string;
  let used: string;
  try {
    ({ text, encoding: used } = decodeAll(bytes, encoding));
  } catch (e) {
    return abort(
      report,
      'encoding_invalid',
      (e as EncodingError).message,
      (e as EncodingError).line,
    );
  }
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    const truncated = err.code === 'CSV_QUOTE_NOT_CLOSED';
    return abort(
      report,
      truncated ? 'file_truncated' : 'file_unreadable',
      truncated
        ? `a quoted cell opened near line ${err.lines ?? '?'} is never closed: the file is cut off`
        : err.message,
    );
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0)
    abort(report, 'file_empty', header ? 'the file has a header but no rows' : 'the file is empty');
  const columns = header!.map((c) => c.trim());
  const wkt = wktColumn(columns);
  const at = wkt === undefined ? -1 : columns.indexOf(wkt);
  const features = rows.map((cells, i): RawFeature => {
    const properties = Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? '']));
    const row = i + 2;
    if (cells.length !== columns.length) {
      report.error('row_columns', `has ${cells.length} cells, the header has ${columns.length}`, {
        row,
        params: { cells: cells.length, columns: columns.length },
      });
    }
    if (at < 0 || !cells[at]?.trim()) return { row, properties, geometry: null };
    try {
      const geometry = wkx.Geometry.parse(cells[at]!.trim()).toGeoJSON() as Geometry;
      return { row, properties, geometry };
    } catch (e) {
      return { row, properties, geometry: null, geometryError: (e as Error).message };
    }
  });
  return { format: 'csv-wkt', encoding: used, columns, features, srid: null };
}

/** Reads a boundary file whole (boundary files are small next to record files). */
export function readBoundaryFile(
  bytes: Uint8Array,
  fileName: string,
  encoding: TextEncoding | 'gbk' | undefined,
  wktColumn: (columns: string[]) => string | undefined,
  report: Report,
): BoundaryFile {
  if (bytes.length === 0) abort(report, 'file_empty', 'the file is empty (0 bytes)');
  const format = formatOf(fileName, bytes);
  if (format === 'shapefile') return readShapefile(bytes, encoding, report);
  if (format === 'geojson') return readGeoJson(bytes, encoding, report);
  return readWktCsv(bytes, encoding, wktColumn, report);
}
