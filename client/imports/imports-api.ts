/**
 * The admin data-import API (`server/features/imports/routes.ts`): the file goes up as its
 * raw bytes; a refused import (422, 413) answers with the same report as a dry run.
 */
import type {
  DataImportReport,
  ImportFields,
  ImportRun,
  ImportSource,
} from '../../server/contract/index.ts';
import { ApiError, callApi } from '../api/api.ts';
import { importQuery, type ImportSettings } from './import-state.ts';

/** `GET /api/admin/import-fields`: per kind, the fields a mapping can name. */
export function fetchImportFields(signal?: AbortSignal): Promise<ImportFields> {
  return callApi<ImportFields>('/api/admin/import-fields', { signal });
}

/** `GET /api/admin/import-sources`: source systems with their saved settings. */
export function fetchImportSources(signal?: AbortSignal): Promise<ImportSource[]> {
  return callApi<ImportSource[]>('/api/admin/import-sources', { signal });
}

/** `GET /api/admin/imports`: the history, newest first. */
export function fetchImportRuns(signal?: AbortSignal): Promise<ImportRun[]> {
  return callApi<ImportRun[]>('/api/admin/imports', { signal });
}

/** `POST /api/admin/imports/:id/restore`; a 409 arrives as an ApiError with the reason. */
export function restoreImport(id: number): Promise<ImportRun> {
  return callApi<ImportRun>(`/api/admin/imports/${id}/restore`, { method: 'POST' });
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

/** `POST /api/admin/imports?…` with the file as the body (a dry run or the import itself). */
export async function postImport(
  file: File,
  settings: ImportSettings,
  dryRun: boolean,
): Promise<ImportOutcome> {
  const path = `/api/admin/imports?${importQuery(file, settings, dryRun)}`;
  try {
    const report = await callApi<DataImportReport>(path, { method: 'POST', body: file });
    return { report, refused: false };
  } catch (error) {
    const report = error instanceof ApiError ? reportOf(error.body) : null;
    if (report) return { report, refused: true };
    throw error;
  }
}
