import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { csvFile, type CsvCell } from '../../lib/csv.ts';
import { WGS84_WKT, extent, positionsOf, type MultiPolygonCoords } from './geometry.ts';

/** A DBF field: its ≤10-byte name, the column it holds, and how it is stored. */
export interface DbfField {
  name: string;
  column: string;
  type: 'C' | 'N';
  length: number;
  decimals: number;
}

const NAME_BYTES = 10;
const gbk = (s: string) => iconv.encode(s, 'gbk');

/**
 * DBF field names for the columns: the column's own name when it fits in 10 bytes of GBK (代码,
 * 名称, 户数 …), else `F` and its number; a mapping file in the zip names the full column.
 */
export function dbfFieldNames(columns: readonly string[]): string[] {
  const taken = new Set<string>();
  return columns.map((c, i) => {
    // Its own name only when GBK holds it whole (no character replaced) in 10 bytes.
    const fits = gbk(c).length <= NAME_BYTES && iconv.decode(gbk(c), 'gbk') === c && c !== '';
    let name = fits && !c.includes('\0') && !taken.has(c.toUpperCase()) ? c : null;
    for (let k = i + 1; name === null; k++) {
      const f = `F${String(k).padStart(3, '0')}`;
      if (!taken.has(f)) name = f;
    }
    // dBase readers compare field names without case.
    taken.add(name.toUpperCase());
    return name;
  });
}

function fieldsOf(columns: readonly string[], rows: readonly CsvCell[][]): DbfField[] {
  const names = dbfFieldNames(columns);
  return columns.map((column, i) => {
    const values = rows.map((r) => r[i]).filter((v) => v !== null && v !== '');
    if (values.length > 0 && values.every((v) => typeof v === 'number')) {
      const decimals = values.some((v) => !Number.isInteger(v)) ? 3 : 0;
      return { name: names[i]!, column, type: 'N', length: 18, decimals };
    }
    const longest = Math.max(1, ...values.map((v) => gbk(String(v)).length));
    return { name: names[i]!, column, type: 'C', length: Math.min(254, longest), decimals: 0 };
  });
}

/** The `.dbf` (dBase III, GBK: language driver 0x4D, code page 936). */
function dbf(fields: readonly DbfField[], rows: readonly CsvCell[][]): Buffer {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((t, f) => t + f.length, 0);
  const out = Buffer.alloc(headerLength + recordLength * rows.length + 1, 0x20);
  const now = new Date();
  out.fill(0, 0, headerLength);
  out.writeUInt8(0x03, 0);
  out.writeUInt8(now.getUTCFullYear() - 1900, 1);
  out.writeUInt8(now.getUTCMonth() + 1, 2);
  out.writeUInt8(now.getUTCDate(), 3);
  out.writeUInt32LE(rows.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  out.writeUInt8(0x4d, 29);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    gbk(f.name).copy(out, at, 0, NAME_BYTES);
    out.write(f.type, at + 11, 'latin1');
    out.writeUInt8(f.length, at + 16);
    out.writeUInt8(f.decimals, at + 17);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  rows.forEach((row, r) => {
    let at = headerLength + recordLength * r;
    out.write(' ', at++, 'latin1');
    fields.forEach((f, i) => {
      const v = row[i];
      if (v !== null && v !== undefined && v !== '') {
        if (f.type === 'N') {
          const text = (v as number).toFixed(f.decimals).slice(0, f.length);
          out.write(text.padStart(f.length, ' '), at, 'latin1');
        } else {
          // Cut at a whole character: half of a GBK pair would be another character.
          let bytes = gbk(String(v));
          for (let n = String(v).length; bytes.length > f.length; n--) {
            bytes = gbk(String(v).slice(0, n));
          }
          bytes.copy(out, at);
        }
      }
      at += f.length;
    });
  });
  out.writeUInt8(0x1a, out.length - 1);
  return out;
}

/** A Shapefile's 100-byte header (shape type 5, polygon). */
function header(fileBytes: number, box: readonly number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(5, 32);
  box.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

/**
 * `.shp` and `.shx` of polygons. A Shapefile's exterior rings run clockwise and holes
 * counter-clockwise, the reverse of RFC 7946, so every ring is written reversed.
 */
function shapes(geometries: readonly MultiPolygonCoords[]): { shp: Buffer; shx: Buffer } {
  const records = geometries.map((m, i) => {
    const rings = m.flatMap((poly) => poly.map((ring) => [...ring].reverse()));
    const points = rings.flat();
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    content.writeInt32LE(5, 0);
    extent(points).forEach((v, k) => content.writeDoubleLE(v, 4 + 8 * k));
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, k) => {
      content.writeInt32LE(start, 44 + 4 * k);
      start += ring.length;
    });
    const base = 44 + 4 * rings.length;
    points.forEach(([x, y], k) => {
      content.writeDoubleLE(x, base + 16 * k);
      content.writeDoubleLE(y, base + 16 * k + 8);
    });
    const head = Buffer.alloc(8);
    head.writeInt32BE(i + 1, 0);
    head.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([head, content]);
  });
  const box = extent(geometries.flatMap(positionsOf));
  const shpBytes = 100 + records.reduce((t, r) => t + r.length, 0);
  const index = Buffer.alloc(8 * records.length);
  let offset = 100;
  records.forEach((r, i) => {
    index.writeInt32BE(offset / 2, 8 * i);
    index.writeInt32BE((r.length - 8) / 2, 8 * i + 4);
    offset += r.length;
  });
  return {
    shp: Buffer.concat([header(shpBytes, [...box, 0, 0, 0, 0]), ...records]),
    shx: Buffer.concat([header(100 + index.length, [...box, 0, 0, 0, 0]), index]),
  };
}

/**
 * The layer as a zipped Shapefile named `base`: `.shp .shx .dbf` (GBK), `.cpg` saying so,
 * `.prj` (WGS 84's axes; a GCJ-02 or BD-09 file keeps them, shifted as those maps expect), and
 * `<base>-fields.csv` (字段对照) mapping each field name to its column.
 */
export function shapefileZip(
  base: string,
  columns: readonly string[],
  rows: readonly CsvCell[][],
  geometries: readonly MultiPolygonCoords[],
): Buffer {
  const fields = fieldsOf(columns, rows);
  const { shp, shx } = shapes(geometries);
  const mapping = csvFile([['字段', '指标'], ...fields.map((f) => [f.name, f.column])]);
  const zipped = zipSync(
    {
      [`${base}.shp`]: shp,
      [`${base}.shx`]: shx,
      [`${base}.dbf`]: dbf(fields, rows),
      [`${base}.cpg`]: Buffer.from('GBK'),
      [`${base}.prj`]: Buffer.from(WGS84_WKT),
      [`${base}-fields.csv`]: Buffer.from(mapping),
    },
    { level: 6 },
  );
  return Buffer.from(zipped);
}
