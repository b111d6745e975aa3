import { fileURLToPath } from 'node:url';
import { buildApp, type AppOptions } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestDb } from './test-db.ts';

/** What a test may set of the app; anything not given keeps the app's default. */
export type TestServerOptions = Pick<
  AppOptions,
  'publicDemo' | 'loginRateLimitPerMinute' | 'corsOrigins' | 'onlineBasemaps'
>;

/** A running test server. */
export interface TestServer {
  url: string;
  /** The database itself (never switched off), for the test's own SQL. */
  db: Db;
  /**
   * Simulates a database outage under the running app: while down, every query the app makes
   * fails as a refused connection does, so the app answers 503 exactly as when PostgreSQL stops.
   */
  setDatabaseDown(down: boolean): void;
  close(): Promise<void>;
}

const DB_CALLS = new Set<PropertyKey>(['query', 'transaction', 'exec']);

/** The database as the app sees it, with a switch that makes it unreachable. */
function withOutageSwitch(db: Db): { db: Db; setDown(down: boolean): void } {
  let down = false;
  const refused = () =>
    Object.assign(new Error('connect ECONNREFUSED (simulated database outage)'), {
      code: 'ECONNREFUSED',
    });
  const guarded = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (DB_CALLS.has(prop)) {
        return (...args: unknown[]) =>
          down ? Promise.reject(refused()) : method.apply(target, args);
      }
      return method.bind(target);
    },
  });
  return { db: guarded, setDown: (d) => (down = d) };
}

/**
 * Starts the whole application on a random local port: the seeded test database, the API and
 * the built client (dist/client, built by the test runner before the browser suite). By
 * default the app's own defaults hold (on the embedded database: the open demo is on).
 */
export async function startTestServer(
  options: TestServerOptions = {},
  /** The database to serve (default: the seeded test database); the server closes it. */
  openDb: () => Promise<Db> = openTestDb,
): Promise<TestServer> {
  const db = await openDb();
  const outage = withOutageSwitch(db);
  const app = await buildApp({
    ...options,
    db: outage.db,
    // TEST_CLIENT_DIR lets parallel work trees build the client into a folder of their own.
    clientDir:
      process.env.TEST_CLIENT_DIR ?? fileURLToPath(new URL('../../dist/client/', import.meta.url)),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    setDatabaseDown: outage.setDown,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
