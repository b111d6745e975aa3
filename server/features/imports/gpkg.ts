/**
 * GeoPackage (what QGIS and ArcGIS Pro save): an SQLite file, opened in memory by sql.js
 * (SQLite compiled to WebAssembly, no native build). One feature layer is read: the only one,
 * or the one asked for (`layer=`); its coordinate system comes from gpkg_spatial_ref_sys, and
 * its geometries are GeoPackage binary (a `GP` header, an optional envelope, then WKB).
 */
import { createRequire } from 'node:module';
import type { Geometry } from 'geojson';
import proj4 from 'proj4';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import wkx from 'wkx';
import { PROJECTED_EPSG } from '../../contract/index.ts';
import type { RawFeature } from './boundary-files.ts';
import { projectionOf } from './coords.ts';
import { cut, cutList, type ParseLimits } from './limits.ts';
import { abort } from './refusals.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { Report } from './report.ts';

const SQL = sqlQueries(new URL('./gpkg.sql', import.meta.url), [
  'opens',
  'layers',
  'spatialRefSys',
  'columns',
]);
const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
// Loaded on the first GeoPackage: every boundary import starts a fresh worker, and most read none.
let sqlJs: Promise<SqlJsStatic> | undefined;
const loadSqlJs = async () => (await import('sql.js')).default({ locateFile: () => wasm });

export interface GpkgLayer {
  layer: string;
  columns: string[];
  features: RawFeature[];
}

/** Envelope bytes by the flags' envelope indicator (0 none; xy; xyz; xym; xyzm). */
const ENVELOPE = [0, 32, 48, 48, 64];

/** A GeoPackage binary geometry as GeoJSON; null when empty. */
export function gpkgGeometry(blob: Uint8Array): Geometry | null {
  if (blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not GeoPackage binary (no GP magic)');
  const flags = blob[3]!;
  if (flags & 0x10) return null;
  const envelope = ENVELOPE[(flags >> 1) & 0x07];
  if (envelope === undefined) throw new Error('an envelope indicator GeoPackage does not define');
  if (flags & 0x20) throw new Error('an extended GeoPackage geometry type');
  const wkb = Buffer.from(blob.buffer, blob.byteOffset + 8 + envelope, blob.length - 8 - envelope);
  return wkx.Geometry.parse(wkb).toGeoJSON() as Geometry;
}

const q = (db: Database, sql: string, params: SqlValue[] = []) => {
  const stmt = db.prepare(sql);
  stmt.bind(params);
  const rows: Record<string, SqlValue>[] = [];
  while (stmt.step()) rows.push(stmt.getAsObject());
  stmt.free();
  return rows;
};
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** A converter to WGS84 lon/lat for the layer's system, or null when it is lon/lat already. */
function toLonLat(db: Database, srsId: number, report: Report): ((p: number[]) => number[]) | null {
  const [srs] = q(db, SQL.spatialRefSys, [srsId]);
  // -1 and 0 are GeoPackage's "undefined" systems: the coordinates are taken as declared.
  if (!srs || srsId <= 0) return null;
  const org = String(srs.organization ?? '').toUpperCase();
  const code = Number(srs.code);
  if (org === 'EPSG' && (code === 4326 || code === 4490 || code === 4479)) return null;
  let def: string;
  if (org === 'EPSG' && PROJECTED_EPSG.includes(code)) def = projectionOf(`EPSG:${code}`);
  else def = String(srs.definition ?? '');
  try {
    const c = proj4(def, 'WGS84');
    return (p) => c.forward([p[0]!, p[1]!]);
  } catch (e) {
    return abort(
      report,
      'crs_unsupported',
      `the layer's coordinate system (${org}:${code}) cannot be read (${cut((e as Error).message)}): export the layer in EPSG:4326 or EPSG:4490`,
      null,
      { srs: `${org}:${code}` },
    );
  }
}

const mapPositions = (c: unknown, f: (p: number[]) => number[]): unknown =>
  Array.isArray(c) && typeof c[0] === 'number'
    ? f(c as number[])
    : (c as unknown[]).map((x) => mapPositions(x, f));

/** Reads one feature layer of the GeoPackage, or ends the import naming the problem. */
export async function readGeoPackage(
  bytes: Uint8Array,
  layerName: string | undefined,
  limits: ParseLimits,
  report: Report,
  vertexCount: (g: unknown) => number,
): Promise<GpkgLayer> {
  const sqlite = await (sqlJs ??= loadSqlJs());
  let db: Database;
  try {
    db = new sqlite.Database(bytes);
    q(db, SQL.opens);
  } catch (e) {
    return abort(
      report,
      'file_unreadable',
      `the GeoPackage cannot be opened: ${cut((e as Error).message, 200)}`,
    );
  }
  try {
    let layers: Record<string, SqlValue>[];
    try {
      layers = q(db, SQL.layers);
    } catch (e) {
      return abort(
        report,
        'file_unreadable',
        `the file is SQLite but lacks GeoPackage's tables (${cut((e as Error).message)}): save it from QGIS as a GeoPackage`,
      );
    }
    const names = layers.map((l) => String(l.name));
    if (layers.length === 0) abort(report, 'file_empty', 'the GeoPackage holds no feature layer');
    const chosen =
      layerName === undefined
        ? layers.length === 1
          ? layers[0]
          : undefined
        : layers.find((l) => l.name === layerName);
    if (!chosen)
      return abort(
        report,
        'layer_unknown',
        layerName === undefined
          ? `the GeoPackage has ${layers.length} layers: choose one (layer=…; its layers: ${cutList(names)})`
          : `the GeoPackage has no layer "${cut(layerName)}" (its layers: ${cutList(names)})`,
        null,
        { layer: layerName === undefined ? null : cut(layerName), layers: cutList(names) },
      );
    const table = String(chosen.name);
    const geomColumn = String(chosen.geom);
    const convert = toLonLat(db, Number(chosen.srs), report);
    const info = q(db, SQL.columns, [table]);
    // The primary key (fid) is the GeoPackage's row id, not the sender's data.
    const columns = info
      .filter((c) => c.name !== geomColumn && !(Number(c.pk) > 0))
      .map((c) => String(c.name));
    // eslint-disable-next-line no-restricted-syntax -- the layer's table, named by the file: an identifier cannot be a parameter
    const stmt = db.prepare(`SELECT * FROM ${ident(table)}`);
    const features: RawFeature[] = [];
    for (let row = 1; stmt.step(); row++) {
      const r = stmt.getAsObject();
      const properties: Record<string, unknown> = {};
      for (const c of columns) properties[c] = r[c] ?? null;
      const blob = r[geomColumn];
      let geometry: Geometry | null = null;
      let geometryError: string | undefined;
      if (blob instanceof Uint8Array) {
        try {
          geometry = gpkgGeometry(blob);
        } catch (e) {
          geometryError = cut((e as Error).message, 200);
        }
      }
      const vertices = vertexCount(geometry);
      if (vertices > limits.maxVertices)
        abort(
          report,
          'feature_too_large',
          `feature ${row} has ${vertices} vertices, more than the ${limits.maxVertices} a feature may have (IMPORT_MAX_VERTICES)`,
          row,
          { vertices, limit: limits.maxVertices },
        );
      if (geometry && convert && 'coordinates' in geometry)
        geometry = {
          ...geometry,
          coordinates: mapPositions(geometry.coordinates, convert),
        } as Geometry;
      features.push({ row, properties, geometry, ...(geometryError ? { geometryError } : {}) });
    }
    stmt.free();
    if (features.length === 0) abort(report, 'file_empty', `the layer "${cut(table)}" is empty`);
    return { layer: table, columns, features };
  } finally {
    db.close();
  }
}

/** A layer of points as a table: its fields, then each point's longitude and latitude. */
export function pointTable(columns: string[], features: RawFeature[]) {
  return {
    columns: [...columns, 'longitude', 'latitude'],
    rows: features.map((f) => {
      const p = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
      return {
        row: f.row,
        cells: [
          ...columns.map((c) =>
            f.properties[c] === undefined || f.properties[c] === null
              ? ''
              : String(f.properties[c]),
          ),
          p ? String(p[0]) : '',
          p ? String(p[1]) : '',
        ],
      };
    }),
  };
}
