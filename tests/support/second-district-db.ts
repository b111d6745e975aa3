/**
 * The second district loaded the way a new district starts: an empty database, migrated
 * without the demo (`SEED_DEMO=false`), then its files through the import service that the
 * upload route and `npm run import` share, levels top down and records after. Built once per
 * run for PGlite (a dumped data dir, like the demo's) and once per suite on PostgreSQL (a
 * schema of its own, dropped on close).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { buildApp } from '../../server/app.ts';
import type { DataImportReport } from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite, wrapPglite } from '../../server/db/pglite.ts';
import { runImport } from '../../server/features/imports/service.ts';
import {
  DEFAULT_OPTIONS,
  SECOND_DISTRICT,
  writeSecondDistrict,
  type SecondDistrictOptions,
} from './second-district.ts';
import { sessionAs } from './sessions.ts';
import { TEST_BACKEND, openEmptyDb } from './test-db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = `${ROOT}.test-data/`;
const LIMITS = { maxBytes: 50 * 1024 * 1024, maxBoundaryBytes: 50 * 1024 * 1024 };

/** Raised when a fixture file does not import cleanly: the report says why. */
export class FixtureImportFailed extends Error {}

/**
 * Imports the district into a migrated, empty database and returns each file's report.
 * Throws on the first file with an error, with its problems, so a product change that refuses
 * the district fails loudly here.
 */
export async function loadSecondDistrict(
  db: Db,
  o: SecondDistrictOptions = DEFAULT_OPTIONS,
): Promise<DataImportReport[]> {
  const dir = await mkdtemp(join(tmpdir(), 'second-district-'));
  const reports: DataImportReport[] = [];
  try {
    const files = await writeSecondDistrict(dir, o);
    await describeDataset(db);
    for (const f of files) {
      const report = await runImport(
        db,
        new Uint8Array(await readFile(f.path)),
        { kind: f.kind, level: f.level, fileName: f.fileName, crs: 'wgs84' },
        LIMITS,
        'test:second-district',
      );
      if (report.errorCount > 0 || !report.applied) {
        throw new FixtureImportFailed(
          `${f.fileName}: ${report.errorCount} errors: ${JSON.stringify(report.problems.slice(0, 5))}`,
        );
      }
      reports.push(report);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return reports;
}

/**
 * Names the data set and sets its clock through the admin route, before anything is imported:
 * the records' days and months are the district's from the first row.
 */
async function describeDataset(db: Db): Promise<void> {
  const app = await buildApp({ db, rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 100_000 });
  try {
    const cookie = await sessionAs(app, db, 'admin');
    const res = await app.inject({
      method: 'PUT',
      url: '/api/admin/dataset',
      headers: { cookie },
      payload: { name: SECOND_DISTRICT.datasetName, timeZone: SECOND_DISTRICT.timeZone },
    });
    if (res.statusCode !== 200) {
      throw new FixtureImportFailed(`PUT /api/admin/dataset: ${res.statusCode} ${res.body}`);
    }
  } finally {
    await app.close();
  }
}

/** Key of the dump: the migrations, the import code and this fixture. */
async function dumpKey(o: SecondDistrictOptions): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(o));
  const dirs = [
    'server/db/migrations/',
    'server/features/dataset/',
    'server/features/imports/',
    'tests/support/',
    'server/contract/',
  ];
  for (const d of dirs) {
    for (const f of (await readdir(ROOT + d)).sort()) {
      if (d === 'tests/support/' && !f.startsWith('second-district') && f !== 'import-files.ts')
        continue;
      if (!/\.(ts|sql)$/.test(f)) continue;
      hash.update(d + f).update(await readFile(ROOT + d + f));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function dumpPath(o: SecondDistrictOptions): Promise<string> {
  return `${CACHE_DIR}second-district-${await dumpKey(o)}.tar`;
}

/** Builds the PGlite dump of the loaded district unless this run has it already. */
async function prepareDump(o: SecondDistrictOptions): Promise<string> {
  const file = await dumpPath(o);
  if (existsSync(file)) return file;
  await mkdir(CACHE_DIR, { recursive: true });
  const pg = await PGlite.create({ extensions: { postgis } });
  const db = await wrapPglite(pg);
  try {
    await migrate(db);
    await loadSecondDistrict(db, o);
    const dump = await pg.dumpDataDir('none');
    // Write then rename, so a suite running in parallel never loads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await rename(tmp, file);
  } finally {
    await db.close();
  }
  return file;
}

/**
 * A database holding the second district and nothing of the demo, of this run's backend, for
 * one suite: a PGlite instance of its own, or a PostgreSQL schema of its own (dropped on close).
 */
export async function openSecondDistrictDb(
  o: SecondDistrictOptions = DEFAULT_OPTIONS,
): Promise<Db> {
  if (TEST_BACKEND !== 'postgres') {
    const file = await prepareDump(o);
    return openPglite({ loadDataDir: new Blob([await readFile(file)]) });
  }
  const db = await openEmptyDb();
  try {
    await migrate(db);
    await loadSecondDistrict(db, o);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
