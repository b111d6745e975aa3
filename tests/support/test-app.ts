import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestDb } from './test-db.ts';

/**
 * Gives a suite the application on the seeded test database, built once for the suite and
 * driven with `app.inject` (no port). The suites using it only read.
 */
export function useTestApp(): { app: () => FastifyInstance; db: () => Db } {
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  return {
    app: () => app!,
    db: () => db!,
  };
}

/** One integer from SQL: the independent count a response is checked against. */
export async function sqlCount(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return Number(row!.n);
}
