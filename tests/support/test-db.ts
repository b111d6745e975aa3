import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Backend, Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { wrapPglite, openPglite } from '../../server/db/pglite.ts';
import { demoLoadDay, geodataVersion, seedDemo } from '../../server/db/seed.ts';

/** Which backend this test run uses: set by scripts/run-tests.ts (default the embedded one). */
export const TEST_BACKEND: Backend =
  process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = `${ROOT}.test-data/`;

/**
 * Key of the seeded database: it changes whenever a migration, the seed code, the data set or
 * the load day (the record ends on it) changes, so a stale dump is never reused.
 */
async function seededKey(): Promise<string> {
  const hash = createHash('sha256');
  const migrations = `${ROOT}server/db/migrations/`;
  for (const f of (await readdir(migrations)).sort()) {
    hash.update(f).update(await readFile(migrations + f));
  }
  hash.update(await readFile(`${ROOT}server/db/seed.ts`));
  hash.update(await readFile(`${ROOT}server/db/demo-files.ts`));
  hash.update(await readFile(`${ROOT}server/db/demo-calendar.ts`));
  hash.update(await geodataVersion());
  hash.update(await demoLoadDay());
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the migrated, seeded database once per run: for PGlite a dumped data dir that every
 * suite loads in about 2 s (a fresh instance would cost about 9 s plus seeding); for
 * PostgreSQL the test database itself, emptied and reloaded.
 */
export async function prepareTestDatabase(): Promise<void> {
  if (TEST_BACKEND === 'postgres') {
    const url = requireTestDatabaseUrl();
    const db = await openPostgres(url);
    try {
      await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
      await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
      await migrate(db);
      await seedDemo(db);
    } finally {
      await db.close();
    }
    return;
  }
  const file = await seededDumpPath();
  if (existsSync(file)) return;
  await mkdir(CACHE_DIR, { recursive: true });
  const pg = await PGlite.create({ extensions: { postgis } });
  const db = await wrapPglite(pg);
  try {
    await migrate(db);
    await seedDemo(db);
    const dump = await pg.dumpDataDir('none');
    // Write then rename, so a parallel run never loads half a file.
    await writeFile(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await rename(`${file}.tmp`, file);
  } finally {
    await db.close();
  }
}

/** Where this run's seeded PGlite dump is (built by the global setup). */
export async function seededDumpPath(): Promise<string> {
  return `${CACHE_DIR}seeded-${await seededKey()}.tar`;
}

function requireTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_BACKEND=postgres needs TEST_DATABASE_URL');
  return url;
}

/**
 * Opens the seeded test database of this run's backend. Each suite gets its own PGlite
 * instance (no state shared between suites); on PostgreSQL suites share the seeded database
 * and must not change it outside a rolled-back transaction.
 */
export async function openTestDb(): Promise<Db> {
  if (TEST_BACKEND === 'postgres') return openPostgres(requireTestDatabaseUrl());
  const file = await seededDumpPath();
  if (!existsSync(file)) await prepareTestDatabase();
  const blob = new Blob([await readFile(file)]);
  return openPglite({ loadDataDir: blob });
}

/** An empty, unmigrated database of this run's backend, for migration and seed tests. */
export async function openEmptyDb(): Promise<Db> {
  if (TEST_BACKEND === 'postgres') {
    // A separate schema keeps the seeded one intact; dropped by the caller via `close`.
    const db = await openPostgres(requireTestDatabaseUrl());
    const schema = `t_${process.pid}_${Date.now()}`;
    await db.exec(`CREATE SCHEMA ${schema}`);
    const scoped = await openPostgres(withSearchPath(requireTestDatabaseUrl(), schema));
    return {
      ...scoped,
      close: async () => {
        await scoped.close();
        await db.exec(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  return openPglite();
}

/**
 * A seeded database of the suite's own, for suites that write through the app (where a
 * rolled-back transaction cannot hold the writes). PGlite: the same as openTestDb (each suite
 * has its own instance anyway). PostgreSQL: a fresh schema, migrated and seeded (a few
 * seconds), dropped on `close`, so the shared seeded database never sees the writes.
 */
export async function openScratchDb(): Promise<Db> {
  if (TEST_BACKEND !== 'postgres') return openTestDb();
  const db = await openEmptyDb();
  try {
    await migrate(db);
    await seedDemo(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * A database of the suite's own with the demo run up to `today` (YYYY-MM-DD) instead of the
 * load day: for suites whose subject depends on where the record ends. Dropped on `close`.
 */
export async function openSeededDb(today: string): Promise<Db> {
  const db = await openEmptyDb();
  try {
    await migrate(db);
    await seedDemo(db, undefined, { today });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  // PostGIS lives in public; the new schema comes first so the migrations create tables there.
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return u.toString();
}
