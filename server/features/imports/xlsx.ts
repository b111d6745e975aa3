/**
 * An Excel workbook (.xlsx) as a table of rows, like a CSV: the first sheet or a named one,
 * its header row (two rows when merged header cells say so), then the rows streamed.
 *
 * The zip is ours to read (zip.ts: the directory checked, names never paths); ExcelJS's
 * streaming reader reads the sheet. It is handed an archive rebuilt from the packed bytes as
 * they are, holding only the parts it needs in the order it needs them (workbook, styles,
 * shared strings, then the one sheet), so it never spills a sheet to a temporary file and
 * never reads a sheet nobody asked for.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import type { ParseLimits } from './limits.ts';
import { cut, cutList } from './limits.ts';
import type { CsvRow, CsvStream } from './record-stream.ts';
import { abort, refuse } from './refusals.ts';
import type { Report } from './report.ts';
import { ZipRefused, packedBytes, scanMember, unpack, type ZipEntry } from './zip.ts';

interface Sheet {
  name: string;
  /** The sheet's part in the archive, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

const xmlText = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replaceAll('&amp;', '&');

const attrs = (tag: string) =>
  Object.fromEntries(
    [...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, xmlText(m[2]!)] as const),
  );

/** The workbook's sheets in their tab order, each with its part. */
function sheetsOf(bytes: Uint8Array, members: Map<string, ZipEntry>, limits: ParseLimits): Sheet[] {
  const text = (name: string) => {
    const e = members.get(name);
    return e ? new TextDecoder().decode(unpack(bytes, e, limits, limits.maxUnzippedBytes)) : '';
  };
  const rels = new Map(
    [...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
      const a = attrs(m[0]);
      return [a.Id ?? '', a.Target ?? ''] as const;
    }),
  );
  return [...text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    const target = rels.get(a['r:id'] ?? '') ?? '';
    const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return { name: a.name ?? '', part: part.replace(/\/\.\//g, '/') };
  });
}

/** Merged ranges whose top row is among the first rows: what a header's merges are. */
function headerMerges(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ParseLimits,
): { top: number; bottom: number; left: number; right: number }[] {
  const merges: { top: number; bottom: number; left: number; right: number }[] = [];
  let carry = '';
  const decoder = new TextDecoder();
  // <mergeCells> follows <sheetData>: the sheet is scanned once for them, slice by slice.
  scanMember(bytes, entry, limits, (chunk) => {
    const text = carry + decoder.decode(chunk, { stream: true });
    const re = /<mergeCell\b[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      last = re.lastIndex;
      const top = Number(m[2]);
      if (top <= 20 && merges.length < 1000)
        merges.push({ top, bottom: Number(m[4]), left: column(m[1]!), right: column(m[3]!) });
    }
    carry = text.slice(Math.max(last, text.length - 200));
  });
  return merges;
}

const column = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

const u16 = (v: number) => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** A local header and the packed bytes of one member, under the name given. */
function localEntry(
  name: string,
  e: Pick<ZipEntry, 'method' | 'crc' | 'compressedSize' | 'size'>,
  packed: Uint8Array,
) {
  const n = strToU8(name);
  const header = Uint8Array.from([
    ...u32(0x04034b50),
    ...u16(20),
    ...u16(0x0800),
    ...u16(e.method),
    ...u16(0),
    ...u16(0x21),
    ...u32(e.crc),
    ...u32(e.compressedSize),
    ...u32(e.size),
    ...u16(n.length),
    ...u16(0),
  ]);
  return [header, n, packed];
}

/** The text of a cell as the file stores it: numbers as written, dates as local date-times. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    // Excel's dates have no zone: ExcelJS gives the wall clock as UTC, read back as such; the
    // import puts it in the data set's time zone, as it does a CSV's.
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Cells of a row, by column (0 = A), as text. */
function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  const out: string[] = [];
  for (let c = 1; c < values.length; c++) out[c - 1] = cellText(values[c] ?? null).trim();
  for (let c = 0; c < out.length; c++) out[c] ??= '';
  return out;
}

const EMPTY_SST =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/**
 * Opens the workbook's sheet (the first, or `sheetName`) as rows with a header, or ends the
 * import naming the problem: an unknown sheet (listing the sheets), an empty one.
 */
export async function openXlsx(
  bytes: Uint8Array,
  entries: ZipEntry[],
  sheetName: string | undefined,
  limits: ParseLimits,
  report: Report,
): Promise<CsvStream & { sheet: string }> {
  const members = new Map(entries.map((e) => [e.name, e]));
  let sheets: Sheet[];
  let merges: ReturnType<typeof headerMerges>;
  let sheet: Sheet;
  const parts: Uint8Array[] = [];
  try {
    sheets = sheetsOf(bytes, members, limits);
    if (sheets.length === 0)
      abort(report, 'file_unreadable', 'the workbook lists no sheets: save it again in Excel');
    const chosen =
      sheetName === undefined
        ? sheets[0]
        : sheets.find((s) => s.name === sheetName || s.name.trim() === sheetName.trim());
    if (!chosen)
      return abort(
        report,
        'sheet_unknown',
        `the workbook has no sheet "${cut(sheetName!)}" (its sheets: ${cutList(sheets.map((s) => s.name))})`,
        null,
        { sheet: cut(sheetName!), sheets: cutList(sheets.map((s) => s.name)) },
      );
    sheet = chosen;
    const part = members.get(sheet.part);
    if (!part)
      return abort(
        report,
        'file_truncated',
        `the workbook's sheet "${cut(sheet.name)}" (${cut(sheet.part)}) is missing from the file`,
      );
    merges = headerMerges(bytes, part, limits);
    for (const name of [
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/styles.xml',
    ]) {
      const e = members.get(name);
      if (e) parts.push(...localEntry(name, e, packedBytes(bytes, e)));
    }
    const sst = members.get('xl/sharedStrings.xml');
    if (sst) parts.push(...localEntry('xl/sharedStrings.xml', sst, packedBytes(bytes, sst)));
    else {
      // Without shared strings ExcelJS would hold the sheet back in a temporary file.
      const b = strToU8(EMPTY_SST);
      parts.push(
        ...localEntry(
          'xl/sharedStrings.xml',
          { method: 0, crc: crc32(b), compressedSize: b.length, size: b.length },
          b,
        ),
      );
    }
    // Always sheet1: the name ExcelJS's reader looks for, whatever the workbook calls it.
    parts.push(...localEntry('xl/worksheets/sheet1.xml', part, packedBytes(bytes, part)));
    parts.push(Uint8Array.from([...u32(0x06054b50), ...new Array(18).fill(0)]));
  } catch (e) {
    if (e instanceof ZipRefused) return refuse(report, e);
    throw e;
  }

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(parts), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const fail = (e: unknown): never =>
    abort(
      report,
      'file_unreadable',
      `the workbook cannot be read: ${cut((e as Error).message, 200)}`,
    );
  async function* allRows(): AsyncGenerator<ExcelJS.Row> {
    try {
      for await (const ws of reader)
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) yield row;
    } catch (e) {
      fail(e);
    }
  }
  const source = allRows();
  const nextRow = async () => {
    for (;;) {
      const r = await source.next();
      if (r.done) return null;
      const cells = rowCells(r.value);
      if (cells.some((c) => c !== '')) return { row: r.value.number, cells };
    }
  };

  const first = await nextRow();
  if (!first)
    return abort(report, 'file_empty', `the sheet "${cut(sheet.name)}" is empty`, null, {
      sheet: cut(sheet.name),
    });
  // A header merged down (工单号 over two rows) makes the header two rows: the lower row names
  // the columns under a merged group (坐标 over 经度, 纬度), the merge names the rest.
  const down = merges.filter((m) => m.top === first.row && m.bottom > m.top);
  const headerRows = [first];
  let pending: CsvRow | null = null;
  if (down.length) {
    const bottom = Math.max(...down.map((m) => m.bottom));
    for (let r = await nextRow(); r; r = r.row <= bottom ? await nextRow() : null) {
      if (r.row > bottom) {
        pending = r;
        break;
      }
      headerRows.push(r);
    }
  }
  const width = Math.max(...headerRows.map((r) => r.cells.length));
  const grid = headerRows.map((r) => Array.from({ length: width }, (_, c) => r.cells[c] ?? ''));
  for (const m of merges) {
    const top = headerRows.findIndex((r) => r.row === m.top);
    if (top < 0) continue;
    const value = grid[top]![m.left - 1] ?? '';
    for (let r = top; r < grid.length && headerRows[r]!.row <= m.bottom; r++)
      for (let c = m.left - 1; c < Math.min(m.right, width); c++)
        if (!grid[r]![c]) grid[r]![c] = value;
  }
  const seen = new Map<string, number>();
  const columns = Array.from({ length: width }, (_, c) => {
    let name = '';
    for (const row of grid) if (row[c]) name = row[c]!;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
  const header = headerRows[headerRows.length - 1]!.row;

  async function* rows(): AsyncGenerator<CsvRow> {
    let r = pending ?? (await nextRow());
    for (; r; r = await nextRow()) {
      if (r.row <= header) continue;
      const cells = r.cells.slice();
      // Cells past the header are dropped when empty; a value there is the row's problem.
      while (cells.length > width && cells[cells.length - 1] === '') cells.pop();
      while (cells.length < width) cells.push('');
      yield { row: r.row, cells };
    }
  }
  return { columns, encoding: 'xlsx', rows: rows(), sheet: sheet.name };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
