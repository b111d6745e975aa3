import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db } from './db.ts';
import { checkChannel, probeMvt } from './db.ts';

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

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const pg = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { postgis },
  });
  return wrapPglite(pg);
}
