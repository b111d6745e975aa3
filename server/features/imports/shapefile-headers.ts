/**
 * A Shapefile's headers checked against the bytes present, before any parser trusts them:
 * a .dbf that claims 4,294,967,295 records in 629 bytes is refused here, naming the file and
 * the field, instead of being looped over.
 */
import { cut, type ParseLimits } from './limits.ts';
import { ZipRefused } from './zip.ts';

/** A header whose figure does not fit the file: names the file, the field, the claim and the bytes. */
function lie(file: string, field: string, claim: string, claimed: number, actual: number): never {
  throw new ZipRefused(
    'header_mismatch',
    `${cut(file)}: the header's ${field} claims ${claim}, but the file has only ${actual} bytes`,
    { name: cut(file), field, claimed, actual },
  );
}

/** The .dbf header: record count, header length and record length against the file's size. */
export function checkDbfHeader(file: string, dbf: Uint8Array): void {
  if (dbf.length < 33)
    lie(file, 'header length', 'a 32-byte header and a field list', 33, dbf.length);
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length)
    lie(file, 'header length', `${headerLength} bytes of header`, headerLength, dbf.length);
  if (recordLength < 1 && records > 0)
    throw new ZipRefused(
      'header_mismatch',
      `${cut(file)}: the header's record length is 0 bytes, so its ${records} records cannot be read`,
      { name: cut(file), field: 'record length', claimed: 0, actual: dbf.length },
    );
  const needed = headerLength + records * recordLength;
  if (needed > dbf.length)
    lie(
      file,
      'record count',
      `${records} records of ${recordLength} bytes (${needed} bytes with the header)`,
      records,
      dbf.length,
    );
  // The field list: each descriptor's length must fit in the record (parsedbf reads them blind).
  let width = 1;
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) width += dbf[at + 16]!;
  if (width > recordLength)
    throw new ZipRefused(
      'header_mismatch',
      `${cut(file)}: the fields add up to ${width} bytes, but the header's record length is ${recordLength}`,
      { name: cut(file), field: 'record length', claimed: width, actual: recordLength },
    );
}

/** Shape types with parts and points (polyline, polygon, multipatch, with Z or M). */
const PARTED = new Set([3, 5, 13, 15, 23, 25, 31]);
const MULTIPOINT = new Set([8, 18, 28]);

/**
 * The .shp header's file length, and each record's content length, part and point counts,
 * against the bytes present; a shape with more points than a feature may hold is refused.
 */
export function checkShpHeader(file: string, shp: Uint8Array, limits: ParseLimits): number {
  if (shp.length < 100) lie(file, 'file length', 'a 100-byte header', 100, shp.length);
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  // Lengths in a Shapefile are in 16-bit words, big-endian.
  const fileLength = view.getUint32(24, false) * 2;
  if (fileLength > shp.length)
    lie(file, 'file length', `${fileLength} bytes`, fileLength, shp.length);
  let records = 0;
  for (let at = 100; at + 8 <= shp.length;) {
    records++;
    const content = view.getUint32(at + 4, false) * 2;
    if (at + 8 + content > shp.length)
      lie(
        file,
        `content length of record ${records}`,
        `${content} bytes from byte ${at + 8}`,
        content,
        shp.length,
      );
    if (content >= 4) {
      const type = view.getInt32(at + 8, true);
      const body = at + 12;
      const size = content - 4;
      let points = 0;
      let needed = 0;
      if (PARTED.has(type) && size >= 40) {
        const parts = view.getInt32(body + 32, true);
        points = view.getInt32(body + 36, true);
        needed = 40 + 4 * parts + 16 * points;
        if (parts < 0 || points < 0 || needed > size)
          lie(
            file,
            `part/point count of record ${records}`,
            `${parts} parts and ${points} points (${needed} bytes) in ${size} bytes`,
            needed,
            size,
          );
      } else if (MULTIPOINT.has(type) && size >= 36) {
        points = view.getInt32(body + 32, true);
        needed = 36 + 16 * points;
        if (points < 0 || needed > size)
          lie(
            file,
            `point count of record ${records}`,
            `${points} points (${needed} bytes) in ${size} bytes`,
            needed,
            size,
          );
      }
      if (points > limits.maxVertices)
        throw new ZipRefused(
          'feature_too_large',
          `${cut(file)}: shape ${records} has ${points} points, more than the ${limits.maxVertices} a feature may have (IMPORT_MAX_VERTICES)`,
          { name: cut(file), row: records, vertices: points, limit: limits.maxVertices },
        );
    }
    at += 8 + content;
  }
  return records;
}

/** The .shx index: its file length and each entry's offset and length inside the .shp. */
export function checkShxHeader(file: string, shx: Uint8Array, shpBytes: number): void {
  if (shx.length < 100) lie(file, 'file length', 'a 100-byte header', 100, shx.length);
  const view = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
  const fileLength = view.getUint32(24, false) * 2;
  if (fileLength > shx.length)
    lie(file, 'file length', `${fileLength} bytes`, fileLength, shx.length);
  for (let at = 100, k = 1; at + 8 <= Math.min(fileLength, shx.length); at += 8, k++) {
    const offset = view.getUint32(at, false) * 2;
    const length = view.getUint32(at + 4, false) * 2;
    if (offset + 8 + length > shpBytes)
      throw new ZipRefused(
        'header_mismatch',
        `${cut(file)}: index entry ${k} puts a record at bytes ${offset}–${offset + 8 + length}, but the .shp has only ${shpBytes} bytes`,
        {
          name: cut(file),
          field: `index entry ${k}`,
          claimed: offset + 8 + length,
          actual: shpBytes,
        },
      );
  }
}
