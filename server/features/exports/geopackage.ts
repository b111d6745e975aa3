import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wkx from 'wkx';
import type { CsvCell } from '../../lib/csv.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { extent, positionsOf, type MultiPolygonCoords } from './geometry.ts';

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | null = null;
/** SQLite as WebAssembly, loaded once per process: no native build to install. */
const sqlite = () =>
  (sqlJs ??= initSqlJs({
    wasmBinary: readFileSync(
      require.resolve('sql.js/dist/sql-wasm.wasm'),
    ) as unknown as ArrayBuffer,
  }));

const SQL = sqlQueries(new URL('./geopackage.sql', import.meta.url), [
  'schema',
  'contents',
  'geometryColumn',
]);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A geometry as GeoPackage binary: the `GP` header (version 0, little-endian, an xy envelope
 * of minx, maxx, miny, maxy) and the geometry's WKB.
 */
export function gpkgGeometry(m: MultiPolygonCoords, srsId: number): Buffer {
  const [x0, y0, x1, y1] = extent(positionsOf(m));
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeUInt8(0b0000_0011, 3);
  head.writeInt32LE(srsId, 4);
  [x0, x1, y0, y1].forEach((v, i) => head.writeDoubleLE(v, 8 + 8 * i));
  const wkb = wkx.Geometry.parseGeoJSON({ type: 'MultiPolygon', coordinates: m }).toWkb();
  return Buffer.concat([head, wkb]);
}

/**
 * One layer of polygons with the table's columns as a GeoPackage: the columns keep their
 * Chinese names (SQLite and GDAL take any name), numbers are REAL, the rest TEXT.
 */
export async function geopackage(layer: {
  table: string;
  identifier: string;
  description: string;
  columns: readonly string[];
  rows: readonly CsvCell[][];
  geometries: readonly MultiPolygonCoords[];
}): Promise<Buffer> {
  const engine = await sqlite();
  const db = new engine.Database();
  try {
    db.exec(SQL.schema);
    const numeric = layer.columns.map((_, i) =>
      layer.rows.every((r) => r[i] === null || r[i] === '' || typeof r[i] === 'number'),
    );
    const columnSql = layer.columns
      .map((c, i) => `${quote(c)} ${numeric[i] ? 'REAL' : 'TEXT'}`)
      .join(', ');
    // The layer's columns are the table's, known only at run time.
    db.exec(
      `CREATE TABLE ${quote(layer.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, ${columnSql})`,
    );
    const [x0, y0, x1, y1] = extent(layer.geometries.flatMap(positionsOf));
    db.run(SQL.contents, [layer.table, layer.identifier, layer.description, x0, y0, x1, y1]);
    db.run(SQL.geometryColumn, [layer.table]);
    const insert = db.prepare(
      // eslint-disable-next-line no-restricted-syntax
      `INSERT INTO ${quote(layer.table)} (geom, ${layer.columns.map(quote).join(', ')})
       VALUES (?, ${layer.columns.map(() => '?').join(', ')})`,
    );
    db.exec('BEGIN');
    layer.rows.forEach((row, i) => {
      insert.run([
        gpkgGeometry(layer.geometries[i]!, 4326),
        ...row.map((c) => (c === '' || c === undefined ? null : c)),
      ]);
    });
    db.exec('COMMIT');
    insert.free();
    return Buffer.from(db.export());
  } finally {
    db.close();
  }
}
