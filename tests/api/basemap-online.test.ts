/**
 * Online basemaps are off by default: none is offered and the page's Content-Security-Policy
 * admits no outside host. Set up (天地图 key, an intranet XYZ server), they are offered, and the
 * CSP admits their tile hosts and nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { OnlineBasemaps } from '../../server/contract/index.ts';
import { onlineBasemapsFromEnv } from '../../server/features/basemap/online.ts';
import { useTestApp } from '../support/test-app.ts';

/** The sources a CSP directive admits. */
function directive(csp: string, name: string): string[] {
  const part = csp.split(';').find((d) => d.trim().startsWith(`${name} `)) ?? '';
  return part.trim().split(/\s+/).slice(1);
}

describe('online basemaps, none set up', () => {
  const { app } = useTestApp();

  it('are not offered', async () => {
    const res = await app().inject({ url: '/api/basemap/online' });
    expect(res.statusCode).toBe(200);
    expect(res.json<OnlineBasemaps>()).toEqual({ basemaps: [] });
  });

  it('leave the CSP closed to every outside host', async () => {
    const csp = String(
      (await app().inject({ url: '/api/health' })).headers['content-security-policy'],
    );
    for (const name of ['img-src', 'connect-src']) {
      expect(directive(csp, name).filter((s) => /^https?:/.test(s))).toEqual([]);
    }
  });
});

describe('online basemaps, 天地图 and an intranet server set up', () => {
  const basemaps = onlineBasemapsFromEnv({
    TIANDITU_KEY: 'key0123',
    BASEMAP_URL: 'http://10.1.2.3:8081/wmts/{TileMatrix}/{TileRow}/{TileCol}.png',
    BASEMAP_NAME: '政务网底图',
  });
  const { app } = useTestApp({ onlineBasemaps: basemaps });

  it('are offered with their tile templates', async () => {
    const res = await app().inject({ url: '/api/basemap/online' });
    const body = res.json<OnlineBasemaps>();
    expect(body.basemaps.map((b) => b.id)).toEqual(['tianditu-vec', 'tianditu-img', 'xyz']);
    expect(body.basemaps[2]!.layers[0]!.tiles).toEqual([
      'http://10.1.2.3:8081/wmts/{z}/{y}/{x}.png',
    ]);
  });

  it('open the CSP to their tile hosts, for tiles fetched and drawn, and to no other', async () => {
    const csp = String(
      (await app().inject({ url: '/api/health' })).headers['content-security-policy'],
    );
    const hosts = [
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`),
      'http://10.1.2.3:8081',
    ].sort();
    for (const name of ['img-src', 'connect-src']) {
      expect(
        directive(csp, name)
          .filter((s) => /^https?:/.test(s))
          .sort(),
      ).toEqual(hosts);
    }
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
  });
});
