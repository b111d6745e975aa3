import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

/** Values attackers and broken clients send. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    "' OR 1=1--",
    "x'); DROP TABLE area;--",
    '1; SELECT pg_sleep(5)',
    '../../../etc/passwd',
    '%00',
    '%FF%FE',
    '-1',
    '1e309',
    'NaN',
    'null',
    '[]',
    '{"$gt":""}',
    '<script>alert(1)</script>',
    '𠮷野家',
    'x'.repeat(5000),
    '2026-13-45',
    '2026-02-30T10:00',
    '2025-13',
    '9223372036854776000',
    '2147483648',
    '{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}',
    'a,b\n"c\n',
    // Bounding boxes (bbox=minLon,minLat,maxLon,maxLat) that are not.
    '121.9,37.3,122.2',
    '122.2,37.3,121.9,37.6',
    '121.9,37.3,122.2,91',
    '-181,-90,181,90',
    '1e309,0,1,1',
    '0x10,1,2,3',
    '1,2,3,4,5',
  ),
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom('username', 'password', 'label', 'token', 'role', 'areaCode', 'disabled', 'x'),
    hostile,
  ),
);

/**
 * A fingerprint of the domain data: any change to it by a hostile request fails the test.
 * (Tables other suites write to while this runs on the shared PostgreSQL database, such as
 * issue_reporter and the user tables, are left out.)
 */
async function fingerprint(db: Db): Promise<string> {
  const [row] = await db.query<{ f: string }>(
    `SELECT concat_ws('|',
       (SELECT md5(string_agg(code || coalesce(parent_code, '') || name || md5(ST_AsBinary(geom)), ',' ORDER BY code)) FROM area),
       (SELECT count(*) || ':' || sum(id) || ':' || md5(string_agg(status, '' ORDER BY id)) FROM issue),
       (SELECT count(*) FROM site), (SELECT count(*) FROM staff), (SELECT sum(count) FROM worker_post),
       (SELECT count(*) FROM activity), (SELECT count(*) FROM project),
       (SELECT count(*) FROM dataset)) AS f`,
  );
  return row!.f;
}

describe('hostile input on every route', () => {
  const t = useTestApp({ publicDemo: true });

  it('never answers 500 or leaks a stack trace, and changes no data', async () => {
    const app = t.app();
    const before = await fingerprint(t.db());
    const admin = await sessionAs(app, t.db(), 'admin');
    const routes = app.routeTable.filter((r) => /^\/(api|tiles|styles|fonts)\//.test(r.url));
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostile, { minLength: 4, maxLength: 4 }),
          fc.dictionary(
            fc.oneof(
              fc.constantFrom('level', 'parent', 'zoom', 'area', 'limit', 'before', 'bbox'),
              fc.string({ maxLength: 8 }),
            ),
            hostile,
            { maxKeys: 4 },
          ),
          jsonBody,
          fc.boolean(),
          async (params, query, body, asAdmin) => {
            let i = 0;
            const path = route.url.replace(/:[a-z]+/g, () => encodeURIComponent(params[i++]!));
            const qs = new URLSearchParams(query).toString();
            const res = await app.inject({
              method: route.method as 'GET',
              url: qs ? `${path}?${qs}` : path,
              ...(route.method === 'GET' || route.method === 'DELETE'
                ? {}
                : { payload: body as object }),
              // Logging out would end the admin session the other requests use.
              headers: asAdmin && route.url !== '/api/auth/logout' ? { cookie: admin } : {},
            });
            const label = `${route.method} ${path}?${qs} → ${res.statusCode} ${res.body.slice(0, 200)}`;
            expect(res.statusCode, label).toBeLessThan(500);
            expect(res.body, label).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
          },
        ),
        { numRuns: 25 },
      );
    }
    expect(await fingerprint(t.db())).toBe(before);
  });

  it('answers any bbox of the issue cells with the cells or a 400 about the bbox', async () => {
    const numberList = fc
      .array(fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 })), { maxLength: 6 })
      .map((v) => v.join(','));
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, numberList), async (bbox) => {
        const url = `/api/issues/cells?zoom=11&bbox=${encodeURIComponent(bbox)}`;
        const res = await t.app().inject(url);
        const label = `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect([200, 400], label).toContain(res.statusCode);
        if (res.statusCode === 400) expect(res.json().message, label).toContain('bbox');
      }),
      { numRuns: 200 },
    );
  });

  it('answers 400 to a JSON body that is not valid UTF-8 or not JSON', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    for (const payload of [
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from('{"label": '),
    ]) {
      const res = await t.app().inject({
        method: 'POST',
        url: '/api/admin/kiosk-tokens',
        headers: { cookie, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message.length).toBeGreaterThan(5);
    }
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a'.repeat(2 * 1024 * 1024), password: 'x' }),
    });
    expect(res.statusCode).toBe(413);
  });

  it('sends security headers with a CSP that admits the map worker', async () => {
    const res = await t.app().inject('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limit', () => {
  const t = useTestApp({ publicDemo: true, rateLimitPerMinute: 5, loginRateLimitPerMinute: 2 });

  it('answers 429 with a reason once a client exceeds its limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await t.app().inject('/api/health')).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes[6]).toBe(429);
  });

  it('limits login attempts more tightly, naming the limit', async () => {
    // From an address of its own: every request counts toward the general limit too, and the
    // case above spent this client's.
    const attempt = () =>
      t.app().inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: 'nobody', password: 'x' },
      });
    await attempt();
    await attempt();
    const third = await attempt();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: 'Too Many Requests' });
    expect(third.json().message).toContain('2');
  });
});
