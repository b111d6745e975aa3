import { describe, expect, it } from 'vitest';
import type { ScreenSummary } from '../../server/contract/index.ts';
import { HANDLING_LEVELS, ISSUE_CATEGORIES } from '../../server/contract/index.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

// Local time (+08:00), as every date on the screen is.
const LOCAL = "((now() AT TIME ZONE 'UTC') + interval '8 hours')";

describe('GET /api/screen/summary', () => {
  const t = useTestApp();
  const summary = async (): Promise<ScreenSummary> => {
    const res = await t.app().inject('/api/screen/summary');
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = (sql: string, params: unknown[] = []) => sqlCount(t.db(), sql, params);

  it('counts every KPI in the database', async () => {
    const { kpis } = await summary();
    expect(kpis).toEqual({
      partyBranches: await count(
        "SELECT count(*) AS n FROM area WHERE level = 'xiaoqu' AND has_party_branch",
      ),
      xiaoqu: await count("SELECT count(*) AS n FROM area WHERE level = 'xiaoqu'"),
      workers: await count('SELECT sum(count) AS n FROM worker_post'),
      sites: await count('SELECT count(*) AS n FROM site'),
      staff: await count('SELECT count(*) AS n FROM staff'),
      issuesTotal: await count('SELECT count(*) AS n FROM issue'),
      issuesResolved: await count("SELECT count(*) AS n FROM issue WHERE status = 'resolved'"),
      issuesResolvedThisYear: await count(
        `SELECT count(*) AS n FROM issue WHERE resolved_at IS NOT NULL
           AND extract(year FROM (resolved_at AT TIME ZONE 'UTC') + interval '8 hours')
             = extract(year FROM ${LOCAL})`,
      ),
      issuesOpen: await count('SELECT count(*) AS n FROM issue WHERE resolved_at IS NULL'),
      issuesEscalatedOpen: await count(
        "SELECT count(*) AS n FROM issue WHERE handling_level = 'pianqu' AND status <> 'resolved'",
      ),
      microActivities: await count("SELECT count(*) AS n FROM activity WHERE scope = 'xiaoqu'"),
      pianquActivities: await count("SELECT count(*) AS n FROM activity WHERE scope = 'pianqu'"),
      pianqu: await count("SELECT count(*) AS n FROM area WHERE level = 'pianqu'"),
      shequ: await count("SELECT count(*) AS n FROM area WHERE level = 'shequ'"),
      projectsCompleted: await count(
        "SELECT count(*) AS n FROM project WHERE status = 'completed'",
      ),
      projectsClaimed: await count('SELECT count(*) AS n FROM project'),
    });
    // The article's figures, reproduced by the demo data set.
    expect(kpis.partyBranches).toBe(kpis.xiaoqu);
    expect(kpis.pianqu).toBe(23);
    expect(kpis.shequ).toBe(64);
  });

  it('reports issues by month from the first to this month, and by category', async () => {
    const s = await summary();
    const months = s.issuesByMonth;
    const [first] = await t.db().query<{ m: string }>(
      `SELECT to_char(min(reported_at AT TIME ZONE 'UTC' + interval '8 hours'), 'YYYY-MM') AS m
       FROM issue`,
    );
    expect(months[0]!.month).toBe(first!.m);
    expect(months.at(-1)!.month).toBe(s.at.slice(0, 7));
    expect(months.reduce((n, m) => n + m.reported, 0)).toBe(s.kpis.issuesTotal);
    expect(months.reduce((n, m) => n + m.resolved, 0)).toBe(s.kpis.issuesResolved);
    const some = months[Math.floor(months.length / 2)]!;
    expect(some.reported).toBe(
      await count(
        `SELECT count(*) AS n FROM issue
         WHERE to_char(reported_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM') = $1`,
        [some.month],
      ),
    );
    expect(s.categories.map((c) => c.category)).toEqual([...ISSUE_CATEGORIES]);
    for (const c of s.categories) {
      expect(c.total).toBe(
        await count('SELECT count(*) AS n FROM issue WHERE category = $1', [c.category]),
      );
      expect(c.resolved + c.open).toBe(c.total);
    }
  });

  it('ranks every 片区 by resolution rate, best first', async () => {
    const { pianquByResolution: ranked } = await summary();
    expect(ranked).toHaveLength(
      await count("SELECT count(*) AS n FROM area WHERE level = 'pianqu'"),
    );
    const rates = ranked.map((r) => r.rate ?? -1);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    const top = ranked[0]!;
    const issuesOf = `FROM issue i JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
                      WHERE l.pianqu_code = $1`;
    expect(top.total).toBe(await count(`SELECT count(*) AS n ${issuesOf}`, [top.code]));
    expect(top.resolved).toBe(
      await count(`SELECT count(*) AS n ${issuesOf} AND i.status = 'resolved'`, [top.code]),
    );
    expect(top.rate).toBeCloseTo(top.resolved / top.total, 10);
  });

  it('ranks 片区 by legacy problems resolved when the data set flags them', async () => {
    const { pianquByLegacy } = await summary();
    const [flag] = await t
      .db()
      .query<{ exists: boolean }>("SELECT to_regclass('issue_tag') IS NOT NULL AS exists");
    if (!flag!.exists) {
      expect(pianquByLegacy).toBeNull();
      return;
    }
    expect(pianquByLegacy).not.toBeNull();
    const total = pianquByLegacy!.reduce((n, r) => n + r.total, 0);
    const resolved = pianquByLegacy!.reduce((n, r) => n + r.resolved, 0);
    expect(total).toBe(await count("SELECT count(*) AS n FROM issue_tag WHERE tag = 'legacy'"));
    expect(resolved).toBe(
      await count(
        `SELECT count(*) AS n FROM issue_tag t JOIN issue i ON i.id = t.issue_id
         WHERE t.tag = 'legacy' AND i.status = 'resolved'`,
      ),
    );
    const rates = pianquByLegacy!.map((r) => r.rate ?? -1);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  });

  it('follows issues up the path 小区 → 社区 → 片区', async () => {
    const { issuePath, kpis } = await summary();
    expect(issuePath.map((p) => p.level)).toEqual([...HANDLING_LEVELS]);
    expect(issuePath[0]!.reached).toBe(kpis.issuesTotal);
    expect(issuePath[1]!.reached).toBe(
      await count("SELECT count(*) AS n FROM issue WHERE handling_level IN ('shequ', 'pianqu')"),
    );
    expect(issuePath[2]!.reached).toBe(
      await count("SELECT count(*) AS n FROM issue WHERE handling_level = 'pianqu'"),
    );
    for (const p of issuePath) {
      expect(p.resolved).toBe(
        await count(
          "SELECT count(*) AS n FROM issue WHERE handling_level = $1 AND status = 'resolved'",
          [p.level],
        ),
      );
    }
    expect(issuePath.reduce((n, p) => n + p.resolved, 0)).toBe(kpis.issuesResolved);
    expect(issuePath.reduce((n, p) => n + p.open, 0)).toBe(kpis.issuesOpen);
  });

  it('shows tourist pressure through the year and the 小区 in peak mode now', async () => {
    const s = await summary();
    expect(s.tourism.currentMonth).toBe(Number(s.at.slice(5, 7)));
    const july = s.tourism.months.find((m) => m.month === 7)!;
    expect(july.peakHourVisitors).toBe(
      await count(
        `SELECT max(v) AS n FROM (
           SELECT sum(visitors) AS v FROM tourism_pressure WHERE month = 7 GROUP BY hour) AS h`,
      ),
    );
    // The same answer as the tourism route at the same local hour, peak-mode 小区 only.
    const peak = await t.app().inject(`/api/tourism/peak?at=${s.at}`);
    const expected = (peak.json() as { xiaoqu: { code: string; peakMode: boolean }[] }).xiaoqu
      .filter((x) => x.peakMode)
      .map((x) => x.code);
    expect(s.peak.xiaoqu.map((x) => x.code)).toEqual(expected);
  });

  it('carries the newest event id, to stream from without a gap', async () => {
    const s = await summary();
    expect(s.latestEventId).toBe(
      await count(
        'SELECT greatest(coalesce((SELECT max(id) FROM event), 0), pruned_through) AS n FROM event_retention',
      ),
    );
  });
});
