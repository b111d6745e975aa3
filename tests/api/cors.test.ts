import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

const PORTAL = 'https://portal.example.gov.cn';
const OTHER = 'https://evil.example.com';

describe('CORS: opt-in with CORS_ORIGINS', () => {
  const t = useTestApp({ corsOrigins: [PORTAL] });

  it('lets a listed origin read data, without credentials, and relaxes CORP for it', async () => {
    const res = await t.app().inject({
      url: '/api/areas?level=pianqu',
      headers: { origin: PORTAL },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/origin/i);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/ETag/);
  });

  it('gives another origin no CORS header', async () => {
    const res = await t.app().inject({
      url: '/api/areas?level=pianqu',
      headers: { origin: OTHER },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a listed origin’s preflight for reads with the Authorization header', async () => {
    const res = await t.app().inject({
      method: 'OPTIONS',
      url: '/tiles/pianqu/12/3425/1582.mvt',
      headers: {
        origin: PORTAL,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(String(res.headers['access-control-allow-methods'])).toBe('GET, HEAD');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers another origin’s preflight 404, as without CORS', async () => {
    const res = await t.app().inject({
      method: 'OPTIONS',
      url: '/api/areas',
      headers: { origin: OTHER, 'access-control-request-method': 'GET' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps the origin check for writes: a listed origin still may not write', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'admin');
    const res = await t.app().inject({
      method: 'POST',
      url: '/api/admin/api-tokens',
      headers: { cookie, origin: PORTAL },
      payload: { label: 'x', role: 'planner' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/refused/);
  });

  it('relaxes CORP for tiles', async () => {
    const res = await t.app().inject({
      url: '/tiles/pianqu/12/3425/1582.mvt',
      headers: { origin: PORTAL },
    });
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
  });
});

describe('CORS: off by default', () => {
  const t = useTestApp();

  it('sends no CORS header, keeps CORP same-origin and answers OPTIONS 404', async () => {
    const res = await t.app().inject({
      url: '/api/areas?level=pianqu',
      headers: { origin: PORTAL },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    const pre = await t.app().inject({
      method: 'OPTIONS',
      url: '/api/areas',
      headers: { origin: PORTAL, 'access-control-request-method': 'GET' },
    });
    expect(pre.statusCode).toBe(404);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reads CORS_ORIGINS as a list of origins and refuses anything else', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: `${PORTAL}/, http://GIS.local:8081` }).corsOrigins).toEqual([
      PORTAL,
      'http://gis.local:8081',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://x.org/path' })).toThrow(/CORS_ORIGINS/);
  });
});
