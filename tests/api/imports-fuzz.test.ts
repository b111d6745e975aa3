/**
 * Any file, any settings: the import answers with a report or a named refusal, never a server
 * error, and a refused file leaves the database exactly as it was.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { COORDINATE_SYSTEMS, IMPORT_KINDS } from '../../server/contract/index.ts';
import {
  ISSUE_HEADER,
  csvBytes,
  issueRows,
  xiaoquPoints,
  type XiaoquPoint,
} from '../support/import-files.ts';
import { dataFingerprint, postImport } from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

let db: Db;
let app: FastifyInstance;
let admin: string;
let points: XiaoquPoint[];

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp({ importMaxBytes: 256 * 1024 }));
  points = await xiaoquPoints(db, 30);
}, 120_000);
afterAll(() => stopScratchApp(app, db));

/** A valid issues file with a few bytes overwritten: the near-misses real files are. */
const damagedCsv = fc
  .tuple(
    fc.integer({ min: 1, max: 30 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    fc.constantFrom<'utf-8' | 'utf-8-bom' | 'gbk'>('utf-8', 'utf-8-bom', 'gbk'),
  )
  .map(([n, edits, enc]) => {
    const bytes = csvBytes([ISSUE_HEADER, ...issueRows(points.slice(0, n), 800_000)], enc);
    for (const [at, b] of edits) bytes[at % bytes.length] = b;
    return bytes;
  });

describe('imports of arbitrary files', () => {
  it('never answer 500, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...IMPORT_KINDS),
        fc.constantFrom('x.csv', 'x.geojson', 'x.zip', 'x', 'x.json'),
        fc.constantFrom(...COORDINATE_SYSTEMS),
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          damagedCsv,
          fc.string().map((s) => Buffer.from(s)),
        ),
        fc.boolean(),
        async (kind, fileName, crs, body, dryRun) => {
          const before = await dataFingerprint(db);
          const { status, report } = await postImport(
            app,
            admin,
            { kind, fileName, crs, level: 'xiaoqu', dryRun },
            body,
          );
          expect([200, 400, 413, 422]).toContain(status);
          if (status !== 200 || dryRun) expect(await dataFingerprint(db)).toBe(before);
          if (status === 422) expect(report.problems.length).toBeGreaterThan(0);
          if (status === 200 && !dryRun) {
            // Landed: put it back so every run starts from the same data.
            const res = await app.inject({
              method: 'POST',
              url: `/api/admin/imports/${report.importId}/restore`,
              headers: { cookie: admin },
            });
            expect(res.statusCode).toBe(200);
          }
        },
      ),
      // A run that never answers is a failure with its input, not a stuck suite.
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 40),
        timeout: Number(process.env.FUZZ_RUN_TIMEOUT ?? 60_000),
      },
    );
  }, 300_000);
});
