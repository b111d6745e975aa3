/**
 * A records CSV as a stream of rows: bytes are counted against the size limit, decoded
 * strictly in the detected or declared encoding, and parsed by csv-parse, so a file of a
 * million rows passes through in bounded memory.
 */
import { parse } from 'csv-parse';
import type { TextEncoding } from '../../contract/index.ts';
import { ImportAborted, type Report } from './report.ts';
import { cellsWithin, lineTooLong } from './csv-limits.ts';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.ts';
import { EncodingError, LineDecoder, chooseEncoding, isUtf16 } from './text.ts';

/** Bytes sampled to choose an encoding before decoding starts. */
const SAMPLE_BYTES = 256 * 1024;

export class FileTooLarge extends Error {
  constructor(readonly limit: number) {
    super(
      `the file is larger than the import limit of ${Math.round(limit / 1048576)} MB (IMPORT_MAX_MB)`,
    );
  }
}

/** The source's bytes, failing once more than `limit` have arrived. */
export async function* limited(
  source: AsyncIterable<Uint8Array>,
  limit: number,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new FileTooLarge(limit);
    yield chunk;
  }
}

/** Reads all of a source into one buffer, within the limit (boundary files). */
export async function readAll(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  limit: number,
): Promise<Uint8Array> {
  if (source instanceof Uint8Array) {
    if (source.length > limit) throw new FileTooLarge(limit);
    return source;
  }
  const chunks: Uint8Array[] = [];
  for await (const c of limited(source, limit)) chunks.push(c);
  return Buffer.concat(chunks);
}

/** A line of a records CSV longer than its limit, found in the bytes before the parser sees them. */
export class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(
      `line ${line} is longer than ${Math.round(limit / 1024)} KB (IMPORT_MAX_RECORD_LINE_KB): a records row is short; is the file a CSV with line breaks?`,
    );
  }
}

/**
 * The source's bytes, failing at the first line longer than `limit` bytes. Counted here, on
 * the raw bytes, because csv-parse spends about a microsecond per character of a long record
 * on the event loop: a 100 MB line would hold every other request for seconds.
 */
export async function* lineGuard(
  source: AsyncIterable<Uint8Array>,
  limit: number,
): AsyncGenerator<Uint8Array> {
  let run = 0;
  let line = 1;
  for await (const chunk of source) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      if (run + nl - from > limit) throw new LineTooLong(line, limit);
      run = 0;
      line++;
      from = nl + 1;
    }
    run += chunk.length - from;
    if (run > limit) throw new LineTooLong(line, limit);
    yield chunk;
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export interface CsvRow {
  /** The spreadsheet row: 1 is the header, 2 the first data row. */
  row: number;
  cells: string[];
}

export interface CsvStream {
  columns: string[];
  encoding: string;
  rows: AsyncGenerator<CsvRow>;
}

/**
 * Opens the CSV: reads enough to choose the encoding and the header, then yields the rows.
 * Unreadable files (empty, UTF-16, a broken quote) are reported and abort.
 */
export async function openCsv(
  input: AsyncIterable<Uint8Array> | Uint8Array,
  limit: number,
  declared: TextEncoding | 'gbk' | undefined,
  report: Report,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<CsvStream> {
  const source = lineGuard(
    limited(input instanceof Uint8Array ? once(input) : input, limit),
    limits.maxRecordLineBytes,
  );
  // Gather a sample to choose the encoding from.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SAMPLE_BYTES) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await source.next();
    } catch (e) {
      if (e instanceof LineTooLong) {
        report.error('line_too_long', e.message, {
          row: e.line,
          params: { limit: e.limit },
        });
        throw new ImportAborted();
      }
      throw e;
    }
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  if (sample.length === 0) {
    report.error('file_empty', 'the file is empty (0 bytes)');
    throw new ImportAborted();
  }
  if (isUtf16(sample)) {
    report.error(
      'encoding_invalid',
      'the file is UTF-16 (Excel "Unicode text"): save it as CSV UTF-8 or CSV',
    );
    throw new ImportAborted();
  }
  const encoding = chooseEncoding(sample, declared);
  const decoder = new LineDecoder(encoding);
  // max_record_size: a line without end (a 100 MB single-line file) is refused at the limit
  // instead of being gathered whole.
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: limits.maxLineChars,
  });

  // Feeds the parser from the byte stream, honouring back-pressure; a failure ends the parser.
  // Waits until the parser takes more, or has ended: a parse error destroys it, possibly
  // inside write() before anyone listened, and a wait for 'drain' alone would never end.
  const room = () =>
    new Promise<void>((resolve) => {
      if (parser.destroyed) return resolve();
      const over = () => {
        parser.off('drain', over).off('close', over).off('error', over);
        resolve();
      };
      parser.once('drain', over).once('close', over).once('error', over);
    });
  const feed = (async () => {
    try {
      if (!parser.write(decoder.decode(sample, done))) await room();
      if (!done) {
        for await (const chunk of source) {
          if (parser.destroyed) break;
          if (!parser.write(decoder.decode(chunk))) await room();
        }
        parser.write(decoder.decode(new Uint8Array(0), true));
      }
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();

  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  let recordIndex = 0;
  const fail = (e: unknown): never => {
    if (e instanceof FileTooLarge) {
      report.error('file_too_large', e.message, {
        params: { limitMb: Math.round(e.limit / 1048576) },
      });
    } else if (e instanceof LineTooLong) {
      report.error('line_too_long', e.message, {
        row: e.line,
        params: { limit: e.limit },
      });
    } else if (e instanceof EncodingError) {
      report.error('encoding_invalid', e.message, { row: e.line, params: { encoding } });
    } else {
      const err = e as Error & { code?: string; lines?: number };
      if (err.code === 'CSV_MAX_RECORD_SIZE') return lineTooLong(report, err.lines, limits);
      const truncated = err.code === 'CSV_QUOTE_NOT_CLOSED';
      report.error(
        truncated ? 'file_truncated' : 'file_unreadable',
        truncated
          ? `a quoted cell opened near line ${err.lines ?? '?'} is never closed: the file is cut off`
          : `the CSV cannot be read near line ${err.lines ?? '?'}: ${err.message}`,
      );
    }
    throw new ImportAborted();
  };
  const next = async () => {
    try {
      return await iterator.next();
    } catch (e) {
      await feed;
      return fail(e);
    }
  };

  // A cell over the limit ends the parse too, so the feed stops reading the upload.
  const within = (cells: string[], row: number) => {
    try {
      cellsWithin([cells], limits, report, row);
    } catch (e) {
      parser.destroy();
      throw e;
    }
  };

  const first = await next();
  if (first.done) {
    report.error('file_empty', 'the file has no header row');
    throw new ImportAborted();
  }
  within(first.value.record, 1);
  const columns = first.value.record.map((c) => c.trim());
  recordIndex = 1;

  async function* rows(): AsyncGenerator<CsvRow> {
    for (;;) {
      const r = await next();
      if (r.done) break;
      recordIndex++;
      within(r.value.record, recordIndex);
      yield { row: recordIndex, cells: r.value.record };
    }
    await feed;
  }
  return { columns, encoding, rows: rows() };
}
