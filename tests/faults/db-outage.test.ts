import { execFileSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openPostgres } from '../../server/db/postgres.ts';

// Stops and starts the real PostgreSQL cluster under a running server. It runs on its own
// (scripts/run-tests.ts runs it after the other suites), since every other connection to the
// cluster fails while it is down. PG_CLUSTER names the cluster, e.g. "15 main".
const cluster = process.env.PG_CLUSTER?.split(' ');
const url = process.env.TEST_DATABASE_URL;

function pgctl(action: 'start' | 'stop'): void {
  execFileSync(
    'pg_ctlcluster',
    [...cluster!, action, ...(action === 'stop' ? ['-m', 'fast'] : [])],
    {
      stdio: 'inherit',
    },
  );
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('timed out');
}

describe.skipIf(!cluster || !url)('PostgreSQL stops while the server runs', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openPostgres(url!);
    app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    // Leave the cluster running for whatever comes next, even if the test failed midway.
    try {
      execFileSync('pg_ctlcluster', [...cluster!, 'status'], { stdio: 'ignore' });
    } catch {
      pgctl('start');
    }
    await app?.close();
    await db?.close();
  });

  it('degrades to 503 with Retry-After, then recovers by itself without a restart', async () => {
    expect((await app.inject('/api/areas/371071')).statusCode).toBe(200);

    pgctl('stop');
    const down = await app.inject('/api/areas/371071');
    expect(down.statusCode).toBe(503);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.json().message).toMatch(/database/i);
    expect(down.body).not.toMatch(/\n\s+at /);
    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', database: 'unreachable' });
    const tile = await app.inject('/tiles/shequ/12/3435/1549.mvt');
    expect(tile.statusCode).toBe(503);

    pgctl('start');
    await until(async () => (await app.inject('/api/health')).statusCode === 200);
    expect((await app.inject('/api/areas/371071')).statusCode).toBe(200);
  });
});
