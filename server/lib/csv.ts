import { stringify } from 'csv-stringify/sync';

/** One cell of an exported CSV; null is written empty. */
export type CsvCell = string | number | null;

// What a spreadsheet runs as a formula when a cell starts with it (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formulas: a text cell starting with = + - @, a tab or a carriage
 * return is prefixed with an apostrophe, which Excel shows as text. Numbers are left alone
 * (a negative number is data, not a formula); a code such as `-2-3` is text and is prefixed.
 */
export function neutralise(value: CsvCell): CsvCell {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes {@link neutralise} on a cell read back from a file this server exported. */
export function unneutralise(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Rows as a CSV file for Excel: UTF-8 with a BOM (Chinese opens correctly), CRLF, quoted where
 * needed, every cell neutralised. Every CSV export goes through here, so none can forget it.
 */
export function csvFile(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((r) => r.map(neutralise)),
    // A lone CR or LF in a cell ends the row for a reader unless the cell is quoted; the
    // library quotes only cells holding the whole CRLF.
    { bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}
