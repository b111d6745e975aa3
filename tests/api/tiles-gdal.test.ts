/**
 * The area tiles read by a client the project did not write (issue 20): GDAL's MVT driver opens
 * a whole zoom level through metadata.json, and through the catalog's TileJSON given as its
 * metadata file, against a listening server; every area of the level is in what it reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TileCatalog } from '../../server/contract/index.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { HAS_OGRINFO, RUN_GDAL, ogrinfo, warnIfNoGdal } from '../support/gdal.ts';

warnIfNoGdal('tiles-gdal');

/** The distinct `code` values of the features ogrinfo printed. */
const codesIn = (out: string) =>
  [...new Set([...out.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1]!.trim()))].sort();

describe.runIf(RUN_GDAL)('GDAL reads the area tiles', () => {
  let server: TestServer;
  beforeAll(async () => {
    expect(HAS_OGRINFO, 'ogrinfo is required under CI=true (apt-get install gdal-bin)').toBe(true);
    server = await startTestServer({ publicDemo: true });
  });
  afterAll(() => server?.close());

  async function codes(level: string) {
    const rows = await server.db.query<{ code: string }>(
      `SELECT code FROM area WHERE level = $1 ORDER BY code`,
      [level],
    );
    return rows.map((r) => r.code).sort();
  }

  it(
    'opens a zoom level of 片区 through metadata.json, holding every 片区',
    { timeout: 240_000 },
    async () => {
      const out = await ogrinfo('-ro', '-al', `MVT:/vsicurl/${server.url}/tiles/pianqu/10`);
      expect(out).toMatch(/^Layer name: pianqu$/m);
      expect(codesIn(out)).toEqual(await codes('pianqu'));
    },
  );

  it(
    'opens a zoom level of 社区 through the catalog’s TileJSON',
    { timeout: 240_000 },
    async () => {
      const catalog = (await (
        await fetch(`${server.url}/tiles/catalog.json`)
      ).json()) as TileCatalog;
      const tilejson = catalog.tiles.shequ!.tilejson;
      const out = await ogrinfo(
        '-ro',
        '-al',
        '-oo',
        `METADATA_FILE=/vsicurl/${tilejson}`,
        `MVT:/vsicurl/${server.url}/tiles/shequ/12`,
      );
      expect(out).toMatch(/^Layer name: shequ$/m);
      expect(codesIn(out)).toEqual(await codes('shequ'));
    },
  );

  it(
    'opens a zoom level of the composite tile through metadata.json, a layer per level',
    { timeout: 240_000 },
    async () => {
      const out = await ogrinfo('-ro', '-al', `MVT:/vsicurl/${server.url}/tiles/areas/10`);
      for (const level of ['pianqu', 'shequ', 'xiaoqu']) {
        const start = out.indexOf(`Layer name: ${level}\n`);
        expect(start, level).toBeGreaterThanOrEqual(0);
        const next = out.indexOf('Layer name: ', start + 1);
        const section = out.slice(start, next === -1 ? undefined : next);
        expect(codesIn(section)).toEqual(await codes(level));
        expect(section).toMatch(/^\s+issuesUnresolved \(Real\) = \d+$/m);
      }
    },
  );
});
