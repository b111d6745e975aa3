/**
 * GDAL as a tool with an API token on a closed server (no open demo): a tile, a whole zoom
 * level through metadata.json and through the catalog's TileJSON, and every OGC API – Features
 * collection, the staff posts as the token's role and area may read them. Counts are SQL's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenRepository } from '../../server/auth/api-tokens.ts';
import type { TileCatalog } from '../../server/contract/index.ts';
import { sqlCount } from '../support/test-app.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';
import {
  HAS_OGRINFO,
  OAPIF_COLLECTIONS,
  RUN_GDAL,
  bearerEnv,
  codesIn,
  featureCountIn,
  featuresIn,
  layersIn,
  ogrinfoRun as ogrinfo,
  warnIfNoGdal,
} from '../support/gdal.ts';

warnIfNoGdal('api-tokens-gdal');

describe.runIf(RUN_GDAL)('GDAL with an API token (closed mode)', () => {
  let server: TestServer;
  let token: string;
  let path: string;
  /** A planner's token (zone-wide) and an official's (their 片区 only). */
  let planner: string;
  let official: string;
  let officialPianqu: string;

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
    const tokens = apiTokenRepository(server.db);
    ({ token: planner } = await tokens.create({ label: 'qgis', role: 'planner' }, null));
    const [p] = await server.db.query<{ code: string }>(
      `SELECT l.pianqu_code AS code FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
       ORDER BY 1 LIMIT 1`,
    );
    officialPianqu = p!.code;
    ({ token: official } = await tokens.create(
      { label: 'qgis', role: 'official', areaCode: officialPianqu },
      null,
    ));
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

  const codes = async (level: string) =>
    (await server.db.query<{ code: string }>(`SELECT code FROM area WHERE level = $1`, [level]))
      .map((r) => r.code)
      .sort();

  it('opens a zoom level through metadata.json with the token', async () => {
    const { ok, out } = await ogrinfo(
      ['-ro', '-al', `MVT:/vsicurl/${server.url}/tiles/pianqu/10`],
      bearerEnv(token),
    );
    expect(ok, out).toBe(true);
    expect(codesIn(out)).toEqual(await codes('pianqu'));
  }, 240_000);

  it('opens a zoom level through the catalog’s TileJSON with the token', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const catalog = (await (
      await fetch(`${server.url}/tiles/catalog.json`, { headers: auth })
    ).json()) as TileCatalog;
    const { ok, out } = await ogrinfo(
      [
        '-ro',
        '-al',
        '-oo',
        `METADATA_FILE=/vsicurl/${catalog.tiles.shequ!.tilejson}`,
        `MVT:/vsicurl/${server.url}/tiles/shequ/12`,
      ],
      bearerEnv(token),
    );
    expect(ok, out).toBe(true);
    expect(out).toMatch(/^Layer name: shequ$/m);
    expect(codesIn(out)).toEqual(await codes('shequ'));
  }, 240_000);

  it('lists the OGC collections with a planner’s token, the staff posts among them', async () => {
    const { ok, out } = await ogrinfo(
      ['-ro', '-so', `OAPIF:${server.url}/api/ogc`],
      bearerEnv(planner),
    );
    expect(ok, out).toBe(true);
    expect(layersIn(out).sort()).toEqual([...OAPIF_COLLECTIONS.map(([id]) => id), 'staff'].sort());
  }, 240_000);

  it('does not open the OGC API without a token', async () => {
    const { ok } = await ogrinfo(['-ro', '-so', `OAPIF:${server.url}/api/ogc`]);
    expect(ok).toBe(false);
  }, 240_000);

  it.each([...OAPIF_COLLECTIONS, ['staff', 'SELECT count(*)::int AS n FROM staff']])(
    'counts the OGC collection %s with a planner’s token as SQL does',
    async (id, sql) => {
      const { ok, out } = await ogrinfo(
        ['-ro', '-so', `OAPIF:${server.url}/api/ogc`, id!],
        bearerEnv(planner),
      );
      expect(ok, out).toBe(true);
      expect(featureCountIn(out)).toBe(await sqlCount(server.db, sql!));
    },
    240_000,
  );

  it('reads, page by page, only the staff posts of an official’s token’s area', async () => {
    const env = bearerEnv(official);
    const base = `OAPIF:${server.url}/api/ogc`;
    const listed = await ogrinfo(['-ro', '-so', base], env);
    expect(layersIn(listed.out)).toContain('staff');
    const want = await sqlCount(
      server.db,
      `SELECT count(*)::int AS n FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
       WHERE l.pianqu_code = $1`,
      [officialPianqu],
    );
    // Pages of half the posts: GDAL follows the next links, each with the token.
    expect(want).toBeGreaterThan(1);
    const pageSize = Math.floor(want / 2);
    const { ok, out } = await ogrinfo(
      ['-ro', '-al', '-oo', `PAGE_SIZE=${pageSize}`, base, 'staff'],
      env,
    );
    expect(ok, out).toBe(true);
    expect(featuresIn(out)).toBe(want);
  }, 240_000);

  it('does not list the staff posts to a screen’s token', async () => {
    const { ok, out } = await ogrinfo(
      ['-ro', '-so', `OAPIF:${server.url}/api/ogc`],
      bearerEnv(token),
    );
    expect(ok, out).toBe(true);
    expect(layersIn(out)).toContain('pianqu');
    expect(layersIn(out)).not.toContain('staff');
  }, 240_000);
});
