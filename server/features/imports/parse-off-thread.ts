/**
 * Boundary files are read in a worker thread, one per import: its heap is capped
 * (resourceLimits), its time is capped (terminated when over), and the server terminates it
 * when it shuts down, so SIGTERM is never kept waiting by a file.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnMapping, TextEncoding } from '../../contract/index.ts';
import type { BoundaryFile } from './boundary-files.ts';
import type { ParseLimits } from './limits.ts';
import type { ParseReply } from './parse-worker.ts';
import { ImportAborted, type Report } from './report.ts';

/** What the worker is given: the bytes and what it needs to find the WKT column. */
export interface ParseJob {
  bytes: Uint8Array;
  fileName: string;
  encoding: TextEncoding | 'gbk' | undefined;
  /** The kind's fields, as resolveMapping reads them (field and headers). */
  specs: { field: string; headers: string[] }[];
  saved: ColumnMapping | null;
  given: ColumnMapping | null;
  limits: ParseLimits;
  /** A GeoPackage's layer to read. */
  layer?: string;
}

const workerUrl = new URL('./parse-worker.ts', import.meta.url).href;
// The worker is TypeScript: under tsx (npm start, npm run import) and under vitest alike it
// registers tsx's loader before importing the file. An eval'd bootstrap is needed because on
// Node 20 a worker's --import loaders do not apply to its own entry module.
const tsxApi = new URL(
  'dist/esm/api/index.mjs',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;

const spawn = (memoryMb: number) => {
  const worker = new Worker(bootstrap, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  // An idle spare never keeps the process alive (a CLI run, a test run).
  worker.unref();
  return worker;
};

/**
 * The parsing workers of one server (or one `npm run import`), ended together at shutdown.
 * Each import gets a fresh worker, so nothing a file did outlives it; one spare is kept
 * started, because loading the parsers takes about a second.
 */
export class ParseWorkers {
  readonly running = new Set<Worker>();
  stopping = false;
  private spare: { worker: Worker; memoryMb: number } | undefined;

  /** A started worker with this heap limit: the spare, or a new one. */
  take(memoryMb: number): Worker {
    const spare = this.spare;
    this.spare = undefined;
    if (spare?.memoryMb === memoryMb) return spare.worker;
    if (spare) void spare.worker.terminate();
    return spawn(memoryMb);
  }

  /** Starts the next import's worker, once this one is done (one start at a time on the CPU). */
  prepare(memoryMb: number): void {
    if (this.stopping || this.spare) return;
    const next = spawn(memoryMb);
    this.spare = { worker: next, memoryMb };
    next.once('exit', () => {
      if (this.spare?.worker === next) this.spare = undefined;
    });
  }

  /** Ends every parsing worker now and refuses new ones: the server is shutting down. */
  async stop(): Promise<void> {
    this.stopping = true;
    const spare = this.spare?.worker;
    this.spare = undefined;
    await Promise.all([...this.running, ...(spare ? [spare] : [])].map((w) => w.terminate()));
  }
}

/** Reads the file in a worker; its problems land in `report`, an unreadable file aborts. */
export async function readBoundaryFileOffThread(
  job: ParseJob,
  report: Report,
  workers: ParseWorkers = new ParseWorkers(),
): Promise<BoundaryFile> {
  const { running } = workers;
  if (workers.stopping) return stopped(report, 'the server is shutting down: try the import again');
  // A copy of its own to transfer (the caller's buffer may share memory with others).
  const bytes = new Uint8Array(job.bytes);
  const worker = workers.take(job.limits.workerMemoryMb);
  worker.ref();
  running.add(worker);
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await new Promise<ParseReply | 'timeout' | 'memory' | 'ended'>(
      (resolve, reject) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, job.limits.workerMs);
        worker.once('message', (m: ParseReply) => resolve(m));
        worker.once('error', (e: Error & { code?: string }) =>
          e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('memory') : reject(e),
        );
        worker.once('exit', () => resolve('ended'));
        worker.postMessage({ ...job, bytes }, [bytes.buffer]);
      },
    );
    if (reply === 'timeout')
      return stopped(
        report,
        `reading the file took longer than ${Math.round(job.limits.workerMs / 1000)} s (IMPORT_WORKER_SECONDS)`,
      );
    if (reply === 'memory')
      return stopped(
        report,
        `reading the file needed more than ${job.limits.workerMemoryMb} MB of memory (IMPORT_WORKER_MB)`,
      );
    if (reply === 'ended')
      return stopped(
        report,
        workers.stopping
          ? 'the server is shutting down: try the import again'
          : 'the file reader stopped',
      );
    if (reply.kind === 'failed')
      throw new Error(`reading the boundary file failed: ${reply.message}`);
    report.absorb(reply.report);
    if (reply.kind === 'aborted') throw new ImportAborted();
    return reply.file;
  } finally {
    clearTimeout(timer);
    running.delete(worker);
    void worker.terminate();
    workers.prepare(job.limits.workerMemoryMb);
  }
}

function stopped(report: Report, message: string): never {
  report.error('import_stopped', message);
  throw new ImportAborted();
}
