import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestDb } from './test-db.ts';

/**
 * Starts the whole application on a random local port: the seeded test database, the API and
 * the built client (dist/client, built by the test runner before the browser suite).
 */
export async function startTestServer(): Promise<{ url: string; db: Db; close(): Promise<void> }> {
  const db = await openTestDb();
  const app = await buildApp({
    db,
    clientDir: fileURLToPath(new URL('../../dist/client/', import.meta.url)),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
