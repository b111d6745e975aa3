/**
 * A records file, whatever it is: its first bytes say. Text streams through the CSV reader as
 * before; a workbook (.xlsx), or KML/KMZ or a GeoPackage of points, is read into the same rows
 * (the workbook's sheet streamed, the others whole, as boundary files are); anything else
 * (an old .xls, a password-protected workbook, a GeoPackage, a PDF) is refused by name, with
 * what to do.
 */
import type { FileFormat, TextEncoding } from '../../contract/index.ts';
import type { BoundaryFile } from './boundary-files.ts';
import { pointTable } from './gpkg.ts';
import type { ParseLimits } from './limits.ts';
import { limited, openCsv, readAll, type CsvStream } from './record-stream.ts';
import { abort, refuse } from './refusals.ts';
import type { Report } from './report.ts';
import { TYPE_NAMES, refusalCode, sniff, whatToDo } from './sniff.ts';
import { openXlsx } from './xlsx.ts';
import { ZipRefused } from './zip.ts';

/** Bytes looked at before choosing a reader. */
const HEAD_BYTES = 4096;

export interface RecordsFile extends CsvStream {
  format: FileFormat;
  /** A workbook's sheet or a GeoPackage's layer that was read. */
  table?: string;
}

async function* chain(
  head: Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  yield* head;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

async function* once<T>(rows: T[]): AsyncGenerator<T> {
  yield* rows;
}

export async function openRecords(
  input: AsyncIterable<Uint8Array> | Uint8Array,
  maxBytes: number,
  encoding: TextEncoding | 'gbk' | undefined,
  sheet: string | undefined,
  report: Report,
  limits: ParseLimits,
  readWhole: (
    bytes: Uint8Array,
  ) => Promise<Pick<BoundaryFile, 'columns' | 'features' | 'encoding' | 'table'>>,
): Promise<RecordsFile> {
  const source = limited(
    input instanceof Uint8Array
      ? (async function* () {
          yield input;
        })()
      : input,
    maxBytes,
  )[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let seen = 0;
  while (seen < HEAD_BYTES) {
    const r = await source.next();
    if (r.done) break;
    head.push(r.value);
    seen += r.value.length;
  }
  const first = Buffer.concat(head);
  const container =
    (first[0] === 0x50 && first[1] === 0x4b) ||
    (first[0] === 0xd0 && first[1] === 0xcf) ||
    first.subarray(0, 6).toString('latin1') === 'SQLite';
  let bytes: Uint8Array = first;
  // A container's directory is at its end (a zip) or anywhere (OLE2, SQLite): read whole.
  if (container) bytes = Buffer.concat([first, await readAll(chain([], source), maxBytes)]);
  let found;
  try {
    found = sniff(bytes, limits);
  } catch (e) {
    if (e instanceof ZipRefused) return refuse(report, e);
    throw e;
  }
  if (found.type === 'text' || first.length === 0)
    return {
      ...(await openCsv(chain(head, source), maxBytes, encoding, report, limits)),
      format: 'csv',
    };
  if (found.type === 'xlsx') {
    const x = await openXlsx(bytes, found.entries!, sheet, limits, report);
    return { ...x, format: 'xlsx', table: x.sheet };
  }
  if (found.type === 'kml' || found.type === 'kmz' || found.type === 'gpkg') {
    // Read whole, like a boundary file: by the boundary reader, in its worker thread.
    if (!container) bytes = Buffer.concat([first, await readAll(chain([], source), maxBytes)]);
    const file = await readWhole(bytes);
    const table = pointTable(file.columns, file.features);
    return {
      ...table,
      encoding: file.encoding ?? 'utf-8',
      rows: once(table.rows),
      format: found.type,
      ...(file.table ? { table: file.table } : {}),
    };
  }
  return abort(
    report,
    refusalCode(found.type),
    `the file is ${TYPE_NAMES[found.type]}, not a table of records: ${whatToDo(found.type, 'records')}`,
    null,
    { found: found.type, expected: 'records' },
  );
}
