/**
 * A million-row issues CSV streams through the import with bounded memory: the file (94 MB)
 * is never held whole, rows go to the database in batches. The test generates the file as it
 * is read, imports it for real (one transaction, bulk path), and checks the JS heap never grew
 * by the file's size. Memory, not time: these machines are shared, so no timed assertions.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { runImport } from '../../server/features/imports/service.ts';
import { openScratchDb } from '../support/test-db.ts';
import { xiaoquPoints } from '../support/import-files.ts';
import { issueCsvStream } from '../support/issue-stream.ts';
import { sqlCount } from '../support/test-app.ts';

const ROWS = 1_000_000;
/**
 * The generated file is 94 MB; the live heap (after collection) grows by about 2 MB while it
 * streams through. A third of the file is the bound: holding the file, its text or its rows
 * would each pass it.
 */
const HEAP_BOUND = 32 * 1024 * 1024;

// A collector to call: the heap is measured after collection, so what counts is what the
// import keeps alive, not garbage the collector has not reached yet.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let db: Db;
beforeAll(async () => {
  db = await openScratchDb();
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('a million-row issues file', () => {
  it('imports every row with the live heap growing by less than a third of the file size', async () => {
    const points = await xiaoquPoints(db, 175);
    const before = await sqlCount(db, 'SELECT count(*)::int AS n FROM issue');
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    let chunks = 0;
    // Sampled inside the pipeline: the import may not yield to timers while it reads from
    // memory, but it always pulls the next chunk.
    async function* sampled(source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        if (++chunks % 10 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        yield chunk;
      }
    }
    const report = await runImport(
      db,
      sampled(issueCsvStream(points, ROWS, 10_000_000)),
      { kind: 'issues', fileName: 'issues-1m.csv' },
      { maxBytes: 200 * 1024 * 1024, maxBoundaryBytes: 50 * 1024 * 1024 },
      'test',
    );
    expect(chunks).toBeGreaterThan(100);
    expect(report).toMatchObject({ errorCount: 0, applied: true, inserted: ROWS });
    expect(await sqlCount(db, 'SELECT count(*)::int AS n FROM issue')).toBe(before + ROWS);
    // The rollup was rebuilt in the same transaction (bulk path): its total is the table's.
    expect(await sqlCount(db, 'SELECT sum(n)::int AS n FROM issue_rollup WHERE zoom = 0')).toBe(
      before + ROWS,
    );
    console.log(
      `1M-row import: ${report.seconds} s, ${Math.round(ROWS / report.seconds)} rows/s, heap growth peak ${Math.round((peak - base) / 1048576)} MB`,
    );
    expect(peak - base).toBeLessThan(HEAP_BOUND);
  }, 900_000);
});
