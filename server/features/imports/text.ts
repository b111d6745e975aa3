/**
 * Text as Excel and China's systems write it: UTF-8 with or without a BOM, or GBK / GB18030
 * (what "CSV" means in a Chinese Excel). Decoded strictly: a byte sequence that is not valid in
 * the encoding is an error naming the row, never a replacement character stored as data.
 */
import type { TextEncoding } from '../../contract/index.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export type Decoding = 'utf-8' | 'gb18030';

/** Whether the bytes open with the UTF-8 byte order mark. */
export const hasUtf8Bom = (b: Uint8Array) =>
  b.length >= 3 && b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2];

/** UTF-16 (what Excel's "Unicode text" writes) opens with FF FE or FE FF. */
export const isUtf16 = (b: Uint8Array) =>
  b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));

/**
 * Whether `b` is valid UTF-8, ignoring a multi-byte sequence cut at the very end (a sample's
 * edge, not the file's).
 */
export function isUtf8(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n =
      c < 0x80
        ? 0
        : c >= 0xc2 && c < 0xe0
          ? 1
          : c >= 0xe0 && c < 0xf0
            ? 2
            : c >= 0xf0 && c < 0xf5
              ? 3
              : -1;
    if (n < 0) return false;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return true;
      if ((b[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

/**
 * The encoding to read `sample` (the file's first bytes) in: the declared one, or UTF-8 when
 * the bytes are valid UTF-8 (pure ASCII included) and else GB18030, which decodes every GBK
 * and GB2312 file the same way.
 */
export function chooseEncoding(
  sample: Uint8Array,
  declared: TextEncoding | 'gbk' | undefined,
): Decoding {
  if (declared === 'utf-8') return 'utf-8';
  if (declared === 'gb18030' || declared === 'gbk') return 'gb18030';
  if (hasUtf8Bom(sample)) return 'utf-8';
  return isUtf8(sample) ? 'utf-8' : 'gb18030';
}

/** Where decoding failed: the 1-based line the bad bytes are on. */
export class EncodingError extends Error {
  constructor(
    readonly line: number,
    readonly encoding: Decoding,
  ) {
    super(
      `line ${line} is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'GBK/GB18030'}: ` +
        (encoding === 'utf-8'
          ? 'the file mixes encodings, or is GBK: choose GBK, or save it as CSV UTF-8'
          : 'the file is neither UTF-8 nor GBK: save it as CSV UTF-8'),
    );
  }
}

/**
 * A strict streaming decoder that knows the line it is on, so an invalid byte is reported
 * with its line. Lines are counted on the bytes (0x0A is never part of a multi-byte character
 * in UTF-8 or GB18030).
 */
export class LineDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private line = 1;
  private started = false;

  constructor(readonly encoding: Decoding) {
    // ignoreBOM false: the decoder drops a leading UTF-8 BOM itself.
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  decode(chunk: Uint8Array, last = false): string {
    if (!this.started) {
      this.started = true;
      if (this.encoding === 'gb18030' && hasUtf8Bom(chunk)) chunk = chunk.subarray(3);
    }
    try {
      const text = this.decoder.decode(chunk, { stream: !last });
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) this.line++;
      return text;
    } catch {
      throw new EncodingError(this.line + firstBadLine(chunk, this.encoding), this.encoding);
    }
  }
}

/** Lines to skip within `chunk` before the first line that does not decode. */
function firstBadLine(chunk: Uint8Array, encoding: Decoding): number {
  let start = 0;
  let lines = 0;
  for (let i = 0; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === 0x0a) {
      try {
        new TextDecoder(encoding, { fatal: true }).decode(chunk.subarray(start, i));
      } catch {
        return lines;
      }
      start = i + 1;
      lines++;
    }
  }
  return lines;
}

/** Decodes a whole file (GeoJSON, a WKT CSV) strictly, after choosing its encoding. */
export function decodeAll(bytes: Uint8Array, declared: TextEncoding | 'gbk' | undefined) {
  const encoding = chooseEncoding(bytes.subarray(0, 1 << 20), declared);
  const text = new LineDecoder(encoding).decode(bytes, true);
  return { encoding, text };
}
