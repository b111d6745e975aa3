/**
 * OGC API – Features read by a client the project did not write: GDAL's OAPIF driver
 * (`ogrinfo`), against a listening server. Without ogrinfo the suite skips with a message,
 * except under CI=true, where it fails (CI installs gdal-bin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCount } from '../support/test-app.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  HAS_OGRINFO,
  OAPIF_COLLECTIONS,
  RUN_GDAL,
  ogrinfo,
  warnIfNoGdal,
} from '../support/gdal.ts';

warnIfNoGdal('ogc-gdal');

const COLLECTIONS = OAPIF_COLLECTIONS;

describe.runIf(RUN_GDAL)('GDAL’s OAPIF driver', () => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    expect(HAS_OGRINFO, 'ogrinfo is required under CI=true (apt-get install gdal-bin)').toBe(true);
    // The open demo on both backends: machine access on the closed one is the tokens' work.
    server = await startTestServer({ publicDemo: true });
    base = `OAPIF:${server.url}/api/ogc`;
  });
  afterAll(() => server?.close());

  it('lists every collection', { timeout: 240_000 }, async () => {
    const out = await ogrinfo('-ro', '-so', base);
    for (const [id] of COLLECTIONS) expect(out).toMatch(new RegExp(`^\\d+: ${id}\\b`, 'm'));
  });

  it.each(COLLECTIONS)(
    'reads every feature of %s, as many as SQL counts',
    { timeout: 240_000 },
    async (id, sql) => {
      const out = await ogrinfo('-ro', '-al', base, id);
      const want = await sqlCount(server.db, sql);
      // Counted as GDAL read them, page after page, not taken from numberMatched.
      const read = out.match(/^OGRFeature\(/gm)?.length ?? 0;
      expect(read).toBe(want);
      const summary = await ogrinfo('-ro', '-al', '-so', base, id);
      expect(summary).toMatch(new RegExp(`^Feature Count: ${want}$`, 'm'));
    },
  );
});
