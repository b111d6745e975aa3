import { describe, expect, it } from 'vitest';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

describe('admin: users and audit log', () => {
  const t = useTestApp({ publicDemo: true });
  const uniq = () => `u${Math.random().toString(36).slice(2, 10)}`;

  it('creates a user and records who did it in the audit log', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const username = uniq();
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie },
      payload: {
        username,
        displayName: '规划员',
        role: 'planner',
        password: 'a-long-passphrase-9',
      },
    });
    expect(res.statusCode).toBe(201);
    const audit = await t.app().inject({ url: '/api/admin/audit?limit=20', headers: { cookie } });
    const entry = audit
      .json()
      .find(
        (e: { action: string; target: string }) =>
          e.action === 'user.create' && e.target === `user:${res.json().id}`,
      );
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain('a-long-passphrase-9');
  });

  it('refuses a weak password with a reason and creates nothing', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const username = uniq();
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie },
      payload: { username, displayName: 'x', role: 'planner', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/password/);
    expect(await t.db().query('SELECT 1 FROM app_user WHERE username = $1', [username])).toEqual(
      [],
    );
  });

  it('refuses an official without an area', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie },
      payload: {
        username: uniq(),
        displayName: 'x',
        role: 'official',
        password: 'a-long-passphrase-9',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/area/);
  });

  it('ends the sessions of a user who is disabled', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const other = await sessionAs(t.app(), t.db(), 'planner');
    const me = await t.app().inject({ url: '/api/auth/me', headers: { cookie: other } });
    const [row] = await t
      .db()
      .query<{ id: number }>('SELECT id FROM app_user WHERE username = $1', [me.json().username]);
    await t.app().inject({
      method: 'PATCH',
      url: `/api/admin/users/${row!.id}`,
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    expect(
      (await t.app().inject({ url: '/api/auth/me', headers: { cookie: other } })).json().role,
    ).toBe('public');
  });

  it('keeps the audit log from anyone but admins', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    expect(
      (await t.app().inject({ url: '/api/admin/audit', headers: { cookie } })).statusCode,
    ).toBe(403);
  });
});
