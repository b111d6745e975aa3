import { beforeAll, describe, expect, it } from 'vitest';
import type {
  AreaProfile,
  ChengquProfile,
  Compare,
  PianquProfile,
  ProfileFigures,
  ShequProfile,
  XiaoquProfile,
} from '../../server/contract/index.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';
import { ALL, counter, loadFixture, type Fixture, type Win } from './fixtures/profile-fixture.ts';

const ZONE = '371071';
/** Today as the server sees it (+08:00), worked out here on its own. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const nextDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('area profiles', () => {
  const t = useTestApp({ publicDemo: true });
  let f: Fixture;
  let c: ReturnType<typeof counter>;
  beforeAll(async () => {
    f = await loadFixture(t.db());
    c = counter(f);
  });

  const code = (level: string, name: string) =>
    [...f.areas.values()].find((a) => a.level === level && a.name === name)!.code;

  async function profile<T extends AreaProfile>(
    area: string,
    query = '',
    cookie?: string,
  ): Promise<T> {
    const res = await t.app().inject({
      url: `/api/areas/${area}/profile${query}`,
      headers: cookie ? { cookie } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  }

  /** The figures every level shares, against the independent count. */
  function expectFigures(got: ProfileFigures, area: string, w: Win) {
    const e = c.figures(area, w);
    expect({
      xiaoqu: got.xiaoqu,
      households: got.households,
      workers: got.workers,
      sites: got.sites,
      staff: got.staff,
      total: got.issues.total,
      resolved: got.issues.resolved,
      escalated: got.issues.escalated,
      escalatedResolved: got.issues.escalatedResolved,
      legacy: got.issues.legacy,
      legacyResolved: got.issues.legacyResolved,
      cross: got.issues.crossShequDisputes,
      crossResolved: got.issues.crossShequMediated,
      microActivities: got.microActivities,
      pianquActivities: got.pianquActivities,
      attendance: got.attendance,
      projects: got.projects,
      projectsCompleted: got.projectsCompleted,
      creditsEarned: got.credits.earned,
      creditsExchanged: got.credits.exchanged,
    }).toEqual(omit(e, 'pianquAttendance'));
    expect(got.issues.unresolved).toBe(e.total - e.resolved);
    expect(got.issues.byCategory.reduce((s, x) => s + x.total, 0)).toBe(e.total);
  }

  it('counts 田村片区 at 67% of its historical legacy problems resolved', async () => {
    const tiancun = code('pianqu', '田村片区');
    const p = await profile<PianquProfile>(tiancun, '?window=all');
    const e = c.figures(tiancun, ALL);
    expect(p.duties.legacy).toEqual({
      found: e.legacy,
      resolved: e.legacyResolved,
      rate: e.legacyResolved / e.legacy,
    });
    expect(Math.round(p.duties.legacy.rate! * 100)).toBe(67);
  });

  it('gives a 片区 its members, 4 duties, meetings, agenda and shared resources', async () => {
    const yinxing = code('pianqu', '银杏片区');
    const p = await profile<PianquProfile>(yinxing);
    expect(p.level).toBe('pianqu');
    expectFigures(p.figures, yinxing, ALL);
    const e = c.figures(yinxing, ALL);
    expect(p.members.map((m) => m.code).sort()).toEqual([...c.children(yinxing)].sort());
    expect(p.members).toHaveLength(4);
    for (const m of p.members) expect(m.issues).toBe(c.figures(m.code, ALL).total);
    expect(p.duties).toEqual({
      legacy: {
        found: e.legacy,
        resolved: e.legacyResolved,
        rate: e.legacy ? e.legacyResolved / e.legacy : null,
      },
      disputes: { total: e.cross, mediated: e.crossResolved },
      keyProblems: { escalated: e.escalated, solved: e.escalatedResolved },
      activities: { held: e.pianquActivities, attendance: e.pianquAttendance },
    });
    const meetings = c.meetings(yinxing, ALL);
    expect(p.meetings).toHaveLength(meetings.length);
    const latest = meetings.sort((a, b) => (a.month < b.month ? 1 : -1))[0]!;
    expect(p.meetings[0]).toMatchObject({ month: latest.month, chairCode: latest.chair });
    expect(p.agenda).toHaveLength(c.agenda(yinxing, ALL).length);
    // Agenda owners are bodies or roles: never a person.
    for (const a of p.agenda) expect(['shequ', 'department', 'role']).toContain(a.ownerKind);
    const courses = p.sharedResources.filter((r) => r.kind === 'course');
    expect(courses).toHaveLength(12);
    const courseAttendance = courses.reduce((s, r) => s + r.attendance, 0);
    expect(courseAttendance).toBeGreaterThanOrEqual(400);
    expect(new Set(courses.flatMap((r) => r.users.map((u) => u.shequCode))).size).toBe(4);
    expect(p.sharedResources.reduce((s, r) => s + r.attendance, 0)).toBe(
      c.resourceAttendance(yinxing, ALL),
    );
    expect(p.creditExchanges.reduce((s, x) => s + x.points, 0)).toBe(e.creditsExchanged);
    for (const x of p.creditExchanges) expect(x.fromCode).not.toBe(x.toCode);
  });

  it('counts only what falls inside the window, to the local day', async () => {
    // An issue reported after midnight local time, before 08:00: on the previous day in UTC.
    const [edge] = await t.db().query<{ xiaoqu_code: string; day: string }>(
      `SELECT xiaoqu_code,
              to_char((reported_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS day
       FROM issue
       WHERE extract(hour FROM (reported_at AT TIME ZONE 'UTC') + interval '8 hours') < 8
       ORDER BY id LIMIT 1`,
    );
    const day = edge!.day;
    const on = { from: day, to: day };
    const after = { from: nextDay(day), to: nextDay(day) };
    const got = await profile<XiaoquProfile>(
      edge!.xiaoqu_code,
      `?window=range&from=${day}&to=${day}`,
    );
    expectFigures(got.figures, edge!.xiaoqu_code, on);
    expect(got.figures.issues.total).toBeGreaterThan(0);
    expect(got.issues).toHaveLength(c.figures(edge!.xiaoqu_code, on).total);
    const next = await profile<XiaoquProfile>(
      edge!.xiaoqu_code,
      `?from=${after.from}&to=${after.to}`,
    );
    expect(next.window.kind).toBe('range');
    expect(next.figures.issues.total).toBe(c.figures(edge!.xiaoqu_code, after).total);
    expect(next.issues.every((i) => i.reportedOn === after.from)).toBe(true);
  });

  it('runs this month and this year to today, by the server clock', async () => {
    const d = today();
    const month = { from: `${d.slice(0, 7)}-01`, to: d };
    const year = { from: `${d.slice(0, 4)}-01-01`, to: d };
    const pq = code('pianqu', '田村片区');
    const m = await profile<PianquProfile>(pq, '?window=month');
    expect(m.window).toEqual({ kind: 'month', ...month });
    expectFigures(m.figures, pq, month);
    expect(m.meetings).toHaveLength(c.meetings(pq, month).length);
    const y = await profile<PianquProfile>(pq, '?window=year');
    expect(y.window).toEqual({ kind: 'year', ...year });
    expectFigures(y.figures, pq, year);
    expect(y.agenda).toHaveLength(c.agenda(pq, year).length);
    expect(y.series.map((s) => s.month)[0]).toBe(`${d.slice(0, 4)}-01`);
    expect(y.series.reduce((s, x) => s + x.issues, 0)).toBe(y.figures.issues.total);
  });

  it('narrows the issue figures with the map filters', async () => {
    const pq = code('pianqu', '银杏片区');
    const p = await profile<PianquProfile>(pq, '?category=disputes,roads&level=pianqu,shequ');
    const expected = c
      .issues(pq, ALL)
      .filter((i) => ['disputes', 'roads'].includes(i.category) && i.level !== 'xiaoqu');
    expect(p.figures.issues.total).toBe(expected.length);
  });

  it('ranks the 片区 of the zone by resolution rate', async () => {
    const z = await profile<ChengquProfile>(ZONE);
    expect(z.level).toBe('chengqu');
    expectFigures(z.figures, ZONE, ALL);
    expect(z.figures.pianqu).toBe(23);
    expect(z.pianquRanking).toHaveLength(23);
    expect(z.pianquRanking.map((r) => r.rank)).toEqual([...Array(23).keys()].map((i) => i + 1));
    for (const r of z.pianquRanking) {
      const e = c.figures(r.code, ALL);
      expect([r.issues, r.resolved], r.name).toEqual([e.total, e.resolved]);
      expect(r.resolutionRate).toBeCloseTo(e.resolved / e.total, 12);
    }
    const rates = z.pianquRanking.map((r) => r.resolutionRate!);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });

  it('lists a 社区’s 小区 and sets its figures beside the 片区 average', async () => {
    const sq = code('shequ', '滨州街社区');
    const p = await profile<ShequProfile>(sq);
    expectFigures(p.figures, sq, ALL);
    expect(p.xiaoquList.map((x) => x.code).sort()).toEqual([...c.children(sq)].sort());
    for (const x of p.xiaoquList) {
      expect(x.compoundType).toBe(f.areas.get(x.code)!.type);
      expect(x.issues).toBe(c.figures(x.code, ALL).total);
    }
    const siblings = c.children(f.areas.get(sq)!.parent!);
    const avg = siblings.reduce((s, x) => s + c.figures(x, ALL).total, 0) / siblings.length;
    const issues = p.comparison.find((x) => x.key === 'issues')!;
    expect(issues.value).toBe(c.figures(sq, ALL).total);
    expect(issues.pianquAverage).toBeCloseTo(avg, 9);
  });

  it('shows a 小区 its policy, branch, workers, sites and issues, without personal data', async () => {
    const xq = code('xiaoqu', '西文化小区');
    const p = await profile<XiaoquProfile>(xq);
    expectFigures(p.figures, xq, ALL);
    const [policy] = await t
      .db()
      .query<{ title: string; measures: string[] }>(
        'SELECT title, measures FROM compound_policy WHERE compound_type = $1',
        [f.areas.get(xq)!.type],
      );
    expect(p.policy).toMatchObject({ title: policy!.title, measures: policy!.measures });
    expect(p.partyBranch.name).toBe('西文化小区党支部');
    expect(p.workersByRole.reduce((s, w) => s + w.count, 0)).toBe(c.figures(xq, ALL).workers);
    expect(p.sites).toHaveLength(c.figures(xq, ALL).sites);
    expect(p.issues).toHaveLength(Math.min(p.issueLimit, c.figures(xq, ALL).total));
    for (const i of p.issues) {
      expect(Object.keys(i).sort()).toEqual(
        [
          'category',
          'crossShequ',
          'handlingLevel',
          'id',
          'legacy',
          'reportedOn',
          'resolvedOn',
          'status',
        ].sort(),
      );
    }
    // Staff posts are for officials: the public sees null.
    expect(p.staff).toBeNull();
    expect(p.peak).toBeNull();
  });

  it('shows staff posts to an official of the area and to planners, not to other officials', async () => {
    const xq = f.staff[0]!.xiaoqu;
    const shequ = f.areas.get(xq)!.parent!;
    const other = [...f.areas.values()].find((a) => a.level === 'shequ' && a.code !== shequ)!.code;
    const expected = f.staff
      .filter((s) => s.xiaoqu === xq)
      .map((s) => s.code)
      .sort();
    const own = await sessionAs(t.app(), t.db(), 'official', shequ);
    expect((await profile<XiaoquProfile>(xq, '', own)).staff!.map((s) => s.code).sort()).toEqual(
      expected,
    );
    const planner = await sessionAs(t.app(), t.db(), 'planner');
    expect((await profile<XiaoquProfile>(xq, '', planner)).staff).toHaveLength(expected.length);
    const foreign = await sessionAs(t.app(), t.db(), 'official', other);
    expect((await profile<XiaoquProfile>(xq, '', foreign)).staff).toBeNull();
  });

  it('gives a coastal 小区 its peak-mode status', async () => {
    const haiwan = code('xiaoqu', '海湾国际小区');
    const p = await profile<XiaoquProfile>(haiwan);
    expect(p.compoundType).toBe('coastal');
    expect(p.peak).not.toBeNull();
    expect(p.peak!.peakMode).toBe(p.peak!.visitors >= p.peak!.threshold);
    expect(p.peak!.staffOnDuty).toBeNull();
    expect(p.policy!.title).toContain('平急转换');
  });

  it('refuses a window it cannot count, naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['?window=range&from=2025-01-01', /from and to/],
      ['?from=2025-03-01&to=2025-01-01', /after/],
      ['?window=month&from=2025-01-01&to=2025-01-31', /window=range/],
      ['?from=2025-02-30&to=2025-03-01', /2025-02-30/],
      ['?window=week', /window/],
    ];
    for (const [query, message] of cases) {
      const res = await t.app().inject(`/api/areas/PQ01/profile${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message, query).toMatch(message);
    }
    const missing = await t.app().inject('/api/areas/PQ99/profile');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('PQ99');
  });
});

describe('compare', () => {
  const t = useTestApp({ publicDemo: true });

  it('puts two or three areas of one level side by side, with their monthly series', async () => {
    const res = await t.app().inject('/api/compare?codes=PQ14,PQ16,PQ01&window=year');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Compare;
    expect(body.level).toBe('pianqu');
    expect(body.areas.map((a) => a.code)).toEqual(['PQ14', 'PQ16', 'PQ01']);
    for (const a of body.areas) {
      const p = (await t.app().inject(`/api/areas/${a.code}/profile?window=year`)).json();
      expect(a.figures).toEqual(p.figures);
      expect(a.series).toEqual(p.series);
      expect(a.series.reduce((s, m) => s + m.issues, 0)).toBe(a.figures.issues.total);
    }
  });

  it('refuses mixed levels, unknown codes, repeats and more than three areas', async () => {
    const cases: [string, RegExp][] = [
      ['PQ14,SQ01', /PQ14 \(pianqu\).*SQ01 \(shequ\)/],
      ['PQ14,PQ77', /PQ77/],
      ['PQ14,PQ14', /twice/],
      ['PQ01,PQ02,PQ03,PQ04', /codes/],
      ['PQ01', /codes/],
    ];
    for (const [codes, message] of cases) {
      const res = await t.app().inject(`/api/compare?codes=${codes}`);
      expect(res.statusCode, codes).toBe(400);
      expect(res.json().message, codes).toMatch(message);
    }
  });
});

function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = o;
  return rest;
}
