import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildApp, type AppOptions } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { sessionAs } from './sessions.ts';
import { openScratchDb, openTestDb } from './test-db.ts';

/** The request limiters out of the way: tests drive many requests from one address. */
const NO_LIMITS = { rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 100_000 } as const;

/** Opens a database and builds the app on it in `before`, closes both in `after`. */
function useAppAround(
  openDb: () => Promise<Db>,
  before: (fn: () => Promise<void>) => void,
  after: (fn: () => Promise<void>) => void,
  options: Omit<AppOptions, 'db'>,
): { app: () => FastifyInstance; db: () => Db } {
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  before(async () => {
    db = await openDb();
    app = await buildApp({ db, ...NO_LIMITS, ...options });
  });
  after(() => stopScratchApp(app, db));
  return {
    app: () => app!,
    db: () => db!,
  };
}

/**
 * Gives a suite the application on the seeded test database, built once for the suite and
 * driven with `app.inject` (no port). The suites using it only read.
 */
export function useTestApp(options: Omit<AppOptions, 'db'> = {}): {
  app: () => FastifyInstance;
  db: () => Db;
} {
  // The same on both backends (the app's default differs); suites about the closed mode
  // turn it off.
  return useAppAround(openTestDb, beforeAll, afterAll, { publicDemo: true, ...options });
}

/**
 * Gives each test of a suite the application on a seeded database of its own (for tests that
 * write), with the request limits out of the way.
 */
export function useScratchAppEach(options: Omit<AppOptions, 'db'> = {}): {
  app: () => FastifyInstance;
  db: () => Db;
} {
  return useAppAround(openScratchDb, beforeEach, afterEach, options);
}

/** One integer from SQL: the independent count a response is checked against. */
export async function sqlCount(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return Number(row!.n);
}

/** A running app and the database under it. */
export interface ScratchApp {
  db: Db;
  app: FastifyInstance;
  /** The session cookie of an admin, made for the suite. */
  admin: string;
}

/**
 * The application on a seeded database of the suite's own (for suites that write), with the
 * request limits out of the way (the limiters have their own tests) and an admin's session.
 */
export async function startScratchApp(options: Omit<AppOptions, 'db'> = {}): Promise<ScratchApp> {
  const db = await openScratchDb();
  const app = await buildApp({ db, ...NO_LIMITS, ...options });
  return { db, app, admin: await sessionAs(app, db, 'admin') };
}

/** Closes what {@link startScratchApp} started (either may be missing if it failed). */
export async function stopScratchApp(app?: FastifyInstance, db?: Db): Promise<void> {
  await app?.close();
  await db?.close();
}
