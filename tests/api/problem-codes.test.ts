/**
 * Error answers name the problems users meet by a stable code, with the values the sentence
 * needs: the client says them in the UI's language (`problem.<code>`) instead of showing the
 * server's English.
 */
import { describe, expect, it } from 'vitest';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../server/auth/repository.ts';
import { PROBLEM_CODES } from '../../server/contract/index.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

describe('error answers carry a problem code', () => {
  const t = useTestApp({ publicDemo: true });

  it('names a refused login with the lock rule it states', async () => {
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'login.refused',
      params: { maxFailed: MAX_FAILED_LOGINS, lockMinutes: LOCK_MINUTES },
    });
  });

  it('names a value outside a list, with the field and the values allowed', async () => {
    const res = await t.app().inject({ url: '/api/areas?level=nowhere' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('request.notOneOf');
    expect(body.params.field).toBe('querystring/level');
    expect(body.params.allowed.split(', ')).toContain('xiaoqu');
  });

  it('names an unknown area with its code', async () => {
    const res = await t.app().inject({ url: '/api/areas/NO-SUCH-AREA' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'area.unknown', params: { code: 'NO-SUCH-AREA' } });
  });

  it('names a role too low for the route, with the role it needs', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const res = await t.app().inject({ url: '/api/admin/users', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'role.required',
      params: { role: 'admin', yours: 'planner' },
    });
  });

  it('names a login the open demo does not give', async () => {
    const res = await t.app().inject({ url: '/api/admin/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('login.demoOnly');
  });

  it('sends only codes of the contract', async () => {
    const answers = await Promise.all(
      ['/api/areas?level=x', '/api/areas/NOPE', '/api/admin/users', '/api/figures?window=x'].map(
        (url) => t.app().inject({ url }),
      ),
    );
    for (const res of answers) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(PROBLEM_CODES).toContain(res.json().code);
    }
  });
});
