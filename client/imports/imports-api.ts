/**
 * The admin data import's writes (`importRoutes` in the contract): the file goes up as its raw
 * bytes; a refused import (422, 413) answers with the same report as a dry run. The page reads
 * the fields, sources and history with `useRouteQuery`.
 */
import {
  importRoutes,
  type DataImportReport,
  type ImportRun,
} from '../../server/contract/index.ts';
import { ApiError } from '../api/api.ts';
import { request } from '../api/request.ts';
import { importInput, type ImportSettings } from './import-state.ts';

/** Restores an import; a 409 arrives as an ApiError with the reason. */
export function restoreImport(id: number): Promise<ImportRun> {
  return request(importRoutes.restore, { params: { id } });
}

/** What an import or dry run answered: its report, and whether the server refused it. */
export interface ImportOutcome {
  report: DataImportReport;
  /** True for 422/413: problems were found and nothing was written. */
  refused: boolean;
}

function reportOf(body: unknown): DataImportReport | null {
  const report = (body as { report?: unknown } | null)?.report;
  return report && typeof report === 'object' ? (report as DataImportReport) : null;
}

/** Sends the file with the settings' query (a dry run or the import itself). */
export async function postImport(
  file: File,
  settings: ImportSettings,
  dryRun: boolean,
): Promise<ImportOutcome> {
  try {
    const report = await request(importRoutes.run, {
      query: importInput(file, settings, dryRun),
      body: file,
    });
    return { report, refused: false };
  } catch (error) {
    const report = error instanceof ApiError ? reportOf(error.body) : null;
    if (report) return { report, refused: true };
    throw error;
  }
}
