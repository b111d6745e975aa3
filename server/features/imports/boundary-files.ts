/**
 * Boundary files to features: GeoJSON, a zipped Shapefile (.shp + .dbf, with .prj and .cpg),
 * or a CSV with a WKT column. Everything a reader can tell from the file alone is reported
 * here: damaged or truncated files, encodings, projections it cannot read.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import wkx from 'wkx';
import type { Geometry } from 'geojson';
import type { FileFormat, TextEncoding } from '../../contract/index.ts';
import { ImportAborted, type Report } from './report.ts';
import { isUtf16 } from './text.ts';
import { cut, type ParseLimits } from './limits.ts';
import { cellsWithin, lineTooLong } from './csv-limits.ts';
import { abort, decodeOrAbort } from './refusals.ts';
import { readShapefile } from './shapefile-read.ts';
import { TYPE_NAMES, refusalCode, sniff, whatToDo, type FileType, type Sniffed } from './sniff.ts';
import { ZipRefused } from './zip.ts';
import { refuse } from './refusals.ts';
import { kmlOfKmz, readKml } from './kml.ts';
import { readGeoPackage } from './gpkg.ts';

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
  /** A GeoPackage's layer that was read. */
  table?: string;
}

/** The file's type by its bytes, or the import ends naming what it is and what to do. */
function boundaryType(bytes: Uint8Array, limits: ParseLimits, report: Report): Sniffed {
  let found: Sniffed;
  try {
    found = sniff(bytes, limits);
  } catch (e) {
    if (e instanceof ZipRefused) return refuse(report, e);
    throw e;
  }
  if (BOUNDARY_TYPES.has(found.type)) return found;
  return abort(
    report,
    refusalCode(found.type),
    `the file is ${TYPE_NAMES[found.type]}, not a boundary file: ${whatToDo(found.type, 'boundaries')}`,
    null,
    { found: found.type, expected: 'boundaries' },
  );
}

const BOUNDARY_TYPES = new Set<FileType>(['shapefile', 'json', 'text', 'kml', 'kmz', 'gpkg']);

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
export function vertexCount(geometry: unknown): number {
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
  const { text, encoding: used } = decodeOrAbort(bytes, encoding, report);
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
  const { text, encoding: used } = decodeOrAbort(bytes, encoding, report);
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
export async function readBoundaryFile(
  bytes: Uint8Array,
  encoding: TextEncoding | 'gbk' | undefined,
  wktColumn: (columns: string[]) => string | undefined,
  limits: ParseLimits,
  report: Report,
  layer?: string,
): Promise<BoundaryFile> {
  if (bytes.length === 0) abort(report, 'file_empty', 'the file is empty (0 bytes)');
  const { type, entries } = boundaryType(bytes, limits, report);
  if (type === 'shapefile') return readShapefile(bytes, encoding, limits, report);
  if (type === 'json') return readGeoJson(bytes, encoding, limits, report);
  if (type === 'kml' || type === 'kmz') {
    const doc = type === 'kmz' ? kmlOfKmz(bytes, entries!, limits, report) : bytes;
    const file = readKml(doc, encoding, limits, report, vertexCount);
    return {
      format: type,
      encoding: file.encoding,
      columns: file.columns,
      features: file.features,
      srid: null,
    };
  }
  if (type === 'gpkg') {
    const g = await readGeoPackage(bytes, layer, limits, report, vertexCount);
    return {
      format: 'gpkg',
      encoding: null,
      columns: g.columns,
      features: g.features,
      srid: null,
      table: g.layer,
    };
  }
  return readWktCsv(bytes, encoding, wktColumn, limits, report);
}
