import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../server/auth/repository.ts';
import { sessionAs } from '../support/sessions.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';
import { tileOf } from '../support/tiles.ts';

describe('API tokens: read-only, scoped, expiring, revocable, hashed', () => {
  // Closed mode (production): without a token or a session, data routes answer 401.
  const t = useTestApp({ publicDemo: false });
  const label = () => `tool-${Math.random().toString(36).slice(2, 10)}`;

  async function create(payload: Record<string, unknown>) {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/api-tokens',
      headers: { cookie },
      payload,
    });
    return { res, cookie };
  }
  async function tokenFor(
    payload: Record<string, unknown>,
  ): Promise<{ id: number; token: string }> {
    const { res } = await create({ label: label(), ...payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('creates a token shown once, lists it without the secret, and stores only its hash', async () => {
    const name = label();
    const { res, cookie } = await create({ label: name, role: 'planner', expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json();
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ label: name, role: 'planner', areaCode: null, revoked: false });
    expect(created).toMatchObject({ expired: false, useCount: 0, lastUsedAt: null });
    const days = (Date.parse(created.expiresAt) - Date.parse(created.createdAt)) / 86_400_000;
    expect(days).toBe(30);

    const list = await t.app().inject({ url: '/api/admin/api-tokens', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const listed = list.json().find((x: { id: number }) => x.id === created.id);
    expect(listed).toMatchObject({ label: name, role: 'planner' });
    expect(listed.token).toBeUndefined();
    expect(list.body).not.toContain(created.token);

    // The database holds the SHA-256 and never the token itself.
    const [row] = await t
      .db()
      .query<{ token_hash: string }>('SELECT token_hash FROM api_token WHERE id = $1', [
        created.id,
      ]);
    expect(row!.token_hash).toBe(tokenHash(created.token));
    expect(
      await sqlCount(
        t.db(),
        `SELECT count(*)::int AS n FROM api_token t
         WHERE (to_jsonb(t)::text) LIKE '%' || $1 || '%'`,
        [created.token],
      ),
    ).toBe(0);
    const audit = await t.app().inject({ url: '/api/admin/audit?limit=50', headers: { cookie } });
    expect(audit.body).toContain(`api-token:${created.id}`);
    expect(audit.body).not.toContain(created.token);
  });

  it('lets only admins manage tokens', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const res = await t.app().inject({ url: '/api/admin/api-tokens', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    const post = await t.app().inject({
      method: 'POST',
      url: '/api/admin/api-tokens',
      headers: { cookie },
      payload: { label: 'x', role: 'planner' },
    });
    expect(post.statusCode).toBe(403);
  });

  it('refuses an official token without an area, an unknown area, an area for a planner and an admin token', async () => {
    expect((await create({ label: label(), role: 'official' })).res.json().message).toMatch(
      /areaCode/,
    );
    const unknown = await create({ label: label(), role: 'official', areaCode: 'PQ99' });
    expect(unknown.res.statusCode).toBe(400);
    expect(unknown.res.json().message).toBe('no area with code PQ99');
    const planner = await create({ label: label(), role: 'planner', areaCode: 'PQ01' });
    expect(planner.res.statusCode).toBe(400);
    expect(planner.res.json().message).toMatch(/whole zone/);
    expect((await create({ label: label(), role: 'admin' })).res.statusCode).toBe(400);
  });

  it('reads with the token in closed mode and counts every use, auditing one line per hour', async () => {
    const { id, token } = await tokenFor({ role: 'screen' });
    expect((await t.app().inject({ url: '/api/areas?level=pianqu' })).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      const res = await t.app().inject({ url: '/api/areas?level=pianqu', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
    }
    const me = await t.app().inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ role: 'screen', username: `api-token:${id}` });
    const [row] = await t
      .db()
      .query<{ use_count: number; used: boolean }>(
        'SELECT use_count::int AS use_count, last_used_at IS NOT NULL AS used FROM api_token WHERE id = $1',
        [id],
      );
    expect(row).toEqual({ use_count: 4, used: true });
    expect(
      await sqlCount(
        t.db(),
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'api-token.use' AND target = $1`,
        [`api-token:${id}`],
      ),
    ).toBe(1);
  });

  it('sees only what its role and 片区 may: an official token of PQ01', async () => {
    const { token } = await tokenFor({ role: 'official', areaCode: 'PQ01' });
    const own = await t.app().inject({ url: '/api/staff?area=PQ01', headers: bearer(token) });
    expect(own.statusCode).toBe(200);
    const other = await t.app().inject({ url: '/api/staff?area=PQ02', headers: bearer(token) });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/outside your area PQ01/);
    // Zone-wide work is for planners and admins.
    const zone = await t.app().inject({ url: '/api/admin/users', headers: bearer(token) });
    expect(zone.statusCode).toBe(403);
  });

  it('gives a screen token the aggregates only', async () => {
    const { token } = await tokenFor({ role: 'screen' });
    const staff = await t.app().inject({ url: '/api/staff?area=PQ01', headers: bearer(token) });
    expect(staff.statusCode).toBe(403);
  });

  it('is read-only: any write with a token is 403, whatever its role', async () => {
    const { token } = await tokenFor({ role: 'planner' });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app().inject({
        method,
        url: '/api/admin/api-tokens',
        headers: bearer(token),
        payload: { label: 'x', role: 'planner' },
      });
      expect(res.statusCode, method).toBe(403);
      expect(res.json().message).toMatch(/API tokens are read-only/);
    }
    const logout = await t.app().inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(token),
    });
    expect(logout.statusCode).toBe(403);
    const head = await t.app().inject({
      method: 'HEAD',
      url: '/api/areas?level=pianqu',
      headers: bearer(token),
    });
    expect(head.statusCode).toBe(200);
  });

  it('does not let a cookie beside a token add its rights', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const { token } = await tokenFor({ role: 'screen' });
    const res = await t.app().inject({
      url: '/api/admin/users',
      headers: { cookie, ...bearer(token) },
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers 401 with a reason for a revoked, an expired, an unknown and a malformed token', async () => {
    const { cookie } = await create({ label: label(), role: 'screen' });
    const revoked = await tokenFor({ role: 'screen' });
    const gone = await t.app().inject({
      method: 'DELETE',
      url: `/api/admin/api-tokens/${revoked.id}`,
      headers: { cookie },
    });
    expect(gone.statusCode).toBe(204);
    const again = await t.app().inject({
      method: 'DELETE',
      url: `/api/admin/api-tokens/${revoked.id}`,
      headers: { cookie },
    });
    expect(again.statusCode).toBe(404);
    const r = await t
      .app()
      .inject({ url: '/api/areas?level=pianqu', headers: bearer(revoked.token) });
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toMatch(/revoked/);
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    const list = await t.app().inject({ url: '/api/admin/api-tokens', headers: { cookie } });
    expect(list.json().find((x: { id: number }) => x.id === revoked.id).revoked).toBe(true);

    const expired = await tokenFor({ role: 'screen' });
    await t
      .db()
      .query(`UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        expired.id,
      ]);
    const e = await t
      .app()
      .inject({ url: '/api/areas?level=pianqu', headers: bearer(expired.token) });
    expect(e.statusCode).toBe(401);
    expect(e.json().message).toMatch(/expired at \d{4}-\d\d-\d\dT/);

    const unknown = await t.app().inject({
      url: '/api/areas?level=pianqu',
      headers: bearer('A'.repeat(43)),
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe('Unknown API token.');
    const malformed = await t.app().inject({
      url: '/api/areas?level=pianqu',
      headers: bearer('not a token'),
    });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().message).toMatch(/malformed/);
  });

  it('reads an area tile with a token in closed mode', async () => {
    const { token } = await tokenFor({ role: 'screen' });
    const [a] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
         FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
    );
    const { x, y } = tileOf(a!.lon, a!.lat, 12);
    const url = `/tiles/pianqu/12/${x}/${y}.mvt`;
    expect((await t.app().inject(url)).statusCode).toBe(401);
    const res = await t.app().inject({ url, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
  });
});
