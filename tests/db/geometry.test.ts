import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { openTestDb } from '../support/test-db.ts';

/** Square metres of a SQL geometry expression, measured on the spheroid. */
const M2 = (expr: string) => `coalesce(ST_Area((${expr})::geography), 0)::float8`;

// The demo geometry must behave like real cadastral data: levels tile without gaps or
// overlaps (to within 1 m²), and everything sits on land inside the zone.
describe('demo geometry', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('has only valid geometries', async () => {
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM area WHERE NOT ST_IsValid(geom)',
    );
    expect(row!.n).toBe(0);
  });

  // With the children inside their parent and not overlapping (tested below), the parent's
  // area minus the children's areas is exactly the gap. Measured this way rather than by
  // ST_Difference, which PGlite's PostGIS answers with no row at all for some of these inputs
  // (real PostGIS returns POLYGON EMPTY).
  it.each([
    ['片区 tile the zone', 'pianqu', 'chengqu'],
    ['社区 tile their 片区', 'shequ', 'pianqu'],
  ])('%s without gaps', async (_what, child, parent) => {
    const rows = await db.query<{ code: string; gap: number }>(
      `SELECT p.code,
              (${M2('p.geom')} - (SELECT sum(${M2('c.geom')}) FROM area c WHERE c.parent_code = p.code))::float8 AS gap
       FROM area p
       WHERE p.level = $1 AND EXISTS (SELECT 1 FROM area c WHERE c.parent_code = p.code AND c.level = $2)`,
      [parent, child],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Math.abs(r.gap), r.code).toBeLessThan(1);
  });

  it.each([
    ['片区', 'pianqu'],
    ['社区', 'shequ'],
    ['小区', 'xiaoqu'],
  ])('%s do not overlap one another', async (_what, level) => {
    const [row] = await db.query<{ overlap: number }>(
      `SELECT coalesce(sum(${M2('ST_Intersection(a.geom, b.geom)')}), 0)::float8 AS overlap
       FROM area a JOIN area b ON a.code < b.code AND a.geom && b.geom
       WHERE a.level = $1 AND b.level = $1`,
      [level],
    );
    expect(row!.overlap).toBeLessThan(1);
  });

  it.each([
    ['社区', 'shequ'],
    ['小区', 'xiaoqu'],
    ['片区', 'pianqu'],
  ])('keeps every %s inside its parent', async (_what, level) => {
    const rows = await db.query<{ code: string; outside: number }>(
      `SELECT c.code, ${M2('ST_Difference(c.geom, p.geom)')} AS outside
       FROM area c JOIN area p ON p.code = c.parent_code WHERE c.level = $1`,
      [level],
    );
    const [{ n }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM area WHERE level = $1',
      [level],
    )) as [{ n: number }];
    // Every area measured: a row that vanished would otherwise pass unnoticed.
    expect(rows).toHaveLength(n);
    for (const r of rows) expect(r.outside, r.code).toBeLessThan(1);
  });

  it('makes every 片区 one connected piece', async () => {
    const rows = await db.query<{ code: string; parts: number }>(
      `SELECT code, ST_NumGeometries(ST_Union(ST_Buffer(geom::geography, 0.05)::geometry))::int AS parts
       FROM area WHERE level = 'pianqu' GROUP BY code`,
    );
    for (const r of rows) expect(r.parts, r.code).toBe(1);
  });

  it.each([
    ['邻里之家', 'site'],
    ['issue', 'issue'],
  ])('places every %s inside its 小区', async (_what, table) => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} t JOIN area x ON x.code = t.xiaoqu_code
       WHERE NOT ST_Intersects(t.geom, x.geom)`,
    );
    expect(row!.n).toBe(0);
  });
});
