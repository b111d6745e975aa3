import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { sitesRepository } from '../../server/features/sites/repository.ts';
import { sqlCount } from '../support/test-app.ts';
import { openTestDb } from '../support/test-db.ts';

// The figures of the source article (shared/DOMAIN.md), counted in the seeded database.
describe('the demo data set reproduces the article', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });
  const count = (sql: string, params: unknown[] = []) => sqlCount(db, sql, params);

  it('has 23 片区, 64 社区 and 175 小区 under one zone', async () => {
    const rows = await db.query<{ level: string; n: number }>(
      'SELECT level, count(*)::int AS n FROM area GROUP BY level ORDER BY level',
    );
    expect(Object.fromEntries(rows.map((r) => [r.level, r.n]))).toEqual({
      chengqu: 1,
      pianqu: 23,
      shequ: 64,
      xiaoqu: 175,
    });
  });

  it('links every area to a parent one level up', async () => {
    const wrong = await count(`
      SELECT count(*)::int AS n FROM area c JOIN area p ON p.code = c.parent_code
      WHERE (c.level, p.level) NOT IN (('pianqu','chengqu'), ('shequ','pianqu'), ('xiaoqu','shequ'))`);
    expect(wrong).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM xiaoqu_lineage')).toBe(175);
  });

  it('gives every 小区 a party branch', async () => {
    expect(
      await count(
        "SELECT count(*)::int AS n FROM area WHERE level = 'xiaoqu' AND NOT has_party_branch",
      ),
    ).toBe(0);
  });

  it('has 183 邻里之家 and 613 workers, all posted to a 小区', async () => {
    expect(await count('SELECT count(*)::int AS n FROM site')).toBe(183);
    expect(await count('SELECT sum(count)::int AS n FROM worker_post')).toBe(613);
    expect(
      await count(`SELECT count(*)::int AS n FROM area x WHERE x.level = 'xiaoqu'
                   AND NOT EXISTS (SELECT 1 FROM worker_post w WHERE w.xiaoqu_code = x.code AND w.count > 0)`),
    ).toBe(0);
  });

  it('leaves some 小区 without a 邻里之家 of their own, and gaps in the 300 m and 500 m walks', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM area x WHERE x.level = 'xiaoqu'
                   AND NOT EXISTS (SELECT 1 FROM site s WHERE s.xiaoqu_code = x.code)`),
    ).toBeGreaterThan(0);
    // Beyond a walk from every site, measured here from scratch: the nearest of all sites.
    const beyond = async (m: number) =>
      (
        await db.query<{ code: string }>(
          `SELECT x.code FROM area x
            WHERE x.level = 'xiaoqu'
              AND (SELECT min(ST_Distance(s.geom::geography, x.label_point::geography)) FROM site s) > $1
            ORDER BY x.code`,
          [m],
        )
      ).map((r) => r.code);
    const repo = sitesRepository(db);
    for (const m of [300, 500]) {
      const expected = await beyond(m);
      expect(expected.length, `${m} m`).toBeGreaterThan(0);
      const got = (await repo.coverage(m)).uncovered.map((x) => x.code).sort();
      expect(got).toEqual(expected);
    }
    expect((await beyond(300)).length).toBeGreaterThan((await beyond(500)).length);
  });

  it('has 150+ staff sent down from 公安, 消防, 市场监管 and 城管', async () => {
    expect(await count('SELECT count(*)::int AS n FROM staff')).toBeGreaterThanOrEqual(150);
    expect(await count('SELECT count(DISTINCT department)::int AS n FROM staff')).toBe(4);
  });

  it('has 4,300+ resolved issues over three years, and open ones', async () => {
    expect(
      await count("SELECT count(*)::int AS n FROM issue WHERE status = 'resolved'"),
    ).toBeGreaterThanOrEqual(4300);
    expect(
      await count("SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved'"),
    ).toBeGreaterThan(0);
    const [span] = await db.query<{ days: number }>(
      'SELECT (max(reported_at)::date - min(reported_at)::date)::int AS days FROM issue',
    );
    expect(span!.days).toBeGreaterThan(365 * 2.8);
  });

  it('dates nothing after the moment it was loaded, and holds issues of the last days', async () => {
    expect(
      await count(
        'SELECT count(*)::int AS n FROM issue WHERE reported_at > now() OR resolved_at > now()',
      ),
    ).toBe(0);
    expect(
      await count('SELECT count(*)::int AS n FROM activity WHERE held_on > zone_today()'),
    ).toBe(0);
    // Seeded today (its cache is keyed by the load day): the last days hold issues, so this
    // month does from its first hours on.
    expect(
      await count(
        "SELECT count(*)::int AS n FROM issue WHERE reported_at > now() - interval '3 days'",
      ),
    ).toBeGreaterThan(0);
  });

  it('has 130+ issues escalated to and solved by a 片区', async () => {
    expect(
      await count(
        "SELECT count(*)::int AS n FROM issue WHERE handling_level = 'pianqu' AND status = 'resolved'",
      ),
    ).toBeGreaterThanOrEqual(130);
  });

  it('has 850+ micro activities, 180+ 片区 activities and 280+ projects', async () => {
    expect(
      await count("SELECT count(*)::int AS n FROM activity WHERE scope = 'xiaoqu'"),
    ).toBeGreaterThanOrEqual(850);
    expect(
      await count("SELECT count(*)::int AS n FROM activity WHERE scope = 'pianqu'"),
    ).toBeGreaterThanOrEqual(180);
    expect(await count('SELECT count(*)::int AS n FROM project')).toBeGreaterThanOrEqual(280);
  });

  it('places 福山路小区 in 田村片区', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM xiaoqu_lineage l
                   JOIN area x ON x.code = l.xiaoqu_code JOIN area p ON p.code = l.pianqu_code
                   WHERE x.name = '福山路小区' AND p.name = '田村片区'`),
    ).toBe(1);
  });

  it('gives 银杏片区 four 社区 and twelve shared courses with 400+ attendances', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM area s JOIN area p ON p.code = s.parent_code
                   WHERE p.name = '银杏片区'`),
    ).toBe(4);
    const [courses] = await db.query<{ n: number; people: number }>(
      `SELECT count(*)::int AS n, sum(attendance)::int AS people FROM activity a
       JOIN area p ON p.code = a.area_code WHERE p.name = '银杏片区' AND a.kind = 'shared_course'`,
    );
    expect(courses!.n).toBe(12);
    expect(courses!.people).toBeGreaterThanOrEqual(400);
  });

  it('places 海湾国际小区 in 观海社区 by 火炬八街', async () => {
    const [row] = await db.query<{ shequ: string; metres: number; type: string }>(
      `SELECT s.name AS shequ, x.compound_type AS type,
              ST_Distance(x.geom::geography, ST_SetSRID(ST_MakePoint(122.02576, 37.5236), 4326)::geography)::float8 AS metres
       FROM area x JOIN area s ON s.code = x.parent_code WHERE x.name = '海湾国际小区'`,
    );
    expect(row).toMatchObject({ shequ: '观海社区', type: 'coastal' });
    expect(row!.metres).toBeLessThan(1500);
  });

  it('places 西文化小区 in 滨州街社区', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM area x JOIN area s ON s.code = x.parent_code
                   WHERE x.name = '西文化小区' AND s.name = '滨州街社区'`),
    ).toBe(1);
  });

  it('puts tourist pressure at its peak in July–August near the beach', async () => {
    const [peak] = await db.query<{ month: number }>(
      `SELECT month FROM tourism_pressure GROUP BY month ORDER BY sum(visitors) DESC LIMIT 1`,
    );
    expect([7, 8]).toContain(peak!.month);
    const [near] = await db.query<{ near: number; far: number }>(
      `WITH d AS (
         SELECT c.cell_id, ST_Distance(c.geom::geography,
           ST_SetSRID(ST_MakePoint(122.03701, 37.52657), 4326)::geography) AS m
         FROM tourism_cell c)
       SELECT
         (SELECT coalesce(max(visitors), 0) FROM tourism_pressure p JOIN d USING (cell_id) WHERE d.m < 1000 AND p.month = 8)::int AS near,
         (SELECT coalesce(max(visitors), 0) FROM tourism_pressure p JOIN d USING (cell_id) WHERE d.m > 8000 AND p.month = 8)::int AS far`,
    );
    expect(near!.near).toBeGreaterThan(near!.far * 3);
  });

  it('puts more 小区 in the north and centre than in the south-west', async () => {
    const rows = await db.query<{ street: string; n: number }>(
      "SELECT street, count(*)::int AS n FROM area WHERE level = 'xiaoqu' GROUP BY street",
    );
    const n = Object.fromEntries(rows.map((r) => [r.street, r.n]));
    expect((n.yiyuan ?? 0) + (n.tianhe ?? 0)).toBeGreaterThan(
      2 * ((n.shuangdao ?? 0) + (n.chucun ?? 0)),
    );
  });
});
