/**
 * A CSV's line and cell limits, for boundary CSVs (read whole) and record CSVs (streamed)
 * alike: the first line or cell over its limit ends the import with a named problem.
 */
import type { ImportProblemCode } from '../../contract/index.ts';
import { cut, type ParseLimits } from './limits.ts';
import { ImportAborted, type Report } from './report.ts';

function refuseWith(
  report: Report,
  problem: ImportProblemCode,
  message: string,
  row: number | null,
  params: Record<string, string | number | null>,
): never {
  report.error(problem, message, { row, params });
  throw new ImportAborted();
}

/** A CSV record longer than the line limit (csv-parse stops at it, before reading on). */
export function lineTooLong(report: Report, line: number | undefined, limits: ParseLimits): never {
  return refuseWith(
    report,
    'line_too_long',
    `a line near line ${line ?? '?'} is longer than ${limits.maxLineChars} characters (IMPORT_MAX_LINE_KB): is the file a CSV with line breaks?`,
    null,
    { limit: limits.maxLineChars },
  );
}

/** Every cell within the cell limit; the first one over it is refused, with its row and column. */
export function cellsWithin(
  records: string[][],
  limits: ParseLimits,
  report: Report,
  firstRow = 1,
): void {
  for (let r = 0; r < records.length; r++) {
    const cells = records[r]!;
    for (let k = 0; k < cells.length; k++) {
      if (cells[k]!.length > limits.maxCellChars)
        refuseWith(
          report,
          'cell_too_long',
          `cell ${k + 1} has ${cells[k]!.length} characters, more than the ${limits.maxCellChars} a cell may hold (IMPORT_MAX_CELL_KB); it starts "${cut(cells[k])}"`,
          r + firstRow,
          { column: k + 1, chars: cells[k]!.length, limit: limits.maxCellChars },
        );
    }
  }
}
