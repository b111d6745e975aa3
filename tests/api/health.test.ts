import { describe, expect, it } from 'vitest';
import { geodataVersion } from '../../server/db/seed.ts';
import { useTestApp } from '../support/test-app.ts';
import { TEST_BACKEND } from '../support/test-db.ts';

describe('GET /api/health', () => {
  const t = useTestApp();

  it('reports the database reachable and the backend in use', async () => {
    const res = await t.app().inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: 'reachable',
      backend: TEST_BACKEND,
    });
  });

  it('reports the version of the loaded demo data set', async () => {
    const res = await t.app().inject('/api/health');
    expect(res.json()).toMatchObject({ dataSource: 'demo', dataVersion: await geodataVersion() });
  });

  it('says who encodes vector tiles on this backend', async () => {
    const res = await t.app().inject('/api/health');
    expect(res.json().vectorTiles).toBe(TEST_BACKEND === 'postgres' ? 'postgis' : 'server');
  });
});
