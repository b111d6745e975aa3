import { describe, expect, it } from 'vitest';
import { createUser, sessionAs } from '../support/sessions.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

describe('NUL characters in requests', () => {
  const t = useTestApp({ publicDemo: true });

  it('answers 400 naming the query parameter that holds one', async () => {
    const res = await t.app().inject({ method: 'GET', url: '/api/search?q=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('querystring/q must not contain a NUL character (U+0000)');
  });

  it('answers 400 naming the body field that holds one, and stores nothing', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const before = await t.db().query('SELECT count(*)::int AS n FROM kiosk_token');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin },
      payload: { label: 'a\u0000b' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/label must not contain a NUL character (U+0000)');
    expect(await t.db().query('SELECT count(*)::int AS n FROM kiosk_token')).toEqual(before);
  });

  it('answers 400 naming displayName when a new user’s name holds one, creating nobody', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const before = await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM app_user');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { cookie: admin },
      payload: {
        username: 'nul_user',
        displayName: '张\u0000三',
        role: 'planner',
        password: 'a-long-enough-password-1',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/displayName must not contain a NUL character (U+0000)');
    expect(await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM app_user')).toBe(before);
  });

  it('answers 400 naming displayName when a rename holds one, keeping the old name', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const user = await createUser(t.db(), 'planner');
    const res = await t.app().inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers: { cookie: admin },
      payload: { displayName: 'a\u0000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/displayName must not contain a NUL character (U+0000)');
    const [after] = await t
      .db()
      .query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = $1', [
        user.id,
      ]);
    expect(after!.display_name).toBe(user.username);
  });

  it('answers 400 naming source when the import’s source= holds one, importing nothing', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const before = await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM import_run');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/imports?kind=issues&fileName=a.csv&source=12345%00hotline',
      headers: { cookie: admin, 'content-type': 'text/csv' },
      payload: 'lon,lat\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('querystring/source must not contain a NUL character (U+0000)');
    expect(await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM import_run')).toBe(before);
  });
});
