import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { lockForTransaction } from './locks.ts';
import { sqlQueries } from './sql-files.ts';

const SQL = sqlQueries(new URL('./migrate.sql', import.meta.url), [
  'createLedger',
  'applied',
  'recordApplied',
]);

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A numbered SQL migration file, `NNN_name.sql`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: await readFile(dir + file, 'utf8'),
    })),
  );
}

/**
 * Applies the migrations not yet applied, each in its own transaction together with its
 * bookkeeping row, so a failed migration leaves nothing half-done and running again is a
 * no-op. On PostgreSQL an advisory lock keeps two servers starting at once from racing.
 * Returns the versions it applied.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(SQL.createLedger);
  const applied: number[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await lockForTransaction(tx, db.backend, 'migrate');
      const seen = await tx.query(SQL.applied, [m.version]);
      if (seen.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query(SQL.recordApplied, [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
