/** Ending a file's reading with the problem that stops it: reported, then thrown. */
import type { ImportProblemCode } from '../../contract/index.ts';
import { ImportAborted, type Report } from './report.ts';
import type { ZipRefused } from './zip.ts';
import { decodeAll, type EncodingError } from './text.ts';

export const abort = (
  report: Report,
  problem: ImportProblemCode,
  message: string,
  row: number | null = null,
  params: Record<string, string | number | null> = {},
): never => {
  report.error(problem, message, { row, params });
  throw new ImportAborted();
};

export const refuse = (report: Report, e: ZipRefused): never =>
  abort(
    report,
    e.problem,
    e.message,
    typeof e.params.row === 'number' ? e.params.row : null,
    e.params,
  );

/**
 * The file's text and the encoding it was read in, or the import ends naming the line that
 * does not decode.
 */
export function decodeOrAbort(
  bytes: Uint8Array,
  encoding: Parameters<typeof decodeAll>[1],
  report: Report,
): ReturnType<typeof decodeAll> {
  try {
    return decodeAll(bytes, encoding);
  } catch (e) {
    return abort(
      report,
      'encoding_invalid',
      (e as EncodingError).message,
      (e as EncodingError).line,
    );
  }
}
