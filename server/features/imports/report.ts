/**
 * The import's report: every problem counted, the first ones listed. A million-row file with
 * a bad column yields a million problems; the list stays bounded so memory does.
 */
import type { DataImportProblem, ImportProblemCode } from '../../contract/index.ts';

/** How many problems the report lists (the counts stay complete). */
export const LISTED_PROBLEMS = 500;

export interface ProblemInput {
  row?: number | null;
  field?: string | null;
  code?: string | null;
  location?: [number, number] | null;
  params?: Record<string, string | number | null>;
  /** The file, when not the one being read (a Shapefile's member). */
  file?: string;
}

/** A report's contents, as a worker thread hands them back. */
export interface ReportState {
  file: string;
  listed: DataImportProblem[];
  counts: Record<string, number>;
  errorCount: number;
  warningCount: number;
}

export class Report {
  readonly listed: DataImportProblem[] = [];
  readonly counts: Record<string, number> = {};
  errorCount = 0;
  warningCount = 0;

  constructor(public file: string) {}

  add(
    severity: 'error' | 'warning',
    problem: ImportProblemCode,
    message: string,
    p: ProblemInput = {},
  ): void {
    this.counts[problem] = (this.counts[problem] ?? 0) + 1;
    if (severity === 'error') this.errorCount++;
    else this.warningCount++;
    if (this.listed.length >= LISTED_PROBLEMS) return;
    const row = p.row ?? null;
    this.listed.push({
      problem,
      severity,
      file: p.file ?? this.file,
      row,
      field: p.field ?? null,
      code: p.code ?? null,
      location: p.location ?? null,
      params: p.params ?? {},
      message: row === null ? message : `row ${row}: ${message}`,
    });
  }

  /** Problems found but not listed (past the list's bound in a set-based check). */
  addUnlisted(severity: 'error' | 'warning', problem: ImportProblemCode, n: number): void {
    this.counts[problem] = (this.counts[problem] ?? 0) + n;
    if (severity === 'error') this.errorCount += n;
    else this.warningCount += n;
  }

  state(): ReportState {
    const { file, listed, counts, errorCount, warningCount } = this;
    return { file, listed, counts, errorCount, warningCount };
  }

  /** Takes in what a worker's report found (the worker read the file this report is about). */
  absorb(s: ReportState): void {
    this.file = s.file;
    for (const p of s.listed) if (this.listed.length < LISTED_PROBLEMS) this.listed.push(p);
    for (const [k, n] of Object.entries(s.counts)) this.counts[k] = (this.counts[k] ?? 0) + n;
    this.errorCount += s.errorCount;
    this.warningCount += s.warningCount;
  }

  error(problem: ImportProblemCode, message: string, p?: ProblemInput): void {
    this.add('error', problem, message, p);
  }

  warn(problem: ImportProblemCode, message: string, p?: ProblemInput): void {
    this.add('warning', problem, message, p);
  }

  /** Errors first, then by row, as a reader fixes a file from the top. */
  sorted(): DataImportProblem[] {
    const rank = (p: DataImportProblem) => (p.severity === 'error' ? 0 : 1);
    return [...this.listed].sort((a, b) => rank(a) - rank(b) || (a.row ?? 0) - (b.row ?? 0));
  }
}

/** Thrown to end an import early with the report as it stands (a file that cannot be read). */
export class ImportAborted extends Error {
  constructor() {
    super('import aborted: see the report');
  }
}
