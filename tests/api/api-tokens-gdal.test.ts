import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenRepository } from '../../server/auth/api-tokens.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';
import { HAS_OGRINFO, RUN_GDAL, ogrinfoRun as ogrinfo, warnIfNoGdal } from '../support/gdal.ts';

warnIfNoGdal('api-tokens-gdal');

describe.runIf(RUN_GDAL)('GDAL reads a tile with an API token (closed mode)', () => {
  let server: TestServer;
  let token: string;
  let path: string;

  beforeAll(async () => {
    expect(HAS_OGRINFO, 'ogrinfo is required under CI=true').toBe(true);
    server = await startTestServer({ publicDemo: false });
    ({ token } = await apiTokenRepository(server.db).create(
      { label: 'ogrinfo', role: 'screen' },
      null,
    ));
    const [a] = await server.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
    );
    const { x, y } = tileOf(a!.lon, a!.lat, 12);
    path = `/tiles/pianqu/12/${x}/${y}.mvt`;
  }, 120_000);
  afterAll(async () => server?.close());

  it('opens the tile with GDAL_HTTP_HEADERS and finds the features the tile holds', async () => {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const expected = decodeTile(new Uint8Array(await res.arrayBuffer())).layers.pianqu!.length;
    expect(expected).toBeGreaterThan(0);

    const { ok, out } = await ogrinfo(['-ro', '-so', '-al', `/vsicurl/${server.url}${path}`], {
      GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`,
    });
    expect(ok, out).toBe(true);
    expect(out).toMatch(/Layer name: pianqu/);
    expect(out).toContain(`Feature Count: ${expected}`);
  }, 180_000);

  it('is refused without the token', async () => {
    const { ok } = await ogrinfo(['-ro', '-so', '-al', `/vsicurl/${server.url}${path}`]);
    expect(ok).toBe(false);
  }, 180_000);
});
