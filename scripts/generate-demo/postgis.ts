import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/**
 * Metric CRS for all topology: UTM zone 51N covers 120°E-126°E, so distances, buffers and
 * areas in metres are accurate to well under 0.1 % across the zone.
 */
export const UTM = 32651;

export type Db = PGlite;

export async function openDb(): Promise<Db> {
  const db = await PGlite.create({ extensions: { postgis } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return db;
}

export async function rows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  const res = await db.query<T>(sql, params);
  return res.rows;
}

export async function one<T>(db: Db, sql: string, params: unknown[] = []): Promise<T> {
  const res = await rows<T>(db, sql, params);
  if (res.length !== 1) throw new Error(`expected one row, got ${res.length}: ${sql}`);
  return res[0] as T;
}
