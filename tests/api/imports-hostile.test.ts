/**
 * Hostile uploads (issue 17): each one is refused with a named problem, quickly, while
 * /api/health keeps answering, and nothing lands on disk. The limits are scaled down here so
 * the files stay small; scripts/bench/hostile-files.ts sends the full-size ones.
 *
 * Over 400 lines on purpose: every hostile file runs against the one scratch app with the scaled-
 * down limits, and each case is a few lines that read as a list.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { DataImportReport } from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../../server/features/imports/limits.ts';
import * as hostile from '../support/hostile-files.ts';
import { TEST_BACKEND, openEmptyDb } from '../support/test-db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { dataFingerprint } from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

const LIMITS: ParseLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxUnzippedBytes: 4 * 1024 * 1024,
  maxZipRatio: 100,
  maxLineChars: 64 * 1024,
  maxCellChars: 32 * 1024,
  maxVertices: 5000,
  maxDepth: 32,
  workerMemoryMb: 256,
  workerMs: 30_000,
};

let db: Db;
let app: FastifyInstance;
let url: string;
let admin: string;
let before: string;
/** Health's slowest answer with no import running (ms). */
let baseline: number;

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp({ importParseLimits: LIMITS }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  before = await dataFingerprint(db);
  // One file first, so the parsing worker has started once (as on a server that has run a while).
  await upload({ ...XIAOQU, fileName: 'warm.geojson', dryRun: 'true' }, hostile.manyVertices(10));
  baseline = 0;
  for (let i = 0; i < 10; i++) baseline = Math.max(baseline, await healthMs());
}, 120_000);
afterAll(() => stopScratchApp(app, db));

async function healthMs(): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/api/health`);
  await res.arrayBuffer();
  return performance.now() - t;
}

interface Refusal {
  status: number;
  report: DataImportReport;
  /** Health's slowest answer while the import ran (ms). */
  slowestHealth: number;
  seconds: number;
}

/** Uploads the file over HTTP and polls /api/health until the answer comes. */
async function upload(query: Record<string, string>, body: Buffer): Promise<Refusal> {
  const qs = new URLSearchParams(query);
  const started = performance.now();
  let done = false;
  const answer = fetch(`${url}/api/admin/imports?${qs}`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  }).finally(() => (done = true));
  let slowestHealth = 0;
  do {
    slowestHealth = Math.max(slowestHealth, await healthMs());
    await new Promise((r) => setTimeout(r, 20));
  } while (!done);
  const res = await answer;
  const json = (await res.json()) as { report?: DataImportReport } & DataImportReport;
  return {
    status: res.status,
    report: json.report ?? json,
    slowestHealth,
    seconds: (performance.now() - started) / 1000,
  };
}

const XIAOQU = { kind: 'boundaries', level: 'xiaoqu' };

/** The refusal holds `problem`, its message names `named`, health stayed fast, nothing landed. */
async function expectRefused(r: Refusal, problem: string, named: RegExp): Promise<void> {
  expect(r.status).toBe(422);
  expect(r.report.problemCounts[problem], JSON.stringify(r.report.problems[0])).toBe(1);
  const p = r.report.problems.find((x) => x.problem === problem)!;
  expect(p.message).toMatch(named);
  // No quoted value runs on: the longest message stays short whatever the file held.
  for (const x of r.report.problems) expect(x.message.length).toBeLessThan(600);
  // Generous bounds (a noisy 2-core machine): health never waits on the parser.
  expect(r.slowestHealth).toBeLessThan(Math.max(2000, baseline * 20));
  expect(r.seconds).toBeLessThan(20);
  expect(await dataFingerprint(db)).toBe(before);
}

describe('lying Shapefile headers are checked against the bytes present', () => {
  it('a .dbf claiming 4,294,967,295 records in a 600-byte zip', async () => {
    const zip = hostile.lyingDbfZip();
    expect(zip.length).toBeLessThan(1000);
    const r = await upload({ ...XIAOQU, fileName: 'lying.zip' }, zip);
    await expectRefused(r, 'header_mismatch', /lying\.dbf.*record count claims 4294967295 records/);
    expect(r.report.problems[0]!.params).toMatchObject({
      field: 'record count',
      claimed: 4294967295,
    });
  });

  it('a .dbf claiming a million records', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'lying.zip' }, hostile.lyingDbfZip(1_000_000));
    await expectRefused(r, 'header_mismatch', /lying\.dbf.*1000000 records/);
  });

  it('a .shp whose file length is longer than the file', async () => {
    const r = await upload(
      { ...XIAOQU, fileName: 'lying.zip' },
      hostile.lyingShpZip('file length'),
    );
    await expectRefused(r, 'header_mismatch', /lying\.shp.*file length claims/);
  });

  it('a .shp record whose content length runs past the end', async () => {
    const r = await upload(
      { ...XIAOQU, fileName: 'lying.zip' },
      hostile.lyingShpZip('content length'),
    );
    await expectRefused(r, 'header_mismatch', /lying\.shp.*content length of record 1/);
  });

  it('a .shp record whose point count does not fit its content', async () => {
    const r = await upload(
      { ...XIAOQU, fileName: 'lying.zip' },
      hostile.lyingShpZip('point count'),
    );
    await expectRefused(r, 'header_mismatch', /lying\.shp.*134217727 points/);
  });

  it('a .shx whose index points past the end of the .shp', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'lying.zip' }, hostile.lyingShxZip());
    await expectRefused(r, 'header_mismatch', /lying\.shx: index entry 1/);
  });
});

describe('zips stop at a size and a ratio', () => {
  it('a zip bomb is refused from its directory, before it is inflated', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'bomb.zip' }, await hostile.zipBomb(8 << 20));
    await expectRefused(
      r,
      'archive_too_large',
      /bomb\.shp unpacks \d+ times.*IMPORT_MAX_ZIP_RATIO/,
    );
  });

  it('a zip bomb within the ratio is refused at the total size', async () => {
    const limited = { ...LIMITS, maxZipRatio: 10_000 };
    const local = await buildApp({ db, importParseLimits: limited, rateLimitPerMinute: 100_000 });
    try {
      const res = await local.inject({
        method: 'POST',
        url: '/api/admin/imports?kind=boundaries&level=xiaoqu&fileName=bomb.zip',
        headers: { cookie: admin, 'content-type': 'application/octet-stream' },
        payload: await hostile.zipBomb(3 << 20),
      });
      const report = (res.json() as { report: DataImportReport }).report;
      expect(report.problems[0]).toMatchObject({ problem: 'archive_too_large' });
      expect(report.problems[0]!.message).toMatch(
        /unpacks to more than 4 MB.*IMPORT_MAX_UNZIPPED_MB/,
      );
    } finally {
      await local.close();
    }
  });

  it('a directory that understates a size is caught while inflating', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'under.zip' }, hostile.understatedZip(2 << 20));
    await expectRefused(
      r,
      'header_mismatch',
      /bomb\.dbf unpacks to \d+ bytes, but it unpacks to more/,
    );
  });

  it('zip-slip names are refused and never used as paths', async () => {
    const escape = `hostile-escape-${process.pid}-${Date.now()}`;
    const r = await upload({ ...XIAOQU, fileName: 'slip.zip' }, hostile.zipSlip(escape));
    await expectRefused(
      r,
      'archive_name_unsafe',
      new RegExp(`"\\.\\./\\.\\./${escape}\\.shp" climbs out`),
    );
    for (const place of [
      resolve('../..', `${escape}.shp`),
      resolve('..', `${escape}.shp`),
      join('/tmp', `${escape}.dbf`),
      join(tmpdir(), `${escape}.dbf`),
      resolve(`${escape}.shx`),
    ])
      expect(existsSync(place), place).toBe(false);
  });

  it('an absolute name and a backslash name are refused too', async () => {
    const p = hostile.shapefileParts();
    for (const [name, why] of [
      ['/etc/evil.shp', /is an absolute path/],
      ['..\\evil.shp', /holds a backslash/],
      ['C:evil.shp', /names a drive/],
    ] as const) {
      const zip = hostile.zipOf([hostile.member(name, p.shp), hostile.member('evil.dbf', p.dbf)]);
      const r = await upload({ ...XIAOQU, fileName: 'slip.zip' }, zip);
      await expectRefused(r, 'archive_name_unsafe', why);
    }
  });
});

describe('lines, cells and features have limits', () => {
  it('a records CSV that is one huge line', async () => {
    const r = await upload({ kind: 'issues', fileName: 'line.csv' }, hostile.hugeLine(2 << 20));
    await expectRefused(
      r,
      'line_too_long',
      /line 1 is longer than 64 KB \(IMPORT_MAX_RECORD_LINE_KB\)/,
    );
  });

  it('a boundary CSV that is one huge line', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'line.csv' }, hostile.hugeLine(2 << 20));
    await expectRefused(r, 'line_too_long', /longer than 65536 characters \(IMPORT_MAX_LINE_KB\)/);
  });

  it('a records CSV whose header is one huge cell', async () => {
    const r = await upload(
      { kind: 'issues', fileName: 'cell.csv' },
      hostile.hugeHeaderCell(48 * 1024),
    );
    await expectRefused(
      r,
      'cell_too_long',
      /cell 1 has 49152 characters.*IMPORT_MAX_CELL_KB.*"h{80}…"/,
    );
  });

  it('a boundary CSV with a huge cell', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'cell.csv' }, hostile.hugeCell(48 * 1024));
    await expectRefused(r, 'cell_too_long', /row 2: cell 2 has 49152 characters/);
  });

  it('a GeoJSON nested deeper than the limit', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'deep.geojson' }, hostile.deepGeoJson(200_000));
    await expectRefused(r, 'nesting_too_deep', /more than 32 deep \(IMPORT_MAX_DEPTH\)/);
  });

  it('a GeoJSON feature with too many vertices', async () => {
    const r = await upload({ ...XIAOQU, fileName: 'many.geojson' }, hostile.manyVertices(200_000));
    await expectRefused(
      r,
      'feature_too_large',
      /feature 1 has 200001 vertices.*IMPORT_MAX_VERTICES/,
    );
  });
});

describe('values quoted in a report are cut short', () => {
  it('a 100 KB column name within the limits is quoted as its first 80 characters', async () => {
    const wide = {
      ...LIMITS,
      maxLineChars: 1 << 20,
      maxRecordLineBytes: 1 << 20,
      maxCellChars: 1 << 20,
    };
    const local = await buildApp({ db, importParseLimits: wide, rateLimitPerMinute: 100_000 });
    try {
      const res = await local.inject({
        method: 'POST',
        url: '/api/admin/imports?kind=issues&fileName=wide.csv',
        headers: { cookie: admin, 'content-type': 'application/octet-stream' },
        payload: hostile.hugeHeaderCell(100 * 1024),
      });
      const report = (res.json() as { report: DataImportReport }).report;
      expect(report.problemCounts.column_missing).toBeGreaterThan(0);
      for (const p of report.problems) {
        expect(p.message.length).toBeLessThan(600);
        expect(p.message).not.toMatch(/h{81}/);
      }
      expect(report.problems[0]!.message).toMatch(/h{80}…/);
    } finally {
      await local.close();
    }
  });
});

describe('legitimate files still pass the same road', () => {
  it('a small GeoJSON is read in the worker and gets no limit problem', async () => {
    const r = await upload(
      { ...XIAOQU, fileName: 'ok.geojson', dryRun: 'true' },
      hostile.manyVertices(1000),
    );
    const limitProblems = Object.keys(r.report.problemCounts).filter((k) =>
      ['feature_too_large', 'nesting_too_deep', 'import_stopped', 'header_mismatch'].includes(k),
    );
    expect(limitProblems).toEqual([]);
    expect(r.report.format).toBe('geojson');
  });
});

/** A free local port (the server is started with PORT set, as in production). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('SIGTERM during a hostile import', () => {
  const GRACE_S = 5;
  let child: ChildProcess | undefined;
  let scratch: Db | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await scratch?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('ends the real server within its shutdown grace while the file is being parsed', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      ADMIN_USERNAME: 'hostile-admin',
      ADMIN_PASSWORD: 'hostile-admin-password',
      SHUTDOWN_GRACE_S: String(GRACE_S),
      // Big enough to pass every limit, so the worker is busy reading it when SIGTERM comes.
      IMPORT_MAX_VERTICES: '1000000',
      CLIENT_DIR: join(tmpdir(), 'no-client'),
    };
    if (TEST_BACKEND === 'postgres') {
      // A migrated scratch schema of its own, reached through search_path.
      scratch = await openEmptyDb();
      await migrate(scratch);
      const [{ schema }] = (await scratch.query<{ schema: string }>(
        'SELECT current_schema() AS schema',
      )) as [{ schema: string }];
      const pgUrl = new URL(process.env.TEST_DATABASE_URL!);
      pgUrl.searchParams.set('options', `-c search_path=${schema},public`);
      env.DATABASE_URL = pgUrl.toString();
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'atlas-hostile-'));
      env.DATABASE_URL = '';
      env.DATA_DIR = dataDir;
    }
    const base = `http://127.0.0.1:${env.PORT}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    const started = Date.now();
    while (!output.includes('ready in')) {
      if (Date.now() - started > 90_000 || child.exitCode !== null)
        throw new Error(`the server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'hostile-admin', password: 'hostile-admin-password' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

    const body = new Uint8Array(hostile.manyVertices(900_000));
    const upload = fetch(
      `${base}/api/admin/imports?kind=boundaries&level=xiaoqu&fileName=big.geojson`,
      {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/octet-stream' },
        body,
      },
    ).then(
      (r) => r.status,
      () => 'connection closed',
    );
    // The upload is in; health still answers while the worker reads it.
    await new Promise((r) => setTimeout(r, 300));
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);

    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const seconds = (Date.now() - signalled) / 1000;
    expect(seconds, output).toBeLessThan(GRACE_S + 3);
    // While the worker reads the file, it is ended and the import answers: a clean exit. Once
    // the rows are in the database transaction, the grace timer ends the process instead.
    if (code !== 0) expect(output).toContain('(SHUTDOWN_GRACE_S): exiting');
    expect(await upload).not.toBe(200);
    child = undefined;
  }, 180_000);
});
