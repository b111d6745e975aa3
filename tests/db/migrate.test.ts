import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { openEmptyDb } from '../support/test-db.ts';

// Each case builds a database from nothing (PostGIS, every migration, maybe the demo): on a
// busy two-core machine that can pass a minute.
describe('migrations', { timeout: 240_000 }, () => {
  it('apply every numbered file once and then nothing', async () => {
    const db = await openEmptyDb();
    try {
      const all = (await loadMigrations()).map((m) => m.version);
      expect(await migrate(db)).toEqual(all);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('leave nothing behind when a migration fails', async () => {
    const db = await openEmptyDb();
    try {
      const broken = [
        {
          version: 1,
          name: 'half',
          sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
        },
      ];
      await expect(migrate(db, broken)).rejects.toThrow();
      const rows = await db.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
      );
      expect(rows).toEqual([]);
      expect(await db.query('SELECT version FROM schema_migration')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('demo seed', { timeout: 240_000 }, () => {
  it('loads once and keeps the data on a second start', async () => {
    const db = await openEmptyDb();
    try {
      await migrate(db);
      const first = await seedDemo(db);
      const second = await seedDemo(db);
      expect(first.loaded).toBe(true);
      expect(second).toMatchObject({ loaded: false, version: first.version });
    } finally {
      await db.close();
    }
  });

  it('never overwrites imported data', async () => {
    const db = await openEmptyDb();
    try {
      await migrate(db);
      await db.query("INSERT INTO dataset (source, version) VALUES ('import', 'x1')");
      const result = await seedDemo(db);
      expect(result).toMatchObject({ loaded: false, source: 'import' });
      expect(await db.query('SELECT code FROM area')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
