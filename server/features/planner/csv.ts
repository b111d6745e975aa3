import { parse } from 'csv-parse/sync';
import type { Assignment, ImportProblem } from '../../contract/index.ts';
import { csvFile, unneutralise } from '../../lib/csv.ts';
import { AREA_CODE, whole } from '../../contract/patterns.ts';
// The imports pipeline's reading of text, so both kinds of upload refuse the same encodings.
import { EncodingError, decodeAll, isUtf16 } from '../imports/text.ts';

const BOM = '\uFEFF';
const CODE = whole(AREA_CODE);

/**
 * A scenario's assignment as CSV for Excel: `shequ_code,pianqu_code` (lib/csv.ts: BOM, formulas
 * neutralised, so a code such as `-2-3` is written `'-2-3`; the import reads it back as it was).
 */
export function assignmentCsv(assignment: Readonly<Assignment>): string {
  const rows = Object.entries(assignment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return csvFile([['shequ_code', 'pianqu_code'], ...rows]);
}

/** What an uploaded assignment CSV holds, and every problem found, row by row. */
export interface ParsedAssignment {
  assignment: Assignment;
  /** 社区 code → the file's line it was on. */
  rows: Map<string, number>;
  problems: ImportProblem[];
}

const problem = (
  row: number | null,
  code: string | null,
  kind: ImportProblem['problem'],
  message: string,
): ImportProblem => ({ row, code, problem: kind, message });

/**
 * Reads an assignment CSV (bytes as uploaded) against the 社区 codes of the version. Finds
 * every problem rather than stopping at the first, so the planner fixes the file in one go;
 * the caller imports nothing when there is any.
 */
export function parseAssignmentCsv(bytes: Buffer, unitCodes: readonly string[]): ParsedAssignment {
  const result: ParsedAssignment = { assignment: {}, rows: new Map(), problems: [] };
  const fail = (p: ImportProblem) => {
    result.problems.push(p);
    return result;
  };
  if (
    bytes.length === 0 ||
    bytes
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '')
      .trim() === ''
  ) {
    return fail(problem(null, null, 'empty_file', 'the file is empty'));
  }
  if (isUtf16(bytes)) {
    return fail(
      problem(1, null, 'not_utf8', 'the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)'),
    );
  }
  // Read as the data import reads text: UTF-8, or GBK as Excel saves "CSV" on a Chinese
  // Windows; a file that is neither is refused with the line it fails on.
  let text: string;
  try {
    ({ text } = decodeAll(bytes, undefined));
  } catch (error) {
    if (!(error instanceof EncodingError)) throw error;
    const as = error.encoding === 'utf-8' ? 'UTF-8' : 'GBK';
    return fail(
      problem(
        error.line,
        null,
        'not_utf8',
        `row ${error.line}: not readable as ${as} (save the file as CSV UTF-8)`,
      ),
    );
  }
  // A browser that read a GBK file as text already replaced its bytes with U+FFFD: the same
  // problem, seen one step later.
  text.split('\n').forEach((content, i) => {
    if (content.includes('\uFFFD')) {
      result.problems.push(
        problem(i + 1, null, 'not_utf8', `row ${i + 1}: not UTF-8 (save the file as CSV UTF-8)`),
      );
    }
  });
  if (result.problems.length) return result;
  if (text.startsWith(BOM)) text = text.slice(1);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const at = (error as { lines?: number }).lines ?? null;
    return fail(
      problem(
        at,
        null,
        'bad_row',
        `row ${at ?? '?'}: not readable as CSV (${(error as Error).message})`,
      ),
    );
  }
  const [header, ...body] = records;
  const columns = (header?.record ?? []).map((c) => c.toLowerCase());
  const si = columns.indexOf('shequ_code');
  const pi = columns.indexOf('pianqu_code');
  if (si < 0 || pi < 0) {
    return fail(
      problem(
        header?.info.lines ?? 1,
        null,
        'bad_header',
        'the first row must name the columns shequ_code and pianqu_code',
      ),
    );
  }
  const known = new Set(unitCodes);
  for (const { record, info } of body) {
    const row = info.lines;
    const shequ = unneutralise(record[si] ?? '');
    const pianqu = unneutralise(record[pi] ?? '');
    if (!shequ || !pianqu) {
      result.problems.push(
        problem(
          row,
          shequ || null,
          'bad_row',
          `row ${row}: needs both a 社区 code and a 片区 code`,
        ),
      );
      continue;
    }
    if (!known.has(shequ)) {
      result.problems.push(
        problem(row, shequ, 'unknown_shequ', `row ${row}: no 社区 with code ${shequ}`),
      );
      continue;
    }
    if (!CODE.test(pianqu)) {
      result.problems.push(
        problem(
          row,
          shequ,
          'bad_pianqu_code',
          `row ${row}: 片区 code ${pianqu.slice(0, 40)} is not 1–32 letters, digits, _ or -`,
        ),
      );
      continue;
    }
    const first = result.rows.get(shequ);
    if (first !== undefined) {
      result.problems.push(
        problem(row, shequ, 'duplicate', `row ${row}: ${shequ} is already on row ${first}`),
      );
      continue;
    }
    result.rows.set(shequ, row);
    result.assignment[shequ] = pianqu;
  }
  const listedOrBad = new Set([
    ...result.rows.keys(),
    ...result.problems.map((p) => p.code).filter((c): c is string => c !== null),
  ]);
  for (const code of unitCodes) {
    if (!listedOrBad.has(code)) {
      result.problems.push(
        problem(null, code, 'missing_shequ', `社区 ${code} is missing: every 社区 needs a 片区`),
      );
    }
  }
  return result;
}
