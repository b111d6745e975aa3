import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import type { Events, LiveEvent } from '../../server/contract/index.ts';
import { openScratchDb, openTestDb } from '../support/test-db.ts';
import { reportIssue, startLiveApp } from '../support/live.ts';
import { SseClient, waitFor } from '../support/sse.ts';

/** A listening app on the suite's database (the stream needs a real socket, not inject). */
const startApp = (db: Db) => startLiveApp(db);

const ids = (events: LiveEvent[]) => events.map((e) => e.id);

/**
 * Every key an event may carry (the contract); anything else would be a leak. Written out here
 * rather than taken from the server's list, which is what it checks.
 */
const ALLOWED_KEYS = new Set([
  'id',
  'kind',
  'occurredAt',
  'xiaoquCode',
  'xiaoquName',
  'shequCode',
  'shequName',
  'pianquCode',
  'pianquName',
  'position',
  'issueId',
  'category',
  'status',
  'level',
  'previousStatus',
  'previousLevel',
  'activityKind',
  'activityScope',
  'activityTitle',
  'attendance',
  'department',
  'staffChange',
  'fromXiaoquCode',
]);

describe('live events (事件流)', () => {
  let db: Db;
  let server: { app: FastifyInstance; url: string };
  const clients: SseClient[] = [];
  const open = async (path: string, options?: Parameters<typeof SseClient.open>[1]) => {
    const client = await SseClient.open(server.url + path, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // Writes: a database of the suite's own (on PostgreSQL a fresh schema).
    db = await openScratchDb();
    server = await startApp(db);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.app.close();
    await db?.close();
  });

  it('starts clean after the data set load: one data.reloaded, none of the rows it loaded', async () => {
    const rows = await db.query<{ kind: string }>('SELECT kind FROM event ORDER BY id');
    expect(rows.map((r) => r.kind)).toEqual(['data.reloaded']);
  });

  it('pushes a new issue to an open stream, with its place and no personal data', async () => {
    const client = await open('/api/events/stream');
    expect(client.status).toBe(200);
    const id = await reportIssue(db, 'XQ001');
    await waitFor(() => client.events.some((e) => e.issueId === id), 'the new issue');
    const event = client.events.find((e) => e.issueId === id)!;
    expect(event).toMatchObject({
      kind: 'issue.reported',
      category: 'parking',
      status: 'open',
      level: 'xiaoqu',
      xiaoquCode: 'XQ001',
    });
    const [place] = await db.query<{ x: string; s: string; p: string }>(
      `SELECT x.name AS x, s.code AS s, p.code AS p
       FROM area x JOIN area s ON s.code = x.parent_code JOIN area p ON p.code = s.parent_code
       WHERE x.code = 'XQ001'`,
    );
    expect(event.xiaoquName).toBe(place!.x);
    expect(event.shequCode).toBe(place!.s);
    expect(event.pianquCode).toBe(place!.p);
    expect(event.position).toHaveLength(2);
    expect(client.lastEventId).toBe(String(event.id));
  });

  it('logs the real flow: in progress, escalated, resolved; activities; staff moves', async () => {
    const client = await open('/api/events/stream');
    const id = await reportIssue(db, 'XQ002');
    await db.query("UPDATE issue SET status = 'in_progress' WHERE id = $1", [id]);
    await db.query("UPDATE issue SET handling_level = 'shequ' WHERE id = $1", [id]);
    await db.query(
      "UPDATE issue SET handling_level = 'pianqu', status = 'escalated' WHERE id = $1",
      [id],
    );
    await db.query("UPDATE issue SET status = 'resolved', resolved_at = now() WHERE id = $1", [id]);
    // Nothing shown changed: not an event.
    await db.query('UPDATE issue SET status = status WHERE id = $1', [id]);
    await db.query(
      `INSERT INTO activity (code, scope, area_code, kind, title, held_on, attendance)
       VALUES ('LIVE-T1', 'xiaoqu', 'XQ002', 'performance', '测试汇演', current_date, 40)`,
    );
    const [post] = await db.query<{ code: string; xiaoqu_code: string; department: string }>(
      'SELECT code, xiaoqu_code, department FROM staff ORDER BY code LIMIT 1',
    );
    await db.query(
      `UPDATE staff SET xiaoqu_code = (
         SELECT code FROM area WHERE level = 'xiaoqu' AND code <> $2 ORDER BY code LIMIT 1)
       WHERE code = $1`,
      [post!.code, post!.xiaoqu_code],
    );
    await waitFor(() => client.events.some((e) => e.kind === 'staff.changed'), 'the staff move');
    const mine = client.events.filter(
      (e) => e.issueId === id || e.kind === 'activity.held' || e.kind === 'staff.changed',
    );
    expect(mine.map((e) => e.kind)).toEqual([
      'issue.reported',
      'issue.updated',
      'issue.escalated',
      'issue.escalated',
      'issue.resolved',
      'activity.held',
      'staff.changed',
    ]);
    expect(mine[1]).toMatchObject({ previousStatus: 'open', status: 'in_progress' });
    expect(mine[3]).toMatchObject({ previousLevel: 'shequ', level: 'pianqu' });
    expect(mine[5]).toMatchObject({ activityKind: 'performance', attendance: 40 });
    expect(mine[6]).toMatchObject({
      department: post!.department,
      staffChange: 'moved',
      fromXiaoquCode: post!.xiaoqu_code,
    });
    // Strictly increasing ids: the order of commits.
    const seen = ids(client.events);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('resumes from Last-Event-ID with exactly the events missed, then live ones', async () => {
    const first = await open('/api/events/stream');
    const a = await reportIssue(db);
    await waitFor(() => first.events.some((e) => e.issueId === a), 'the first issue');
    const lastSeen = Number(first.lastEventId);
    await first.close();

    const missed = [await reportIssue(db), await reportIssue(db), await reportIssue(db)];
    const second = await open('/api/events/stream', { lastEventId: lastSeen });
    await waitFor(() => second.events.length >= 3, 'the missed issues');
    const live = await reportIssue(db);
    await waitFor(() => second.events.some((e) => e.issueId === live), 'the live issue');
    expect(second.events.map((e) => e.issueId)).toEqual([...missed, live]);
    expect(second.events[0]!.id).toBeGreaterThan(lastSeen);
  });

  it('takes ?after= like Last-Event-ID, and Last-Event-ID wins over it', async () => {
    const [row] = await db.query<{ id: number }>('SELECT max(id)::int8 AS id FROM event');
    const latest = Number(row!.id);
    const issue = await reportIssue(db);
    const byQuery = await open(`/api/events/stream?after=${latest}`);
    const byHeader = await open(`/api/events/stream?after=0`, { lastEventId: latest });
    for (const client of [byQuery, byHeader]) {
      await waitFor(() => client.events.some((e) => e.issueId === issue), 'the issue');
      expect(client.events.map((e) => e.issueId)).toEqual([issue]);
    }
  });

  it('tells a client to refetch when its id is older than the events kept, or unknown', async () => {
    const [row] = await db.query<{ id: number }>('SELECT max(id)::int8 AS id FROM event');
    const latest = Number(row!.id);
    await db.query('UPDATE event_retention SET pruned_through = $1', [latest]);
    try {
      const old = await open('/api/events/stream', { lastEventId: latest - 1 });
      const future = await open('/api/events/stream', { lastEventId: latest + 1_000_000 });
      await waitFor(() => old.resets.length > 0 && future.resets.length > 0, 'the resets');
      expect(old.resets).toEqual([{ reason: 'expired', latestEventId: latest }]);
      expect(future.resets).toEqual([{ reason: 'unknown', latestEventId: latest }]);
      // EventSource takes the reset's id, so a reconnect asks from there.
      expect(old.lastEventId).toBe(String(latest));
      const issue = await reportIssue(db);
      await waitFor(() => old.events.some((e) => e.issueId === issue), 'live after a reset');
      expect(old.events.map((e) => e.issueId)).toEqual([issue]);

      const json = (await (
        await fetch(`${server.url}/api/events?after=${latest - 1}`)
      ).json()) as Events;
      expect(json).toMatchObject({ events: [], reset: true });
    } finally {
      await db.query('UPDATE event_retention SET pruned_through = 0');
    }
  });

  it('lists events as JSON: the latest for the ticker, or a page after an id', async () => {
    const made = [await reportIssue(db), await reportIssue(db), await reportIssue(db)];
    const latest = (await (await fetch(`${server.url}/api/events?limit=3`)).json()) as Events;
    expect(latest.reset).toBe(false);
    expect(latest.events.map((e) => e.issueId)).toEqual(made);
    expect(latest.latestEventId).toBe(latest.events[2]!.id);
    const page = (await (
      await fetch(`${server.url}/api/events?after=${latest.events[0]!.id}&limit=1`)
    ).json()) as Events;
    expect(page.events.map((e) => e.issueId)).toEqual([made[1]]);
  });

  it('refuses what is not a stream request or not an id', async () => {
    const plain = await fetch(`${server.url}/api/events/stream`);
    expect(plain.status).toBe(406);
    expect(((await plain.json()) as { message: string }).message).toMatch(/text\/event-stream/);
    const bad = await SseClient.open(`${server.url}/api/events/stream`, { lastEventId: 'abc' });
    expect(bad.status).toBe(400);
    const res = await fetch(`${server.url}/api/events?after=-1`);
    expect(res.status).toBe(400);
  });

  it('never carries personal data: a reporter stays out of every event', async () => {
    const client = await open('/api/events/stream');
    const id = await reportIssue(db, 'XQ003');
    await db.query(
      "INSERT INTO issue_reporter (issue_id, reporter_name, reporter_phone) VALUES ($1, '测试居民甲', '13800001234')",
      [id],
    );
    await db.query("UPDATE issue SET status = 'in_progress' WHERE id = $1", [id]);
    await waitFor(
      () => client.events.filter((e) => e.issueId === id).length === 2,
      'both events of the issue',
    );
    const raw = client.messages.map((m) => m.data).join('\n');
    expect(raw).not.toContain('测试居民甲');
    expect(raw).not.toContain('13800001234');
    const json = await (await fetch(`${server.url}/api/events?limit=500`)).text();
    expect(json).not.toContain('测试居民甲');
    for (const event of client.events) {
      for (const key of Object.keys(event)) expect(ALLOWED_KEYS, key).toContain(key);
    }
    const staffCodes = await db.query<{ code: string }>('SELECT code FROM staff');
    for (const { code } of staffCodes) expect(raw).not.toContain(`"${code}"`);
  });

  it('loses and doubles nothing across a server restart: the client resumes from its last id', async () => {
    const second = await startApp(db);
    const before = await SseClient.open(`${second.url}/api/events/stream`);
    clients.push(before);
    const a = await reportIssue(db);
    await waitFor(() => before.events.some((e) => e.issueId === a), 'the issue before restart');
    // The server stops: close() ends its open stream (graceful shutdown does not hang on it).
    await second.app.close();
    await waitFor(() => before.ended, 'the stream to end with the server');
    const lastSeen = Number(before.lastEventId);

    const whileDown = [await reportIssue(db), await reportIssue(db)];
    const restarted = await startApp(db);
    try {
      const after = await SseClient.open(`${restarted.url}/api/events/stream`, {
        lastEventId: lastSeen,
      });
      clients.push(after);
      const live = await reportIssue(db);
      await waitFor(() => after.events.some((e) => e.issueId === live), 'the live issue');
      const all = [...before.events, ...after.events];
      expect(new Set(ids(all)).size).toBe(all.length);
      expect(after.events.map((e) => e.issueId)).toEqual([...whileDown, live]);
    } finally {
      await restarted.app.close();
    }
  });
});

describe('caps on open event streams', () => {
  const PER_CLIENT = 2;
  const MAX = 3;
  let db: Db;
  let nextClient = 1;
  const newClient = () => `10.23.0.${nextClient++}`;
  type Server = { app: FastifyInstance; url: string; clients: SseClient[] };

  /**
   * A server of the case's own, so no slot is shared between cases; `trustProxy`: behind a
   * proxy, X-Forwarded-For names the client, otherwise it is anyone's to write and ignored.
   */
  const withServer = async (trustProxy: boolean, run: (server: Server) => Promise<void>) => {
    const { app, url } = await startLiveApp(db, {
      trustProxy,
      eventStreamCaps: { perClient: PER_CLIENT, max: MAX },
    });
    const server: Server = { app, url, clients: [] };
    try {
      await run(server);
    } finally {
      await Promise.all(server.clients.map((c) => c.close()));
      await app.close();
    }
  };
  const open = async (server: Server, forwardedFor?: string) => {
    const client = await SseClient.open(`${server.url}/api/events/stream`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
    server.clients.push(client);
    return client;
  };
  /** Opens until one is accepted: the server frees a slot once it sees the socket close. */
  const openOnceFree = async (server: Server, forwardedFor?: string) => {
    let client: SseClient | undefined;
    await waitFor(async () => {
      client = await open(server, forwardedFor);
      return client.status === 200;
    }, 'a free slot');
    return client!;
  };

  beforeAll(async () => {
    // Streams only read.
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it(`refuses a client its stream number ${PER_CLIENT + 1} with 429 naming the cap, and Retry-After`, () =>
    withServer(true, async (server) => {
      const client = newClient();
      for (let i = 0; i < PER_CLIENT; i++) expect((await open(server, client)).status).toBe(200);
      const refused = await open(server, client);
      expect(refused.status).toBe(429);
      expect(refused.refusal).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect(refused.refusal!.message).toContain(`at most ${PER_CLIENT}`);
      expect(refused.refusal!.message).toContain('EVENT_STREAMS_PER_CLIENT');
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      // Another client is not held back by it.
      expect((await open(server, newClient())).status).toBe(200);
    }));

  it(`refuses stream number ${MAX + 1} of the server with 503 naming the cap, and Retry-After`, () =>
    withServer(true, async (server) => {
      for (let i = 0; i < MAX; i++) expect((await open(server, newClient())).status).toBe(200);
      const refused = await open(server, newClient());
      expect(refused.status).toBe(503);
      expect(refused.refusal).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(refused.refusal!.message).toContain(String(MAX));
      expect(refused.refusal!.message).toContain('EVENT_STREAMS_MAX');
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    }));

  it('gives a slot back when a stream closes: a screen reconnecting again and again keeps its two', () =>
    withServer(true, async (server) => {
      const screen = newClient();
      const kept = await open(server, screen);
      expect(kept.status).toBe(200);
      for (let round = 0; round < 10; round++) {
        const reconnected = await openOnceFree(server, screen);
        expect(reconnected.events).toEqual([]);
        await reconnected.close();
      }
      // Both of its slots are free again once the last one closed.
      await kept.close();
      await openOnceFree(server, screen);
      expect((await openOnceFree(server, screen)).status).toBe(200);
    }));

  it('counts by the socket address when no proxy is trusted: X-Forwarded-For does not get round it', () =>
    withServer(false, async (server) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        expect((await open(server, newClient())).status).toBe(200);
      }
      expect((await open(server, newClient())).status).toBe(429);
    }));
});
