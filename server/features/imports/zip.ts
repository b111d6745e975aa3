/**
 * A zip read defensively: the central directory is read first and every name, size and
 * ratio is checked before a byte is inflated; then only the members wanted are inflated, in
 * slices, counting the bytes that actually come out (a directory's sizes can lie). Names are
 * only ever used as keys, never as paths: nothing is written to disk.
 */
import { Inflate } from 'fflate';
import type { ImportProblemCode } from '../../contract/index.ts';
import { cut, mb, type ParseLimits } from './limits.ts';

/** A zip refused: the problem, and a message naming the member and the figure. */
export class ZipRefused extends Error {
  constructor(
    readonly problem: ImportProblemCode,
    message: string,
    readonly params: Record<string, string | number | null> = {},
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** The member's CRC-32, from the directory (a local header written streaming has none). */
  crc: number;
}

/** Below this a member's ratio is not held against it (small text files compress very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** Compressed bytes handed to the inflater at once, so each slice's output is bounded. */
const SLICE = 16 * 1024;

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;

/** Why a member's name could be a path out of a folder, or null when it is a plain name. */
export function unsafeName(name: string): string | null {
  if (name.includes('\0')) return 'holds a NUL byte';
  if (name.includes('\\')) return 'holds a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-z]:/i.test(name)) return 'names a drive';
  if (name.split('/').some((part) => part === '..')) return 'climbs out with ..';
  return null;
}

const damaged = (why: string) =>
  new ZipRefused('file_truncated', `the zip archive is incomplete or damaged (${why})`);

/** The central directory's entries, each checked against the bytes present and the limits. */
export function listZip(bytes: Uint8Array, limits: ParseLimits): ZipEntry[] {
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('no end of central directory record');
  const count = u16(bytes, end + 10);
  const dirSize = u32(bytes, end + 12);
  const dirOffset = u32(bytes, end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw new ZipRefused(
      'file_unreadable',
      'the zip is a ZIP64 archive: zip the Shapefile again without ZIP64',
    );
  if (dirOffset + dirSize > end)
    throw new ZipRefused(
      'header_mismatch',
      `the zip's end record puts its directory at bytes ${dirOffset}–${dirOffset + dirSize}, but the archive has only ${bytes.length} bytes`,
      { field: 'central directory', claimed: dirOffset + dirSize, actual: bytes.length },
    );
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50)
      throw damaged(`directory entry ${k + 1} is cut off`);
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) throw damaged(`directory entry ${k + 1} is cut off`);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipEntry = {
      name,
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      crc: u32(bytes, at + 16),
    };
    at = next;
    const unsafe = unsafeName(name);
    if (unsafe)
      throw new ZipRefused(
        'archive_name_unsafe',
        `the zip member "${cut(name)}" ${unsafe}: a member's name must be a plain file name`,
        { name: cut(name) },
      );
    if (entry.localOffset + entry.compressedSize > dirOffset)
      throw new ZipRefused(
        'header_mismatch',
        `the zip's directory says ${cut(name)} has ${entry.compressedSize} packed bytes at byte ${entry.localOffset}, but the archive's data ends at byte ${dirOffset}`,
        {
          name: cut(name),
          field: 'compressed size',
          claimed: entry.compressedSize,
          actual: dirOffset,
        },
      );
    checkRatio(entry.name, entry.size, entry.compressedSize, limits);
    total += entry.size;
    if (total > limits.maxUnzippedBytes) throw tooLarge(total, limits);
    entries.push(entry);
  }
  return entries;
}

const tooLarge = (bytes: number, limits: ParseLimits) =>
  new ZipRefused(
    'archive_too_large',
    `the zip unpacks to more than ${mb(limits.maxUnzippedBytes)} (at least ${mb(bytes)}; IMPORT_MAX_UNZIPPED_MB)`,
    { limitMb: Math.round(limits.maxUnzippedBytes / 1048576), bytes },
  );

function checkRatio(name: string, size: number, packed: number, limits: ParseLimits): void {
  if (size <= RATIO_FLOOR_BYTES) return;
  const ratio = size / Math.max(packed, 1);
  if (ratio > limits.maxZipRatio)
    throw new ZipRefused(
      'archive_too_large',
      `the zip member ${cut(name)} unpacks ${Math.round(ratio)} times its packed size (${mb(size)} from ${packed} bytes), more than the ${limits.maxZipRatio} allowed (IMPORT_MAX_ZIP_RATIO)`,
      { name: cut(name), ratio: Math.round(ratio), limit: limits.maxZipRatio },
    );
}

/** A member's bytes as they are packed in the archive (a view, not a copy). */
export function packedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50)
    throw damaged(`the local header of ${cut(entry.name)} is missing`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const packed = bytes.subarray(start, start + entry.compressedSize);
  if (packed.length < entry.compressedSize) throw damaged(`${cut(entry.name)} is cut off`);
  return packed;
}

/**
 * Inflates a member slice by slice, handing each slice of output to `take` and keeping
 * nothing: a scan of a large member in bounded memory. Counts the output against the
 * archive's limits as `unpack` does.
 */
export function scanMember(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ParseLimits,
  take: (chunk: Uint8Array) => void,
): void {
  const packed = packedBytes(bytes, entry);
  if (entry.method === 0) {
    for (let i = 0; i < packed.length; i += SLICE) take(packed.subarray(i, i + SLICE));
    return;
  }
  if (entry.method !== 8)
    throw new ZipRefused(
      'file_unreadable',
      `${cut(entry.name)} is packed with method ${entry.method}: only deflate and stored are read`,
    );
  let out = 0;
  const inflater = new Inflate((chunk) => {
    out += chunk.length;
    if (out > limits.maxUnzippedBytes) throw tooLarge(out, limits);
    checkRatio(entry.name, out, entry.compressedSize, limits);
    take(chunk);
  });
  try {
    for (let i = 0; i < packed.length; i += SLICE)
      inflater.push(packed.subarray(i, i + SLICE), i + SLICE >= packed.length);
  } catch (e) {
    if (e instanceof ZipRefused) throw e;
    throw damaged(`${cut(entry.name)}: ${(e as Error).message}`);
  }
}

/**
 * One member's bytes. `budget` is what the archive may still unpack to; the count is of the
 * bytes that come out, so a directory that understates a size is caught as it inflates.
 */
export function unpack(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ParseLimits,
  budget: number,
): Uint8Array {
  const packed = packedBytes(bytes, entry);
  if (entry.method === 0) return packed.slice();
  if (entry.method !== 8)
    throw new ZipRefused(
      'file_unreadable',
      `${cut(entry.name)} is packed with method ${entry.method}: only deflate and stored are read`,
    );
  const chunks: Uint8Array[] = [];
  let out = 0;
  const inflater = new Inflate((chunk) => {
    out += chunk.length;
    if (out > entry.size)
      throw new ZipRefused(
        'header_mismatch',
        `the zip's directory says ${cut(entry.name)} unpacks to ${entry.size} bytes, but it unpacks to more`,
        { name: cut(entry.name), field: 'uncompressed size', claimed: entry.size },
      );
    if (out > budget) throw tooLarge(out, limits);
    checkRatio(entry.name, out, entry.compressedSize, limits);
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < packed.length; i += SLICE)
      inflater.push(packed.subarray(i, i + SLICE), i + SLICE >= packed.length);
    if (packed.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof ZipRefused) throw e;
    throw damaged(`${cut(entry.name)}: ${(e as Error).message}`);
  }
  if (out !== entry.size)
    throw damaged(
      `${cut(entry.name)} unpacks to ${out} bytes, its directory entry says ${entry.size}`,
    );
  return Buffer.concat(chunks);
}
