/**
 * The worker thread that reads a boundary file: the parsers run here, off the server's event
 * loop, so a hostile file costs this thread's time and heap (both capped by parse-off-thread.ts)
 * and never the answers to /api/health or the map.
 */
import { parentPort } from 'node:worker_threads';
import { readBoundaryFile, type BoundaryFile } from './boundary-files.ts';
import { resolveMapping } from './mapping.ts';
import { ImportAborted, Report, type ReportState } from './report.ts';
import type { ParseJob } from './parse-off-thread.ts';

export type ParseReply =
  | { kind: 'read'; file: BoundaryFile; report: ReportState }
  | { kind: 'aborted'; report: ReportState }
  | { kind: 'failed'; message: string };

parentPort!.once('message', async (job: ParseJob) => {
  const report = new Report(job.fileName);
  let reply: ParseReply;
  try {
    const file = await readBoundaryFile(
      job.bytes,
      job.encoding,
      (columns) => resolveMapping(job.specs, columns, job.saved, job.given).wkt,
      job.limits,
      report,
      job.layer,
    );
    reply = { kind: 'read', file, report: report.state() };
  } catch (e) {
    reply =
      e instanceof ImportAborted
        ? { kind: 'aborted', report: report.state() }
        : { kind: 'failed', message: (e as Error).stack ?? String(e) };
  }
  parentPort!.postMessage(reply);
});
