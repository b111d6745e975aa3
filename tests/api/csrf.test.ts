import { describe, expect, it } from 'vitest';
import { sessionAs } from '../support/sessions.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

// app.inject sends Host: localhost:80, so the server's own origin is http://localhost.
const OWN = 'http://localhost';
const PUBLIC = 'https://atlas.example.org';
const scenarios = 'SELECT count(*)::int AS n FROM planner_scenario';

describe('writes from other pages (CSRF)', () => {
  const t = useTestApp({ publicOrigins: [PUBLIC] });

  /** A planner's CSV import, as a foreign page's form or fetch would post it. */
  async function importAs(headers: Record<string, string>) {
    const planner = await sessionAs(t.app(), t.db(), 'planner');
    return t.app().inject({
      method: 'POST',
      url: '/api/planner/import',
      headers: { cookie: planner, 'content-type': 'text/csv', ...headers },
      payload: 'shequ_code,pianqu_code\n',
    });
  }

  it.each([
    ['another site', { origin: 'https://evil.example' }, 'https://evil.example'],
    ['another port of this host', { origin: 'http://localhost:8081' }, 'http://localhost:8081'],
    ['an opaque origin', { origin: 'null' }, 'Origin: null'],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
    ['another site, by Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }, 'cross-site'],
    [
      'another port, though it sends both headers',
      { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' },
      'http://localhost:5173',
    ],
  ])('refuses a write from %s with 403 naming why, writing nothing', async (_, headers, named) => {
    const before = await sqlCount(t.db(), scenarios);
    const res = await importAs(headers);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(res.json().message).toContain(named);
    expect(res.json().message).toContain('refused');
    expect(await sqlCount(t.db(), scenarios)).toBe(before);
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('refuses a foreign %s too', async (method) => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method,
      url: method === 'PUT' ? '/api/admin/dataset' : '/api/admin/kiosk-tokens/1',
      headers: { cookie: admin, origin: 'http://localhost:9999' },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses before the session is looked up: no cookie cleared, no 401', async () => {
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: 'atlas_session=' + 'x'.repeat(43), origin: 'https://evil.example' },
      payload: { label: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  // A write that passes the origin check then fails the body's validation: 400, not 403, and
  // nothing is stored either way.
  const passes = async (headers: Record<string, string>) => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/kiosk-tokens',
      headers: { cookie: admin, ...headers },
      payload: { label: 'x', unknown: 1 },
    });
    return res.statusCode;
  };

  it('lets the product’s own pages write (Sec-Fetch-Site: same-origin)', async () => {
    expect(await passes({ 'sec-fetch-site': 'same-origin', origin: OWN })).toBe(400);
    expect(await passes({ 'sec-fetch-site': 'same-origin' })).toBe(400);
  });

  it('lets a browser without Sec-Fetch-Site write from the server’s own origin', async () => {
    expect(await passes({ origin: OWN })).toBe(400);
    expect(await passes({ origin: 'HTTP://LOCALHOST:80' })).toBe(400);
  });

  it('lets a page on a configured public origin write (PUBLIC_ORIGINS)', async () => {
    expect(await passes({ origin: PUBLIC, 'sec-fetch-site': 'cross-site' })).toBe(400);
    expect(await passes({ origin: `${PUBLIC}:8443` })).toBe(403);
  });

  it('takes the own origin from the Host the request names', async () => {
    expect(await passes({ host: 'atlas.lan:8080', origin: 'http://atlas.lan:8080' })).toBe(400);
    expect(await passes({ host: 'atlas.lan:8080', origin: 'http://atlas.lan:8081' })).toBe(403);
    expect(await passes({ host: 'atlas.lan:8080', origin: 'https://atlas.lan:8080' })).toBe(403);
  });

  it('lets clients that are not browsers write (neither header: curl, scripts)', async () => {
    expect(await passes({})).toBe(400);
    const planner = await sessionAs(t.app(), t.db(), 'planner');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: planner },
    });
    expect(res.statusCode).toBeLessThan(300);
  });

  it('leaves reads alone: a foreign page may still link to a tile or a list', async () => {
    const res = await t.app().inject({
      method: 'GET',
      url: '/api/areas?level=pianqu',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.statusCode).toBe(200);
  });
});
