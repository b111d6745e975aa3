/**
 * Hostile files, made in code at any size (nothing binary is committed): Shapefiles whose
 * headers lie, zip bombs, zip-slip names, a line or a cell without end, GeoJSON nested
 * without end or with a million vertices. The test suite makes them small against small
 * limits; scripts/bench/hostile-files.ts makes them at full size against the defaults.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { dbf, shpAndShx, squareRing } from './import-files.ts';

/** One member of a hand-built zip: its name, its packed bytes and what its directory says. */
export interface ZipMember {
  name: string;
  packed: Buffer;
  crc: number;
  /** The size the directory and local header declare (a lie when it differs from the truth). */
  size: number;
  method?: 0 | 8;
}

/** A member deflated from `data` whose declared size is the true one unless `claimSize` is given. */
export function member(name: string, data: Buffer, claimSize?: number): ZipMember {
  return {
    name,
    packed: deflateRawSync(data),
    crc: crc32(data),
    size: claimSize ?? data.length,
  };
}

/**
 * A zip built byte by byte, so names and sizes can be whatever a hostile tool writes
 * (fflate and zlib refuse to write a lie).
 */
export function zipOf(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(m.method ?? 8, 8);
    local.writeUInt32LE(m.crc >>> 0, 14);
    local.writeUInt32LE(m.packed.length, 18);
    local.writeUInt32LE(m.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(m.method ?? 8, 10);
    dir.writeUInt32LE(m.crc >>> 0, 16);
    dir.writeUInt32LE(m.packed.length, 20);
    dir.writeUInt32LE(m.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, m.packed);
    central.push(dir, name);
    offset += 30 + name.length + m.packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** A one-square Shapefile's members, unzipped, for a test to make lie. */
export function shapefileParts(): { shp: Buffer; shx: Buffer; dbf: Buffer } {
  const { shp, shx } = shpAndShx([[squareRing(122.1, 37.5, 0.001)]]);
  return {
    shp,
    shx,
    dbf: dbf([{ code: 'XQ990', name: '谎报小区', parent_code: 'SQ01' }], 'utf-8'),
  };
}

const zipParts = (name: string, p: { shp: Buffer; shx: Buffer; dbf: Buffer }) =>
  zipOf([
    member(`${name}.shp`, p.shp),
    member(`${name}.shx`, p.shx),
    member(`${name}.dbf`, p.dbf),
    member(`${name}.cpg`, Buffer.from('UTF-8')),
  ]);

/** A zip whose .dbf header claims `records` records (4,294,967,295 in the finding: 629 bytes). */
export function lyingDbfZip(records = 0xffffffff): Buffer {
  const p = shapefileParts();
  p.dbf.writeUInt32LE(records, 4);
  return zipParts('lying', p);
}

/** A zip whose .shp header or first record claims more bytes than the file has. */
export function lyingShpZip(field: 'file length' | 'content length' | 'point count'): Buffer {
  const p = shapefileParts();
  if (field === 'file length') p.shp.writeUInt32BE(0x7fffffff, 24);
  else if (field === 'content length') p.shp.writeUInt32BE(0x3fffffff, 104);
  else p.shp.writeInt32LE(0x7ffffff, 100 + 12 + 36);
  return zipParts('lying', p);
}

/** A zip whose .shx index points past the end of the .shp. */
export function lyingShxZip(): Buffer {
  const p = shapefileParts();
  p.shx.writeUInt32BE(0x3fffffff, 100);
  return zipParts('lying', p);
}

/** A zip whose directory says a member is small while it inflates to `bytes`. */
export function understatedZip(bytes: number): Buffer {
  const p = shapefileParts();
  const zeros = Buffer.alloc(bytes);
  return zipOf([
    member('bomb.shp', p.shp),
    member('bomb.dbf', Buffer.concat([p.dbf, zeros]), p.dbf.length),
  ]);
}

/**
 * A zip bomb: `count` members of `bytes` zeros each, declared truthfully, deflated in slices
 * (2 × 1 GiB packs to about 2 MB; the zeros are never held whole).
 */
export async function zipBomb(bytes: number, count = 2): Promise<Buffer> {
  const slice = Buffer.alloc(Math.min(bytes, 1024 * 1024));
  const members: ZipMember[] = [];
  for (let k = 0; k < count; k++) {
    const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
    const out: Buffer[] = [];
    deflater.on('data', (c: Buffer) => out.push(c));
    const done = new Promise((resolve) => deflater.on('end', resolve));
    let crc = 0;
    for (let left = bytes; left > 0; left -= slice.length) {
      const part = left >= slice.length ? slice : slice.subarray(0, left);
      crc = crc32(part, crc);
      if (!deflater.write(part)) await new Promise((r) => deflater.once('drain', r));
    }
    deflater.end();
    await done;
    members.push({
      name: k === 0 ? 'bomb.shp' : 'bomb.dbf',
      packed: Buffer.concat(out),
      crc,
      size: bytes,
    });
  }
  return zipOf(members);
}

/** A zip whose member names climb out of a folder, in each way a hostile tool writes them. */
export function zipSlip(escape: string): Buffer {
  const p = shapefileParts();
  return zipOf([
    member(`../../${escape}.shp`, p.shp),
    member(`/tmp/${escape}.dbf`, p.dbf),
    member(`..\\..\\${escape}.shx`, p.shx),
  ]);
}

/** A CSV that is one line of `bytes` characters with no line break. */
export const hugeLine = (bytes: number) => Buffer.alloc(bytes, 'a');

/** A CSV whose header is one cell of `bytes` characters, then one short row. */
export const hugeHeaderCell = (bytes: number) =>
  Buffer.concat([Buffer.from('"'), Buffer.alloc(bytes, 'h'), Buffer.from('",name\r\n1,a\r\n')]);

/** A CSV whose second row has one cell of `bytes` characters (quoted, so the line is one record). */
export const hugeCell = (bytes: number) =>
  Buffer.concat([
    Buffer.from('code,name,wkt\r\nXQ1,"'),
    Buffer.alloc(bytes, 'c'),
    Buffer.from('",\r\n'),
  ]);

/** A GeoJSON whose coordinates nest `depth` arrays deep. */
export const deepGeoJson = (depth: number) =>
  Buffer.from(
    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"XQ1","name":"深"},"geometry":{"type":"Polygon","coordinates":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`,
  );

/** A GeoJSON of one polygon with `n` vertices (a circle around a point of the zone). */
export function manyVertices(n: number): Buffer {
  const ring: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    ring.push(
      `[${(122.1 + 0.01 * Math.cos(a)).toFixed(7)},${(37.5 + 0.01 * Math.sin(a)).toFixed(7)}]`,
    );
  }
  ring.push(ring[0]!);
  return Buffer.from(
    `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"XQ1","name":"圆"},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}]}`,
  );
}
