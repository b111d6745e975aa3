/**
 * A zipped Shapefile to features: the .shp, .shx and .dbf checked and read, the .dbf's text
 * encoding found (declared, .cpg, language driver, or its bytes), a .prj it cannot read
 * refused.
 */
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import type { TextEncoding } from '../../contract/index.ts';
import type { Geometry } from 'geojson';
import type { BoundaryFile, RawFeature } from './boundary-files.ts';
import { abort, refuse } from './refusals.ts';
import type { Report } from './report.ts';
import { isUtf8 } from './text.ts';
import { cut, cutList, type ParseLimits } from './limits.ts';
import { ZipRefused, listZip, unpack } from './zip.ts';
import { checkDbfHeader, checkShpHeader, checkShxHeader } from './shapefile-headers.ts';

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

export function readShapefile(
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
