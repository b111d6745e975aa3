import { describe, expect, it } from 'vitest';
import { kioskSession, sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

describe('admin: users and audit log', () => {
  const t = useTestApp({ publicDemo: true });
  const uniq = () => `u${Math.random().toString(36).slice(2, 10)}`;
  /** `POST /api/admin/users` with this body, as an admin. */
  const createAsAdmin = async (cookie: string, payload: Record<string, unknown>) =>
    t.app().inject({ method: 'POST', url: '/api/admin/users', headers: { cookie }, payload });

  it('creates a user and records who did it in the audit log', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const username = uniq();
    const res = await createAsAdmin(cookie, {
      username,
      displayName: '规划员',
      role: 'planner',
      password: 'a-long-passphrase-9',
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
    const res = await createAsAdmin(cookie, {
      username,
      displayName: 'x',
      role: 'planner',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/password/);
    expect(await t.db().query('SELECT 1 FROM app_user WHERE username = $1', [username])).toEqual(
      [],
    );
  });

  it('refuses an official without an area', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const res = await createAsAdmin(cookie, {
      username: uniq(),
      displayName: 'x',
      role: 'official',
      password: 'a-long-passphrase-9',
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

  it('creates a username asked for by 8 requests at once once, and answers 409 to the rest', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const username = uniq();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createAsAdmin(cookie, {
          username,
          displayName: `规划员${i}`,
          role: 'planner',
          password: 'a-long-passphrase-9',
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(refused.json().message).toContain(username);
    }
    expect(
      await t.db().query('SELECT 1 FROM app_user WHERE username = $1', [username]),
    ).toHaveLength(1);
    const [created] = answers.filter((a) => a.statusCode === 201);
    const audited = await t
      .db()
      .query("SELECT 1 FROM audit_log WHERE action = 'user.create' AND detail->>'username' = $1", [
        username,
      ]);
    expect(audited).toHaveLength(1);
    expect(created!.json().username).toBe(username);
  });

  it('audits the exchange of a kiosk token for a 30-day session', async () => {
    const cookie = await kioskSession(t.app(), t.db());
    const [session] = await t
      .db()
      .query<{ kiosk_id: number }>(
        "SELECT kiosk_id FROM user_session WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
        [cookie.split('=')[1]],
      );
    const entries = await t
      .db()
      .query<{ actor: string; detail: { days: number; label: string } }>(
        "SELECT actor, detail FROM audit_log WHERE action = 'kiosk.session' AND target = $1",
        [`kiosk:${session!.kiosk_id}`],
      );
    expect(entries).toEqual([{ actor: 'screen', detail: { days: 30, label: 'test screen' } }]);
  });

  it('audits a refused kiosk token, without the token', async () => {
    const token = `bogus${'x'.repeat(30)}`;
    const before = await t
      .db()
      .query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM audit_log');
    const res = await t
      .app()
      .inject({ method: 'POST', url: '/api/auth/kiosk', payload: { token } });
    expect(res.statusCode).toBe(401);
    const entries = await t
      .db()
      .query<{ detail: unknown }>(
        "SELECT detail FROM audit_log WHERE action = 'kiosk.session.failed' AND id > $1",
        [before[0]!.id],
      );
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});
