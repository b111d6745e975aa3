import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { PERMISSIONS_POLICY } from '../../server/http/headers.ts';
import { createUser, sessionAs } from '../support/sessions.ts';
import { openTestDb } from '../support/test-db.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

const kioskTokens = 'SELECT count(*)::int AS n FROM kiosk_token';

describe('write routes accept only the body types they document', () => {
  const t = useTestApp();

  it.each([
    ['text/plain', 'text/plain'],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x', 'multipart/form-data'],
    ['text/plain;charset=UTF-8', 'text/plain'],
  ])('refuses a CSV import sent as %s with 415 naming it and text/csv', async (type, named) => {
    const planner = await sessionAs(t.app(), t.db(), 'planner');
    const before = await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM planner_scenario');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/planner/import',
      headers: { cookie: planner, 'content-type': type },
      payload: 'shequ_code,pianqu_code\n',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    expect(res.json().message).toBe(
      `POST /api/planner/import does not accept Content-Type ${named}; send text/csv or application/octet-stream`,
    );
    expect(await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM planner_scenario')).toBe(before);
  });

  it('refuses a form post to a JSON route, naming application/json', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const before = await sqlCount(t.db(), kioskTokens);
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin, 'content-type': 'text/plain' },
      payload: '{"label":"from a form"}',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe(
      'POST /api/admin/kiosk-tokens does not accept Content-Type text/plain; send application/json',
    );
    expect(await sqlCount(t.db(), kioskTokens)).toBe(before);
  });

  it('refuses a body without a Content-Type', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/imports?kind=issues&fileName=a.csv',
      headers: { cookie: admin, 'content-type': '' },
      payload: Buffer.from('lon,lat\n'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('a body without a Content-Type');
    expect(res.json().message).toContain('application/octet-stream');
  });

  it.each(['text/plain', 'multipart/form-data; boundary=x'])(
    'refuses an admin import sent as %s',
    async (type) => {
      const admin = await sessionAs(t.app(), t.db(), 'admin');
      const before = await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM import_run');
      const res = await t.app().inject({
        method: 'POST',
        url: '/api/admin/imports?kind=issues&fileName=a.csv',
        headers: { cookie: admin, 'content-type': type },
        payload: 'lon,lat\n',
      });
      expect(res.statusCode).toBe(415);
      expect(await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM import_run')).toBe(before);
    },
  );

  it('takes a write without a body, and a documented type with parameters', async () => {
    const res = await t.app().inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBeLessThan(300);
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const typed = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin, 'content-type': 'Application/JSON; charset=utf-8' },
      payload: JSON.stringify({ label: 'lobby', unknown: true }),
    });
    // Past the type check: the schema's own refusal.
    expect(typed.statusCode).toBe(400);
  });

  it('asks who the caller is first: 401 before 415', async () => {
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('JSON bodies are validated, not coerced', () => {
  const t = useTestApp();

  it('refuses {"label": 12345} with 400 naming label, storing nothing', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const before = await sqlCount(t.db(), kioskTokens);
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin },
      payload: { label: 12345 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/label must be string');
    expect(await sqlCount(t.db(), kioskTokens)).toBe(before);
  });

  it('refuses PATCH {"disabled": "true"} with 400, leaving the account enabled', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const user = await createUser(t.db(), 'planner');
    const res = await t.app().inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: { cookie: admin },
      payload: { disabled: 'true' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/disabled must be boolean');
    const disabled = await sqlCount(
      t.db(),
      'SELECT count(*)::int AS n FROM app_user WHERE id = $1 AND disabled',
      [user.id],
    );
    expect(disabled).toBe(0);
  });

  it('refuses a number sent as a string and null for a string', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    for (const payload of [{ label: null }, { label: ['lobby'] }, { label: true }]) {
      const res = await t.app().inject({
        method: 'POST',
        url: '/api/admin/kiosk-tokens',
        headers: { cookie: admin },
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('still reads query strings and paths as their types (?zoom=8, /:id)', async () => {
    const res = await t.app().inject({ method: 'GET', url: '/api/areas?level=pianqu&zoom=8' });
    expect(res.statusCode).toBe(200);
    const tile = await t.app().inject({ method: 'GET', url: '/tiles/pianqu/0/0/0.mvt' });
    expect([200, 204]).toContain(tile.statusCode);
  });
});

describe('tile addresses are canonical integers', () => {
  const t = useTestApp();

  it.each([
    ['0x0e', 'z'],
    ['14.0', 'z'],
    ['%2014', 'z'],
    ['+14', 'z'],
    ['014', 'z'],
    ['1e1', 'z'],
    ['-0', 'z'],
  ])('refuses z = %s with 400 naming params/z', async (z, part) => {
    for (const layer of ['pianqu', 'issues']) {
      const res = await t.app().inject({ method: 'GET', url: `/tiles/${layer}/${z}/0/0.mvt` });
      expect(res.statusCode, `${layer} ${z}`).toBe(400);
      expect(res.json().message).toContain(`params/${part} must be a whole number`);
    }
  });

  it.each([
    ['0x0', '0'],
    ['0', '00'],
    ['1.0', '0'],
  ])('refuses x = %s, y = %s', async (x, y) => {
    const res = await t.app().inject({ method: 'GET', url: `/tiles/pianqu/1/${x}/${y}.mvt` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/params\/[xy] must be a whole number/);
  });

  it('serves the plain address, 0 included', async () => {
    for (const url of ['/tiles/pianqu/0/0/0.mvt', '/tiles/xiaoqu/10/853/418.mvt']) {
      const res = await t.app().inject({ method: 'GET', url });
      expect([200, 204], url).toContain(res.statusCode);
    }
  });
});

describe('Permissions-Policy', () => {
  const t = useTestApp();

  it('is on every answer: data, tiles, errors and refusals', async () => {
    const answers = await Promise.all([
      t.app().inject({ method: 'GET', url: '/api/health' }),
      t.app().inject({ method: 'GET', url: '/tiles/pianqu/0/0/0.mvt' }),
      t.app().inject({ method: 'GET', url: '/api/no-such-route' }),
      t.app().inject({ method: 'GET', url: '/tiles/pianqu/014/0/0.mvt' }),
      t.app().inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { origin: 'https://evil.example' },
      }),
    ]);
    for (const res of answers) {
      expect(res.headers['permissions-policy'], res.raw.req.url).toBe(PERMISSIONS_POLICY);
    }
  });

  it('grants no camera, microphone, geolocation, payment or USB', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    }
  });
});

describe('a client that disconnects early', () => {
  let db: Db;
  let app: FastifyInstance;
  let port = 0;
  const lines: { level: number; msg: string }[] = [];
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildApp({
      db,
      publicDemo: true,
      rateLimitPerMinute: 100_000,
      logger: { level: 'info', stream: { write: (line) => void lines.push(JSON.parse(line)) } },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  /** Sends the start of a request on a raw socket, then closes it after `ms`. */
  const sendAndHangUp = (text: string, ms: number) =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(text);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, ms);
      });
      socket.on('data', () => {});
      socket.on('error', () => {});
    });

  it('is logged below warning level, and the server answers the next request', async () => {
    const admin = await sessionAs(app, db, 'admin');
    const head = (line: string, type: string) =>
      `${line} HTTP/1.1\r\nHost: 127.0.0.1\r\ncookie: ${admin}\r\ncontent-type: ${type}\r\ncontent-length: 100000\r\n\r\n`;
    // A body cut short: a streamed import, a JSON body, a login (its own rate limit), a CSV.
    await sendAndHangUp(
      head('POST /api/admin/imports?kind=issues&fileName=a.csv', 'text/csv') + 'lon,lat\n1,2\n',
      100,
    );
    await sendAndHangUp(head('POST /api/admin/kiosk-tokens', 'application/json') + '{"la', 100);
    await sendAndHangUp(head('POST /api/auth/login', 'application/json') + '{"user', 100);
    await sendAndHangUp(head('POST /api/planner/import', 'text/csv') + 'shequ_code', 100);
    // Answers cut short.
    for (const url of ['/api/areas?level=xiaoqu', '/api/screen/summary', '/api/events/stream']) {
      for (const ms of [0, 5, 50]) {
        await sendAndHangUp(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, ms);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const loud = lines.filter((l) => l.level >= 40);
    expect(loud.map((l) => l.msg)).toEqual([]);
    // The cut-short bodies were seen, and said so quietly.
    expect(lines.filter((l) => l.msg.includes('closed the connection')).length).toBeGreaterThan(0);
  });
});
