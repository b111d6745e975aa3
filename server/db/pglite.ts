import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { mkdirSync } from 'node:fs';
import type { Db } from './queryable.ts';
import { checkChannel, probeMvt } from './queryable.ts';
import { sqlFile } from './sql-files.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { DataDirDamagedError, saveLastGood, writeContent } from './data-dir.ts';

/** Options for the embedded database. */
export interface PgliteOptions {
  /** Folder the cluster persists in; omitted means in memory only. */
  dataDir?: string;
  /** A dumped data dir (from `dumpDataDir`) to start from; tests use this to skip seeding. */
  loadDataDir?: Blob | File;
}

/** Wraps a PGlite instance (already created) in the common interface. */
export async function wrapPglite(pg: PGlite): Promise<Db> {
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params ? [...params] : undefined)).rows;
  const db: Db = {
    backend: 'pglite',
    hasMvt: false,
    query: (sql, params) => run(pg, sql, params),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    listen: async (channel, handlers) => {
      const unsubscribe = await pg.listen(checkChannel(channel), (payload) =>
        handlers.onNotify(payload),
      );
      handlers.onConnect?.();
      return {
        close: async () => {
          // After the database closed there is nothing left to unsubscribe from.
          if (!pg.closed) await unsubscribe();
        },
      };
    },
    close: () => pg.close(),
  };
  return { ...db, hasMvt: await probeMvt(db) };
}

/**
 * Opens the embedded database. In a folder (`dataDir`) it first takes the folder's lock
 * (DataDirLockedError names the process holding it); a folder PGlite cannot open gives
 * DataDirDamagedError with the way out; a clean close copies the folder to its last-good
 * place before giving the lock back.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const { dataDir } = options;
  if (!dataDir) {
    return wrapPglite(
      await PGlite.create({ loadDataDir: options.loadDataDir, extensions: { postgis } }),
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  let db: Db;
  try {
    let pg: PGlite;
    try {
      pg = await PGlite.create({
        dataDir,
        loadDataDir: options.loadDataDir,
        extensions: { postgis },
      });
    } catch (error) {
      throw new DataDirDamagedError(
        dataDir,
        error instanceof Error ? error.message : String(error),
      );
    }
    db = await wrapPglite(pg);
    await recordContent(db, dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    ...db,
    close: async () => {
      try {
        await recordContent(db, dataDir);
        await db.close();
        saveLastGood(dataDir);
      } finally {
        lock.release();
      }
    },
  };
}

const DATASET_SOURCE = sqlFile(new URL('./dataset-source.sql', import.meta.url));

/** Notes whether the folder holds the demo, for a recovery that finds no copy. */
async function recordContent(db: Db, dataDir: string): Promise<void> {
  let source: string | null = null;
  try {
    const [row] = await db.query<{ source: string }>(DATASET_SOURCE);
    source = row?.source ?? null;
  } catch {
    // Not migrated yet: no dataset table, nothing loaded.
  }
  writeContent(dataDir, source);
}
