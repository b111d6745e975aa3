/**
 * The admin's audit log filters (actor, action, local days) and its CSV, and the kiosk tokens'
 * last use: every filtered answer is the rows SQL finds by another formulation, bad values are
 * refused naming the parameter, and nobody but an admin reads either.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEntry } from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

/** The days the planted lines fall on, and the actions they carry. */
const DAYS = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'];
const ACTIONS = ['user.create', 'user.update', 'login'] as const;

/**
 * Plants audit lines of a new actor (and of a second one) at each day's first and last
 * millisecond in the data set's time zone and at its noon: the filters' edges.
 */
async function plant(db: Db): Promise<{ actor: string; other: string }> {
  const actor = `t_audit_${randomBytes(5).toString('hex')}`;
  const other = `${actor}_b`;
  await db.query(
    `INSERT INTO audit_log (at, actor, action, target, detail)
     SELECT local_start(d::date, zone_tz()) + o::interval, who, act, 'user:' || n, json_build_object('n', n)
     FROM unnest($1::text[]) WITH ORDINALITY AS days(d, n),
          unnest(ARRAY['0 ms', '12 hours', '1 day - 1 ms']) AS o,
          unnest($2::text[]) AS act,
          unnest(ARRAY[$3, $4]) AS who
     ORDER BY d, o, act, who`,
    [DAYS, [...ACTIONS], actor, other],
  );
  return { actor, other };
}

/** The ids SQL finds for a filter, by the local day of each line (not the instants' range). */
async function expectedIds(
  db: Db,
  f: { actor: string; action?: string; from?: string; to?: string },
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM audit_log
     WHERE actor = $1 AND ($2::text IS NULL OR action = $2)
       AND ($3::date IS NULL OR local_day(at, zone_tz()) >= $3::date)
       AND ($4::date IS NULL OR local_day(at, zone_tz()) <= $4::date)
     ORDER BY id DESC`,
    [f.actor, f.action ?? null, f.from ?? null, f.to ?? null],
  );
  return rows.map((r) => r.id);
}

const qs = (f: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(f).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();

describe('admin: the audit log filters, its CSV and the kiosk tokens', () => {
  const t = useTestApp({ publicDemo: true });

  it('answers exactly the lines of an actor, action and local days, for any filter', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const { actor } = await plant(t.db());
    const day = fc.option(fc.constantFrom(...DAYS), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.constantFrom(...ACTIONS), { nil: undefined }),
        day,
        day,
        async (action, from, to) => {
          if (from && to && from > to) return;
          const f = { actor, action, from, to };
          const res = await t
            .app()
            .inject({ url: `/api/admin/audit?limit=500&${qs(f)}`, headers: { cookie: admin } });
          expect(res.statusCode).toBe(200);
          const body = res.json<AuditEntry[]>();
          expect(body.map((e) => e.id)).toEqual(await expectedIds(t.db(), f));
          for (const e of body) {
            expect(e.actor).toBe(actor);
            if (action) expect(e.action).toBe(action);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('pages a filtered log with before, newest first', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const { actor } = await plant(t.db());
    const all = await expectedIds(t.db(), { actor, from: DAYS[1] });
    const first = await t.app().inject({
      url: `/api/admin/audit?actor=${actor}&from=${DAYS[1]}&limit=5`,
      headers: { cookie: admin },
    });
    const ids = first.json<AuditEntry[]>().map((e) => e.id);
    const next = await t.app().inject({
      url: `/api/admin/audit?actor=${actor}&from=${DAYS[1]}&limit=500&before=${ids.at(-1)}`,
      headers: { cookie: admin },
    });
    expect([...ids, ...next.json<AuditEntry[]>().map((e) => e.id)]).toEqual(all);
  });

  it('exports the filtered lines as a CSV with a BOM, Chinese headers and local times', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const { actor } = await plant(t.db());
    const f = { actor, action: 'user.create', from: DAYS[1], to: DAYS[2] };
    const res = await t
      .app()
      .inject({ url: `/api/admin/audit.csv?${qs(f)}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain('.csv');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
    expect(header!.slice(1)).toEqual(['操作人', '操作', '操作代码', '对象', '详情']);
    expect(header![0]).toMatch(/^时间（.+）$/);
    const expected = await t.db().query<{ at: string; target: string }>(
      `SELECT to_char(at AT TIME ZONE zone_tz(), 'YYYY-MM-DD HH24:MI:SS') AS at, target
       FROM audit_log WHERE id = ANY($1::bigint[]) ORDER BY id DESC`,
      [await expectedIds(t.db(), f)],
    );
    expect(expected).toHaveLength(6);
    expect(rows.map((r) => [r[0], r[4]])).toEqual(expected.map((e) => [e.at, e.target]));
    for (const r of rows) expect(r.slice(1, 4)).toEqual([actor, '创建用户', 'user.create']);
    // The first planted line of a day is that day's midnight on the zone's clock.
    expect(rows.at(-1)![0]).toBe(`${DAYS[1]} 00:00:00`);
  });

  it.each([
    ['from=2025-02-30', 'querystring/from', /from 2025-02-30 is not a date that exists/],
    ['to=2025-13-01', 'querystring/to', /must match pattern/],
    ['from=2025-03-04&to=2025-03-01', 'querystring/to', /after to/],
    ['action=user.delete', 'querystring/action', /must be one of/],
    ['actor=', 'querystring/actor', /fewer than 1/],
    ['limit=0', 'querystring/limit', /must be >= 1/],
    ['colour=red', 'querystring', /additional properties/],
  ])('refuses %s with a 400 naming %s', async (query, field, message) => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    for (const url of [`/api/admin/audit?${query}`, `/api/admin/audit.csv?${query}`]) {
      if (url.includes('.csv') && query.startsWith('limit')) continue;
      const res = await t.app().inject({ url, headers: { cookie: admin } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().params.field, url).toBe(field);
      expect(res.json().message, url).toMatch(message);
    }
  });

  it.each(['official', 'planner'] as const)('keeps the log and its CSV from a %s', async (role) => {
    const [area] = await t
      .db()
      .query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
      );
    const cookie = await sessionAs(t.app(), t.db(), role, role === 'official' ? area!.code : null);
    for (const url of ['/api/admin/audit', '/api/admin/audit.csv']) {
      const res = await t.app().inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('t_audit_');
    }
    expect((await t.app().inject('/api/admin/audit.csv')).statusCode).toBeGreaterThanOrEqual(401);
  });

  it('lists a kiosk token as never used until a screen signs in with it', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const label = `wall ${randomBytes(4).toString('hex')}`;
    const made = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin },
      payload: { label },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().lastUsedAt).toBeNull();
    const listed = async () =>
      (await t.app().inject({ url: '/api/admin/kiosk-tokens', headers: { cookie: admin } })).json<
        { id: number; lastUsedAt: string | null; token?: string }[]
      >();
    const before = (await listed()).find((k) => k.id === made.json().id)!;
    expect(before.lastUsedAt).toBeNull();
    expect(before.token).toBeUndefined();

    const exchanged = await t.app().inject({
      method: 'POST',
      url: '/api/auth/kiosk',
      payload: { token: made.json().token },
    });
    expect(exchanged.statusCode).toBe(200);
    const after = (await listed()).find((k) => k.id === made.json().id)!;
    const [row] = await t.db().query<{ at: string }>(
      `SELECT to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
       FROM kiosk_token WHERE id = $1`,
      [made.json().id],
    );
    expect(after.lastUsedAt).toBe(row!.at);
    expect(Date.parse(after.lastUsedAt!)).toBeGreaterThan(Date.now() - 600_000);
  });

  it('names every action it records in the contract', async () => {
    const rows = await t.db().query<{ action: string }>('SELECT DISTINCT action FROM audit_log');
    for (const r of rows) expect(AUDIT_ACTIONS as readonly string[]).toContain(r.action);
  });
});
