import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../server/db/db.ts';
import { wrapPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { TEST_BACKEND, seededDumpPath } from '../support/test-db.ts';

/** Counts and a geometry hash of every data table: equal before backup and after restore. */
async function contents(q: Queryable): Promise<unknown> {
  const [row] = await q.query(
    `SELECT (SELECT count(*)::int FROM area) AS areas,
            (SELECT md5(string_agg(code || md5(ST_AsBinary(geom)), ',' ORDER BY code)) FROM area) AS geometry,
            (SELECT count(*)::int FROM issue) AS issues,
            (SELECT count(*)::int FROM site) AS sites,
            (SELECT count(*)::int FROM tourism_pressure) AS pressure,
            (SELECT version FROM dataset) AS version`,
  );
  return row;
}

describe('backup and restore', () => {
  // One backup test per backend: pg_dump/pg_restore, or the embedded database's data dir.
  it(
    `restores a backup into a new database unchanged (${TEST_BACKEND})`,
    TEST_BACKEND === 'postgres' ? restorePgDump : restorePgliteDump,
  );
});

async function restorePgDump(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
  const target = `atlas_restore_${process.pid}`;
  const admin = await openPostgres(url.toString());
  try {
    execFileSync('pg_dump', ['-Fc', '-f', join(dir, 'atlas.dump'), url.toString()]);
    await admin.exec(`DROP DATABASE IF EXISTS ${target}`);
    await admin.exec(`CREATE DATABASE ${target}`);
    const restoredUrl = new URL(url);
    restoredUrl.pathname = `/${target}`;
    execFileSync('pg_restore', [
      '--no-owner',
      '-d',
      restoredUrl.toString(),
      join(dir, 'atlas.dump'),
    ]);
    const restored = await openPostgres(restoredUrl.toString());
    try {
      expect(await contents(restored)).toEqual(await contents(admin));
    } finally {
      await restored.close();
    }
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS ${target}`);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function restorePgliteDump(): Promise<void> {
  const seeded = new Blob([readFileSync(await seededDumpPath())]);
  const original = await PGlite.create({ extensions: { postgis }, loadDataDir: seeded });
  const db = await wrapPglite(original);
  let restored: Awaited<ReturnType<typeof wrapPglite>> | undefined;
  try {
    // A write after the seed must survive too: the backup is of the live database.
    await db.query("INSERT INTO audit_log (actor, action) VALUES ('test', 'backup.marker')");
    const backup = await original.dumpDataDir('gzip');
    restored = await wrapPglite(
      await PGlite.create({ extensions: { postgis }, loadDataDir: backup }),
    );
    expect(await contents(restored)).toEqual(await contents(db));
    expect(
      await restored.query("SELECT 1 FROM audit_log WHERE action = 'backup.marker'"),
    ).toHaveLength(1);
  } finally {
    await restored?.close();
    await db.close();
  }
}
