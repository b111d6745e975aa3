import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import { TEST_BACKEND, openScratchDb } from '../support/test-db.ts';
import { reportIssue as reportIssueIn, startLiveApp } from '../support/live.ts';
import { SseClient, waitFor } from '../support/sse.ts';

/** A listening app with a database pool of its own: one server instance. */
const startInstance = (db: Db) => startLiveApp(db);

const reportIssue = (db: Db) => reportIssueIn(db, 'XQ010', 'roads');

// Several instances need one database they all reach: PostgreSQL. PGlite is embedded in one
// process, so a second server instance cannot open it; its LISTEN path is covered by
// live.test.ts.
describe.skipIf(TEST_BACKEND !== 'postgres')('two server instances on one PostgreSQL', () => {
  let dbA: Db;
  let dbB: Db;
  let a: { app: FastifyInstance; url: string };
  let b: { app: FastifyInstance; url: string };
  const clients: SseClient[] = [];

  beforeAll(async () => {
    dbA = await openScratchDb();
    // Instance B: its own pool on the same scratch schema.
    const [{ schema }] = (await dbA.query<{ schema: string }>(
      'SELECT current_schema() AS schema',
    )) as [{ schema: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    dbB = await openPostgres(url.toString());
    a = await startInstance(dbA);
    b = await startInstance(dbB);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await a?.app.close();
    await b?.app.close();
    await dbB?.close();
    await dbA?.close();
  });

  it('a change written through instance B reaches a screen on instance A', async () => {
    const onA = await SseClient.open(`${a.url}/api/events/stream`);
    const onB = await SseClient.open(`${b.url}/api/events/stream`);
    clients.push(onA, onB);
    const id = await reportIssue(dbB);
    await waitFor(() => onA.events.some((e) => e.issueId === id), 'the issue on instance A');
    await waitFor(() => onB.events.some((e) => e.issueId === id), 'the issue on instance B');
    // The same event, with the same id, everywhere: a screen may move between instances.
    const [eventA] = onA.events.filter((e) => e.issueId === id);
    const [eventB] = onB.events.filter((e) => e.issueId === id);
    expect(eventA).toEqual(eventB);
  });

  it('a screen that moves to the other instance resumes there without gaps or doubles', async () => {
    const onA = await SseClient.open(`${a.url}/api/events/stream`);
    clients.push(onA);
    const first = await reportIssue(dbA);
    await waitFor(() => onA.events.some((e) => e.issueId === first), 'the first issue');
    await onA.close();
    const missed = [await reportIssue(dbA), await reportIssue(dbB)];
    const onB = await SseClient.open(`${b.url}/api/events/stream`, {
      lastEventId: onA.lastEventId!,
    });
    clients.push(onB);
    await waitFor(() => onB.events.length >= 2, 'the missed issues');
    expect(onB.events.map((e) => e.issueId)).toEqual(missed);
  });

  it('keeps streaming when the LISTEN connection is cut: it reconnects and catches up', async () => {
    const onA = await SseClient.open(`${a.url}/api/events/stream`);
    clients.push(onA);
    const listeners = `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'pianqu-atlas-listen'`;
    // Only this test database's listeners: never another database's on the shared cluster.
    await dbB.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'pianqu-atlas-listen'`,
    );
    const whileCut = await reportIssue(dbB);
    await waitFor(
      () => onA.events.some((e) => e.issueId === whileCut),
      'the issue written while cut',
    );
    await waitFor(
      async () => ((await dbB.query<{ n: number }>(listeners))[0]?.n ?? 0) >= 2,
      'both instances listening again',
    );
    const after = await reportIssue(dbB);
    await waitFor(() => onA.events.some((e) => e.issueId === after), 'the next issue');
    const seen = onA.events.map((e) => e.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(onA.ended).toBe(false);
  });
});
