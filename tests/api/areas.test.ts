import { describe, expect, it } from 'vitest';
import type {
  AreaCollection,
  AreaDetail,
  AreaFigures,
  FiguresResponse,
} from '../../server/contract/index.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

const ZONE = '371071';

describe('GET /api/areas', () => {
  const t = useTestApp();

  it('returns every area of a level as GeoJSON', async () => {
    const res = await t.app().inject('/api/areas?level=pianqu');
    expect(res.statusCode).toBe(200);
    const body = res.json<AreaCollection>();
    const expected = await sqlCount(
      t.db(),
      "SELECT count(*)::int AS n FROM area WHERE level = 'pianqu'",
    );
    expect(body.features).toHaveLength(expected);
    expect(body.features.every((f) => f.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('returns only the children of the parent asked for', async () => {
    const [first] = await t
      .db()
      .query<{ code: string }>(
        "SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1",
      );
    const res = await t.app().inject(`/api/areas?level=shequ&parent=${first!.code}`);
    const codes = res.json<AreaCollection>().features.map((f) => f.properties.code);
    const expected = await t
      .db()
      .query<{ code: string }>('SELECT code FROM area WHERE parent_code = $1 ORDER BY code', [
        first!.code,
      ]);
    expect(codes).toEqual(expected.map((r) => r.code));
  });

  it('counts unresolved issues per area as the issue table does', async () => {
    const res = await t.app().inject('/api/areas?level=xiaoqu');
    const features = res.json<AreaCollection>().features;
    const rows = await t
      .db()
      .query<{ code: string; n: number }>(
        "SELECT xiaoqu_code AS code, count(*)::int AS n FROM issue WHERE status <> 'resolved' GROUP BY 1",
      );
    const expected = new Map(rows.map((r) => [r.code, r.n]));
    for (const f of features) {
      expect(f.properties.unresolvedIssues).toBe(expected.get(f.properties.code) ?? 0);
    }
  });

  it('simplifies geometry for a low zoom and keeps full detail without one', async () => {
    const vertices = (c: AreaCollection) =>
      JSON.stringify(c.features.map((f) => f.geometry)).split('],[').length;
    const coarse = (await t.app().inject('/api/areas?level=pianqu&zoom=9')).json<AreaCollection>();
    const full = (await t.app().inject('/api/areas?level=pianqu')).json<AreaCollection>();
    expect(vertices(coarse)).toBeLessThan(vertices(full));
  });

  it('answers 404 naming an unknown parent', async () => {
    const res = await t.app().inject('/api/areas?level=shequ&parent=PQ999');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('PQ999');
  });

  it.each([
    ['no level', '/api/areas'],
    ['an unknown level', '/api/areas?level=city'],
    ['a zoom out of range', '/api/areas?level=pianqu&zoom=99'],
    ['a zoom that is not a number', '/api/areas?level=pianqu&zoom=abc'],
    ['an unknown parameter', '/api/areas?level=pianqu&color=red'],
    ['a parent code with SQL in it', "/api/areas?level=shequ&parent=x'%20OR%201=1--"],
  ])('answers 400 with a reason for %s', async (_what, url) => {
    const res = await t.app().inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().message.length).toBeGreaterThan(5);
  });
});

describe('GET /api/areas/:code and its figures', () => {
  const t = useTestApp();
  // Who the area is from /api/areas/:code; its figures from the figures route, which every
  // panel reads (issue 15).
  const detail = async (code: string): Promise<AreaDetail & { stats: AreaFigures }> => {
    const who = (await t.app().inject(`/api/areas/${encodeURIComponent(code)}`)).json<AreaDetail>();
    const figures = (
      await t.app().inject(`/api/figures?codes=${encodeURIComponent(code)}`)
    ).json<FiguresResponse>();
    return { ...who, stats: figures.areas[0]!.figures };
  };

  it('counts the zone as the tables do', async () => {
    const { stats } = await detail(ZONE);
    const db = t.db();
    expect(stats.pianqu).toBe(
      await sqlCount(db, "SELECT count(*)::int AS n FROM area WHERE level = 'pianqu'"),
    );
    expect(stats.shequ).toBe(
      await sqlCount(db, "SELECT count(*)::int AS n FROM area WHERE level = 'shequ'"),
    );
    expect(stats.xiaoqu).toBe(
      await sqlCount(db, "SELECT count(*)::int AS n FROM area WHERE level = 'xiaoqu'"),
    );
    expect(stats.sites).toBe(await sqlCount(db, 'SELECT count(*)::int AS n FROM site'));
    expect(stats.workers).toBe(await sqlCount(db, 'SELECT sum(count)::int AS n FROM worker_post'));
    expect(stats.staff).toBe(await sqlCount(db, 'SELECT count(*)::int AS n FROM staff'));
    expect(stats.issues.total).toBe(await sqlCount(db, 'SELECT count(*)::int AS n FROM issue'));
    expect(stats.projects).toBe(await sqlCount(db, 'SELECT count(*)::int AS n FROM project'));
  });

  it.each(['pianqu', 'shequ', 'xiaoqu'])(
    'counts a %s and what lies under it as the tables do',
    async (level) => {
      const db = t.db();
      const [a] = await db.query<{ code: string }>(
        'SELECT code FROM area WHERE level = $1 ORDER BY code DESC LIMIT 1',
        [level],
      );
      const code = a!.code;
      const { stats } = await detail(code);
      // The 小区 under the area, walked by parent links here rather than by the server's SQL.
      const under = `SELECT l.xiaoqu_code FROM xiaoqu_lineage l
                     WHERE $1 IN (l.xiaoqu_code, l.shequ_code, l.pianqu_code)`;
      expect(stats.shequ).toBe(
        await sqlCount(
          db,
          `SELECT count(DISTINCT l.shequ_code)::int AS n FROM xiaoqu_lineage l
           WHERE $1 IN (l.shequ_code, l.pianqu_code)`,
          [code],
        ),
      );
      expect(stats.xiaoqu).toBe(
        await sqlCount(db, `SELECT count(*)::int AS n FROM (${under}) u`, [code]),
      );
      expect(stats.staff).toBe(
        await sqlCount(db, `SELECT count(*)::int AS n FROM staff WHERE xiaoqu_code IN (${under})`, [
          code,
        ]),
      );
      const byDepartment = await db.query<{ department: string; n: number }>(
        `SELECT department, count(*)::int AS n FROM staff
         WHERE xiaoqu_code IN (${under}) GROUP BY department`,
        [code],
      );
      for (const d of stats.staffByDepartment) {
        expect(d.count, d.department).toBe(
          byDepartment.find((b) => b.department === d.department)?.n ?? 0,
        );
      }
      expect(stats.projects).toBe(
        await sqlCount(
          db,
          `SELECT count(*)::int AS n FROM project
           WHERE area_code = $1
              OR area_code IN (SELECT shequ_code FROM xiaoqu_lineage WHERE pianqu_code = $1)
              OR area_code IN (${under})`,
          [code],
        ),
      );
    },
  );

  it('gives a 片区 its parent chain and its children', async () => {
    const [p] = await t
      .db()
      .query<{ code: string }>(
        "SELECT code FROM area WHERE level = 'pianqu' ORDER BY code DESC LIMIT 1",
      );
    const d = await detail(p!.code);
    expect(d.chain.map((c) => c.code)).toEqual([ZONE]);
    const children = await t
      .db()
      .query<{ code: string }>('SELECT code FROM area WHERE parent_code = $1 ORDER BY code', [
        p!.code,
      ]);
    expect(d.children.map((c) => c.code)).toEqual(children.map((c) => c.code));
  });

  it('gives a 小区 the whole chain from the zone down', async () => {
    const [x] = await t
      .db()
      .query<{ xiaoqu_code: string; shequ_code: string; pianqu_code: string }>(
        'SELECT * FROM xiaoqu_lineage ORDER BY xiaoqu_code LIMIT 1',
      );
    const d = await detail(x!.xiaoqu_code);
    expect(d.chain.map((c) => c.code)).toEqual([ZONE, x!.pianqu_code, x!.shequ_code]);
    expect(d.children).toEqual([]);
  });

  it('conserves totals: the 片区 add up to the zone', async () => {
    const zone = (await detail(ZONE)).stats;
    const pianqu = await t
      .db()
      .query<{ code: string }>("SELECT code FROM area WHERE level = 'pianqu'");
    const parts = await Promise.all(pianqu.map((p) => detail(p.code)));
    const sum = (f: (s: AreaFigures) => number) => parts.reduce((a, p) => a + f(p.stats), 0);
    expect(sum((s) => s.xiaoqu)).toBe(zone.xiaoqu);
    expect(sum((s) => s.households)).toBe(zone.households);
    expect(sum((s) => s.sites)).toBe(zone.sites);
    expect(sum((s) => s.workers)).toBe(zone.workers);
    expect(sum((s) => s.issues.total)).toBe(zone.issues.total);
    expect(sum((s) => s.issues.escalatedResolved)).toBe(zone.issues.escalatedResolved);
    expect(sum((s) => s.pianquActivities)).toBe(zone.pianquActivities);
  });

  it('breaks issues down by category and status without losing any', async () => {
    const { issues } = (await detail(ZONE)).stats;
    expect(issues.byCategory.reduce((a, c) => a + c.total, 0)).toBe(issues.total);
    expect(issues.byStatus.reduce((a, c) => a + c.count, 0)).toBe(issues.total);
    expect(issues.resolutionRate).toBeCloseTo(issues.resolved / issues.total, 10);
  });

  it('answers 404 naming an unknown area', async () => {
    const res = await t.app().inject('/api/areas/XQ999');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('XQ999');
  });

  it('answers 400 for a code that cannot be an area code', async () => {
    const res = await t.app().inject(`/api/areas/${encodeURIComponent('1;DROP TABLE area')}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/pattern|code/);
  });
});
