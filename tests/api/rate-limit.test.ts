/**
 * The request limit counts every request of a client, whatever it is answered, before the
 * session check; and an unknown session token costs one database lookup, not one per request.
 * Each case sends from an address of its own (inject's remoteAddress), so no limit state is
 * shared between cases.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { createUser, login } from '../support/sessions.ts';
import { openTestDb } from '../support/test-db.ts';

const LIMIT = 5;
let nextClient = 1;
/** A client address no other case uses. */
const newClient = () => `10.17.${Math.floor(nextClient / 250)}.${(nextClient++ % 250) + 1}`;
/** A cookie that looks like a session and is none. */
const bogusCookie = () => `atlas_session=${randomBytes(32).toString('base64url')}`;

/** The database as the app sees it, counting the session lookups it is asked for. */
function countingSessionLookups(db: Db): { db: Db; lookups: () => number } {
  let lookups = 0;
  const counted = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop === 'query') {
        return (sql: string, params?: unknown[]) => {
          if (/FROM user_session s\b/.test(sql)) lookups += 1;
          return method.call(target, sql, params);
        };
      }
      return method.bind(target);
    },
  });
  return { db: counted, lookups: () => lookups };
}

describe('request limit: every request counts, before the session check', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb();
    app = await buildApp({ db, publicDemo: false, rateLimitPerMinute: LIMIT });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const statuses = async (n: number, request: InjectOptions) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) codes.push((await app.inject(request)).statusCode);
    return codes;
  };

  it('answers 429 to a client sending bogus session cookies once it passes the limit', async () => {
    const remoteAddress = newClient();
    const cookie = bogusCookie();
    const codes = await statuses(LIMIT, {
      url: '/api/admin/users',
      remoteAddress,
      headers: { cookie },
    });
    expect(codes).toEqual(Array(LIMIT).fill(401));
    const over = await app.inject({ url: '/api/admin/users', remoteAddress, headers: { cookie } });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(over.json().message).toContain(`at most ${LIMIT} a minute`);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts requests answered 404', async () => {
    const remoteAddress = newClient();
    const codes = await statuses(LIMIT + 1, { url: '/api/no-such-route', remoteAddress });
    expect(codes).toEqual([...Array(LIMIT).fill(404), 429]);
  });

  it('counts requests answered 403', async () => {
    const u = await createUser(db, 'planner');
    const cookie = await login(app, u.username, u.password);
    const remoteAddress = newClient();
    const codes = await statuses(LIMIT + 1, {
      url: '/api/admin/users',
      remoteAddress,
      headers: { cookie },
    });
    expect(codes).toEqual([...Array(LIMIT).fill(403), 429]);
  });

  it('counts clients apart', async () => {
    const first = newClient();
    await statuses(LIMIT + 1, { url: '/api/health', remoteAddress: first });
    const other = await app.inject({ url: '/api/health', remoteAddress: newClient() });
    expect(other.statusCode).toBe(200);
  });
});

describe('unknown session tokens', () => {
  let db: Db;
  let counting: ReturnType<typeof countingSessionLookups>;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openTestDb();
    counting = countingSessionLookups(db);
    app = await buildApp({ db: counting.db, publicDemo: false, rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('looks a repeated unknown token up in the database once', async () => {
    const cookie = bogusCookie();
    const before = counting.lookups();
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({ url: '/api/admin/users', headers: { cookie } });
      expect(res.statusCode).toBe(401);
    }
    expect(counting.lookups() - before).toBe(1);
  });

  it('looks up no token that is not of the form the server issues', async () => {
    const before = counting.lookups();
    for (const token of ['x', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}%`]) {
      const res = await app.inject({
        url: '/api/admin/users',
        headers: { cookie: `atlas_session=${token}` },
      });
      expect(res.statusCode).toBe(401);
    }
    expect(counting.lookups() - before).toBe(0);
  });

  it('remembers a logged-out token as unknown: one lookup, then none', async () => {
    const u = await createUser(db, 'admin');
    const cookie = await login(app, u.username, u.password);
    expect((await app.inject({ url: '/api/admin/users', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const before = counting.lookups();
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: '/api/admin/users', headers: { cookie } })).statusCode).toBe(
        401,
      );
    }
    expect(counting.lookups() - before).toBe(1);
  });

  it('looks a live session up on every request, so disabling its user takes effect at once', async () => {
    const u = await createUser(db, 'planner');
    const cookie = await login(app, u.username, u.password);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().role).toBe(
      'planner',
    );
    // Straight in the database, as another instance would: no cache here to tell.
    await db.query('UPDATE app_user SET disabled = true WHERE id = $1', [u.id]);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().role).toBe(
      'public',
    );
  });
});
