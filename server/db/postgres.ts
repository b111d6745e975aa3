import pg from 'pg';
import type { Db } from './db.ts';
import { probeMvt } from './db.ts';

// PGlite returns bigint as a JS number; pg returns a string. Match PGlite, so a count that
// escapes the int cast in SQL (see db.ts) still has one type on both backends.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens a pooled connection to a real PostgreSQL + PostGIS. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.PG_POOL_MAX ?? 10),
    // A stopped database must fail requests quickly (503), not hang them.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'pianqu-atlas',
  });
  // An idle client losing its connection (database restart) emits here; without a listener
  // Node would crash the whole server. The pool replaces the client on the next query.
  pool.on('error', () => {});
  const run = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await q.query(sql, params ? [...params] : undefined)).rows as T[];
  const db: Db = {
    backend: 'postgres',
    hasMvt: true,
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
  await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  return { ...db, hasMvt: await probeMvt(db) };
}
