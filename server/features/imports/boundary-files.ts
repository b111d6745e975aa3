/**
 * Boundary files to features: GeoJSON, a zipped Shapefile (.shp + .dbf, with .prj and .cpg),
 * or a CSV with a WKT column. Everything a reader can tell from the file alone is reported
 * here: damaged or truncated files, encodings, projections it cannot read.
 */
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import { parse as parseCsv } from 'csv-parse/sync';
import wkx from 'wkx';
import type { Geometry } from 'geojson';
import type { FileFormat, ImportProblemCode, TextEncoding } from '../../contract/index.ts';
import { ImportAborted, type Report } from './report.ts';
import type { EncodingError } from './text.ts';
import { decodeAll, isUtf16, isUtf8 } from './text.ts';
import { cut, cutList, type ParseLimits } from './limits.ts';
import { cellsWithin, lineTooLong } from './csv-limits.ts';
import { ZipRefused, listZip, unpack } from './zip.ts';
import { checkDbfHeader, checkShpHeader, checkShxHeader } from './shapefile-headers.ts';

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
  problem: ImportProblemCode,
  message: string,
  row: number | null = null,
  params: Record<string, string | number | null> = {},
): never => {
  report.error(problem, message, { row, params });
  throw new ImportAborted();
};

const refuse = (report: Report, e: ZipRefused): never =>
  abort(
    report,
    e.problem,
    e.message,
    typeof e.params.row === 'number' ? e.params.row : null,
    e.params,
  );

/**
 * How deep arrays and objects nest, counted over the text before JSON.parse builds them: a
 * file of a million nested brackets is refused instead of parsed and walked.
 */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return 0;
}

/** Positions in a GeoJSON geometry (arrays whose first member is a number), however nested. */
function vertexCount(geometry: unknown): number {
  let n = 0;
  const stack: unknown[] = [geometry];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (typeof v[0] === 'number') n++;
      else for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object') {
      const g = v as { coordinates?: unknown; geometries?: unknown };
      if (g.coordinates !== undefined) stack.push(g.coordinates);
      if (Array.isArray(g.geometries)) for (const x of g.geometries) stack.push(x);
    }
  }
  return n;
}

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
  limits: ParseLimits,
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
  const depth = nestingDepth(text, limits.maxDepth);
  if (depth > limits.maxDepth)
    abort(
      report,
      'nesting_too_deep',
      `the GeoJSON nests arrays and objects more than ${limits.maxDepth} deep (IMPORT_MAX_DEPTH): no boundary needs that`,
      null,
      { limit: limits.maxDepth },
    );
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
    const vertices = vertexCount(f?.geometry);
    if (vertices > limits.maxVertices)
      abort(
        report,
        'feature_too_large',
        `feature ${i + 1} has ${vertices} vertices, more than the ${limits.maxVertices} a feature may have (IMPORT_MAX_VERTICES)`,
        i + 1,
        { vertices, limit: limits.maxVertices },
      );
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
  limits: ParseLimits,
  report: Report,
): BoundaryFile {
  try {
    return readShapefileMembers(bytes, encoding, limits, report);
  } catch (e) {
    if (e instanceof ZipRefused) return refuse(report, e);
    throw e;
  }
}

function readShapefileMembers(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  limits: ParseLimits,
  report: Report,
): BoundaryFile {
  const listed = listZip(bytes, limits).filter(
    (e) => !e.name.includes('__MACOSX') && !e.name.endsWith('/'),
  );
  const names = listed.map((e) => e.name);
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0)
    abort(
      report,
      'file_unreadable',
      `the zip holds no .shp file (it holds: ${cutList(names) || 'nothing'})`,
    );
  if (shps.length > 1)
    abort(
      report,
      'file_unreadable',
      `the zip holds ${shps.length} Shapefiles (${cutList(shps)}): put one layer in each zip`,
    );
  const base = shps[0]!.slice(0, -4);
  const member = (ext: string) =>
    names.find((n) => n.toLowerCase() === `${base.toLowerCase()}.${ext}`);
  const shpName = shps[0]!;
  report.file = cut(shpName);
  const dbfName = member('dbf');
  if (!dbfName)
    abort(
      report,
      'file_unreadable',
      `${cut(base)}.dbf is missing from the zip: the attributes (codes, names) are in it`,
    );
  // Only the layer's own members are inflated, within one budget for the whole archive.
  const entries: Record<string, Uint8Array> = {};
  let budget = limits.maxUnzippedBytes;
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
    const name = ext === 'shp' ? shpName : member(ext);
    const entry = listed.find((e) => e.name === name);
    if (!entry) continue;
    entries[entry.name] = unpack(bytes, entry, limits, budget);
    budget -= entries[entry.name]!.length;
  }
  const shpBytes = entries[shpName]!;
  checkShpHeader(shpName, shpBytes, limits);
  const shxName = member('shx');
  if (shxName) checkShxHeader(shxName, entries[shxName]!, shpBytes.length);
  checkDbfHeader(dbfName!, entries[dbfName!]!);
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
        `${cut(prjName)} names a projection that cannot be read (${(e as Error).message})`,
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
      `${cut(shpName)} is incomplete or damaged (${(e as Error).message})`,
    );
  }
  try {
    rows = parseDbf(dbf, used) as Record<string, unknown>[];
  } catch (e) {
    return abort(
      report,
      'file_truncated',
      `${cut(dbfName)} is incomplete or damaged (${(e as Error).message})`,
    );
  }
  if (shapes.length === 0) abort(report, 'file_empty', `${cut(shpName)} has no shapes`);
  if (rows.length !== shapes.length) {
    abort(
      report,
      'file_truncated',
      `${cut(shpName)} has ${shapes.length} shapes but ${cut(dbfName)} has ${rows.length} rows: one of them is cut off`,
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
  limits: ParseLimits,
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
  // The longest line, found in the bytes first: csv-parse takes about a microsecond per
  // character of a long record, so a 50 MB line would hold the worker for a minute.
  for (let from = 0, line = 1; from < bytes.length; line++) {
    const nl = bytes.indexOf(0x0a, from);
    const end = nl < 0 ? bytes.length : nl;
    if (end - from > limits.maxLineChars) return lineTooLong(report, line, limits);
    from = end + 1;
  }
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxLineChars,
    }) as string[][];
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number };
    if (err.code === 'CSV_MAX_RECORD_SIZE') return lineTooLong(report, err.lines, limits);
    const truncated = err.code === 'CSV_QUOTE_NOT_CLOSED';
    return abort(
      report,
      truncated ? 'file_truncated' : 'file_unreadable',
      truncated
        ? `a quoted cell opened near line ${err.lines ?? '?'} is never closed: the file is cut off`
        : err.message,
    );
  }
  cellsWithin(records, limits, report);
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
      const vertices = vertexCount(geometry);
      if (vertices > limits.maxVertices)
        abort(
          report,
          'feature_too_large',
          `the WKT has ${vertices} vertices, more than the ${limits.maxVertices} a feature may have (IMPORT_MAX_VERTICES)`,
          row,
          { vertices, limit: limits.maxVertices },
        );
      return { row, properties, geometry };
    } catch (e) {
      if (e instanceof ImportAborted) throw e;
      return { row, properties, geometry: null, geometryError: cut((e as Error).message, 200) };
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
  limits: ParseLimits,
  report: Report,
): BoundaryFile {
  if (bytes.length === 0) abort(report, 'file_empty', 'the file is empty (0 bytes)');
  const format = formatOf(fileName, bytes);
  if (format === 'shapefile') return readShapefile(bytes, encoding, limits, report);
  if (format === 'geojson') return readGeoJson(bytes, encoding, limits, report);
  return readWktCsv(bytes, encoding, wktColumn, limits, report);
}
