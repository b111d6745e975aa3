import { describe, expect, it } from 'vitest';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

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
});
