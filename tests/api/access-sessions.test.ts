/**
 * Access beyond the role matrix (access.test.ts): the closed mode, logins and sessions, and a
 * route that declares no access.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../server/auth/repository.ts';
import { createUser, kioskSession, login, sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';
import { openTestDb } from '../support/test-db.ts';

describe('access: demo mode off', () => {
  const t = useTestApp({ publicDemo: false });

  it('refuses anonymous visitors on data routes with 401', async () => {
    for (const url of [
      '/api/areas?level=pianqu',
      '/api/areas/371071',
      '/api/basemap',
      '/tiles/shequ/12/3435/1549.mvt',
    ]) {
      const res = await t.app().inject(url);
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('still answers health and says a login is required', async () => {
    expect((await t.app().inject('/api/health')).statusCode).toBe(200);
    expect((await t.app().inject('/api/auth/me')).json()).toMatchObject({
      demo: false,
      loginRequired: true,
    });
  });

  it('lets a kiosk session read aggregates', async () => {
    const cookie = await kioskSession(t.app(), t.db());
    const res = await t.app().inject({ url: '/api/areas/371071', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('login and sessions', () => {
  const t = useTestApp({ publicDemo: true });

  it('sets an httpOnly, SameSite=Strict session cookie', async () => {
    const u = await createUser(t.db(), 'planner');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    const cookie = res.cookies.find((c) => c.name === 'atlas_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.json()).toMatchObject({ role: 'planner', username: u.username });
  });

  it('stores no password and no session token in the clear', async () => {
    const u = await createUser(t.db(), 'planner');
    const cookie = await login(t.app(), u.username, u.password);
    const [row] = await t
      .db()
      .query<{ hash: string }>('SELECT password_hash AS hash FROM app_user WHERE id = $1', [u.id]);
    expect(row!.hash).toMatch(/^scrypt\$/);
    expect(row!.hash).not.toContain(u.password);
    const token = cookie.split('=')[1]!;
    expect(await t.db().query('SELECT 1 FROM user_session WHERE token_hash = $1', [token])).toEqual(
      [],
    );
  });

  it('refuses a wrong password with 401', async () => {
    const u = await createUser(t.db(), 'planner');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} failed logins, even for the right password`, async () => {
    const u = await createUser(t.db(), 'planner');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await t.app().inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: `bad-${i}` },
      });
    }
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
    });
    // Refused as any failed login is (so the answer does not tell that the account exists),
    // with a message that names the lock.
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'atlas_session')).toBeUndefined();
    expect(res.json().message).toContain(String(LOCK_MINUTES));
  });

  it('ends the session on logout', async () => {
    const u = await createUser(t.db(), 'admin');
    const cookie = await login(t.app(), u.username, u.password);
    await t.app().inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const res = await t.app().inject({ url: '/api/admin/users', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const u = await createUser(t.db(), 'admin');
    const cookie = await login(t.app(), u.username, u.password);
    await t
      .db()
      .query(
        "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1",
        [u.id],
      );
    const res = await t.app().inject({ url: '/api/admin/users', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('reports the open demo to anonymous visitors', async () => {
    expect((await t.app().inject('/api/auth/me')).json()).toMatchObject({
      role: 'public',
      demo: true,
    });
  });

  it("stops a revoked kiosk token's sessions", async () => {
    const app = t.app();
    const admin = await sessionAs(app, t.db(), 'admin');
    const made = await app.inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin },
      payload: { label: 'lobby' },
    });
    const kiosk = await app.inject({
      method: 'POST',
      url: '/api/auth/kiosk',
      payload: { token: made.json().token },
    });
    const cookie = `atlas_session=${kiosk.cookies[0]!.value}`;
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().role).toBe(
      'screen',
    );
    await app.inject({
      method: 'DELETE',
      url: `/api/admin/kiosk-tokens/${made.json().id}`,
      headers: { cookie: admin },
    });
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).json().role).toBe(
      'public',
    );
  });
});

describe('access declarations', () => {
  it('refuse to start a data route that declares none', async () => {
    const db = await openTestDb();
    try {
      const app = await buildApp({ db });
      expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/declares no access/);
      await app.close();
    } finally {
      await db.close();
    }
  });
});
