/**
 * What a file may ask of the server. Every one is a refusal with a named problem, never a
 * hang: a header's counts are checked against the bytes present, an archive stops at a size
 * and a ratio, and a line, a cell and a feature have ceilings of their own.
 */

/** Limits on what one file may make the server read, allocate and spend. */
export interface ParseLimits {
  /** Bytes a zip may unpack to in all (IMPORT_MAX_UNZIPPED_MB, default 512 MB). */
  maxUnzippedBytes: number;
  /** Largest unpacked/packed ratio of a zip member (IMPORT_MAX_ZIP_RATIO, default 100). */
  maxZipRatio: number;
  /** Longest CSV record in characters (IMPORT_MAX_LINE_KB, default 16 MB). */
  maxLineChars: number;
  /**
   * Longest line of a records CSV in bytes (IMPORT_MAX_RECORD_LINE_KB, default 64 KB): a record
   * is a short row, and the CSV parser, on the event loop, slows on long ones.
   */
  maxRecordLineBytes: number;
  /** Longest CSV cell in characters (IMPORT_MAX_CELL_KB, default 8 MB: a WKT polygon's cell). */
  maxCellChars: number;
  /** Most vertices in one feature (IMPORT_MAX_VERTICES, default 250,000). */
  maxVertices: number;
  /** Deepest nesting of arrays and objects in a GeoJSON (IMPORT_MAX_DEPTH, default 32). */
  maxDepth: number;
  /** Heap of the parsing worker in MB (IMPORT_WORKER_MB, default 1024). */
  workerMemoryMb: number;
  /** Time the parsing worker may take, in ms (IMPORT_WORKER_SECONDS, default 120 s). */
  workerMs: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxUnzippedBytes: 512 * 1024 * 1024,
  maxZipRatio: 100,
  maxLineChars: 16 * 1024 * 1024,
  maxRecordLineBytes: 64 * 1024,
  maxCellChars: 8 * 1024 * 1024,
  maxVertices: 250_000,
  maxDepth: 32,
  workerMemoryMb: 1024,
  workerMs: 120_000,
};

/** Longest value a report quotes; a column name of 100 MB is shown as its first characters. */
export const QUOTED_CHARS = 80;

/** A value as a report quotes it: at most QUOTED_CHARS characters, then "…". */
export function cut(value: unknown, max = QUOTED_CHARS): string {
  const s = String(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A list of names as a report quotes it: each cut, and at most `n` of them. */
export function cutList(values: readonly string[], n = 20): string {
  const shown = values.slice(0, n).map((v) => cut(v));
  return values.length > n ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

/** Megabytes for a message. */
export const mb = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;
