/**
 * Opens the database the environment asks for, through the one query interface of
 * queryable.ts (re-exported here, where the rest of the server imports it from). The adapters
 * import queryable.ts, not this file, so nothing cycles.
 */
import { DataDirLockedError } from './data-dir-lock.ts';
import { DataDirDamagedError } from './data-dir.ts';

export type { Backend, Db, ListenHandlers, Listener, Queryable, Tx } from './queryable.ts';
import type { Db } from './queryable.ts';

/**
 * Opens the database the environment asks for: `DATABASE_URL` selects real PostgreSQL;
 * otherwise the embedded PGlite persisted in `dataDir` (default `.data/`).
 */
export async function openDb(
  options: { databaseUrl?: string; dataDir?: string } = {},
): Promise<Db> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: options.dataDir ?? '.data' });
}

/**
 * For the bootstrap and the scripts: opens the database, or, when the embedded folder is held
 * by another process or does not open, prints the message saying why and what to do (Chinese
 * and English) and exits with its code: 75 in use, 65 damaged.
 */
export async function openDbOrExit(
  options: { databaseUrl?: string; dataDir?: string } = {},
): Promise<Db> {
  try {
    return await openDb(options);
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof DataDirDamagedError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    throw error;
  }
}
