import { afterEach, describe, expect, it } from 'vitest';
import type { Peak } from '../../server/contract/index.ts';
import { sessionAs, kioskSession } from '../support/sessions.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';
import { tileOf } from '../support/tiles.ts';

/** A marker no real data contains, to find it in any response body. */
const NAME = '隐私测试张某某';
const PHONE = '13900001234';

describe('personal data', () => {
  const t = useTestApp({ publicDemo: true });

  /** An issue with a reporter, and the 片区 and 社区 that hold it. */
  // Each case plants its own reporter; none stays behind for the next case or suite.
  afterEach(async () => {
    await t.db().query('DELETE FROM issue_reporter WHERE reporter_name = $1', [NAME]);
  });

  async function issueWithReporter() {
    const [row] = await t.db().query<{
      id: number;
      xiaoqu_code: string;
      shequ_code: string;
      pianqu_code: string;
      lon: number;
      lat: number;
    }>(
      `SELECT i.id, l.xiaoqu_code, l.shequ_code, l.pianqu_code,
              ST_X(i.geom)::float8 AS lon, ST_Y(i.geom)::float8 AS lat
       FROM issue i JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
       WHERE NOT EXISTS (SELECT 1 FROM issue_reporter r WHERE r.issue_id = i.id)
       ORDER BY i.id LIMIT 1`,
    );
    await t
      .db()
      .query(
        'INSERT INTO issue_reporter (issue_id, reporter_name, reporter_phone) VALUES ($1, $2, $3)',
        [row!.id, NAME, PHONE],
      );
    return row!;
  }

  it('shows the reporter to an official whose area holds the issue, and logs the read', async () => {
    const issue = await issueWithReporter();
    const cookie = await sessionAs(t.app(), t.db(), 'official', issue.shequ_code);
    const res = await t.app().inject({ url: `/api/issues/${issue.id}`, headers: { cookie } });
    expect(res.json().reporter).toEqual({ name: NAME, phone: PHONE });
    const log = await t
      .db()
      .query("SELECT 1 FROM audit_log WHERE action = 'issue.reporter.read' AND target = $1", [
        `issue:${issue.id}`,
      ]);
    expect(log).toHaveLength(1);
  });

  it('refuses an issue to an official of another area, naming their area, and logs no read', async () => {
    const issue = await issueWithReporter();
    const [other] = await t
      .db()
      .query<{ code: string }>(
        "SELECT code FROM area WHERE level = 'pianqu' AND code <> $1 LIMIT 1",
        [issue.pianqu_code],
      );
    const cookie = await sessionAs(t.app(), t.db(), 'official', other!.code);
    const reads = () =>
      sqlCount(
        t.db(),
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'issue.reporter.read' AND target = $1",
        [`issue:${issue.id}`],
      );
    const before = await reads();
    const res = await t.app().inject({ url: `/api/issues/${issue.id}`, headers: { cookie } });
    // Single issues are for an official's own area (it was 200 with the reporter left out).
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain(`outside your area ${other!.code}`);
    expect(res.body).not.toContain(NAME);
    expect(await reads()).toBe(before);
  });

  it('refuses every issue outside an official of a 社区, and answers every one inside', async () => {
    const issue = await issueWithReporter();
    const cookie = await sessionAs(t.app(), t.db(), 'official', issue.shequ_code);
    const sample = await t.db().query<{ id: number; inside: boolean }>(
      `(SELECT i.id, true AS inside FROM issue i JOIN xiaoqu_lineage l USING (xiaoqu_code)
        WHERE l.shequ_code = $1 ORDER BY i.id LIMIT 6)
       UNION ALL
       (SELECT i.id, false FROM issue i JOIN xiaoqu_lineage l USING (xiaoqu_code)
        WHERE l.shequ_code <> $1 ORDER BY i.id LIMIT 6)`,
      [issue.shequ_code],
    );
    expect(sample.filter((s) => !s.inside)).toHaveLength(6);
    for (const s of sample) {
      const res = await t.app().inject({ url: `/api/issues/${s.id}`, headers: { cookie } });
      expect(res.statusCode, `issue ${s.id}`).toBe(s.inside ? 200 : 403);
    }
  });

  it('sends an issue with its reporter with Cache-Control: no-store', async () => {
    const issue = await issueWithReporter();
    const cookie = await sessionAs(t.app(), t.db(), 'official', issue.shequ_code);
    const res = await t.app().inject({ url: `/api/issues/${issue.id}`, headers: { cookie } });
    expect(res.json().reporter).toEqual({ name: NAME, phone: PHONE });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends names of users (the user list, the audit log, who is logged in) with no-store', async () => {
    const admin = await sessionAs(t.app(), t.db(), 'admin');
    for (const url of ['/api/admin/users', '/api/admin/audit', '/api/auth/me']) {
      const res = await t.app().inject({ url, headers: { cookie: admin } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('keeps staff on duty per 小区 for the official of its area, as /api/staff/duty does', async () => {
    const at = '2026-08-03T10:00';
    const [p] = await t
      .db()
      .query<{ code: string }>(
        'SELECT l.pianqu_code AS code FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code ORDER BY 1 LIMIT 1',
      );
    const mine = await t
      .db()
      .query<{ code: string }>(
        'SELECT xiaoqu_code AS code FROM xiaoqu_lineage WHERE pianqu_code = $1 ORDER BY 1',
        [p!.code],
      );
    const cookie = await sessionAs(t.app(), t.db(), 'official', p!.code);
    const res = await t.app().inject({ url: `/api/tourism/peak?at=${at}`, headers: { cookie } });
    const peak = res.json() as Peak;
    const withStaff = peak.xiaoqu.filter((x) => x.staffOnDuty !== null).map((x) => x.code);
    expect(withStaff.sort()).toEqual(mine.map((m) => m.code));
    expect(
      peak.xiaoqu
        .filter((x) => x.short !== null)
        .map((x) => x.code)
        .sort(),
    ).toEqual(withStaff);
    expect(peak.xiaoqu.length).toBeGreaterThan(mine.length);
    expect(res.headers['cache-control']).toBe('private');
  });

  it('hides the reporter from planners and admins, who are not handling the issue', async () => {
    const issue = await issueWithReporter();
    for (const role of ['planner', 'admin'] as const) {
      const cookie = await sessionAs(t.app(), t.db(), role);
      const res = await t.app().inject({ url: `/api/issues/${issue.id}`, headers: { cookie } });
      expect(res.json().reporter, role).toBeNull();
    }
  });

  it('never puts personal data in any map, tile or list response', async () => {
    const issue = await issueWithReporter();
    const official = await sessionAs(t.app(), t.db(), 'official', issue.pianqu_code);
    const z = 14;
    const { x, y } = tileOf(issue.lon, issue.lat, z);
    const urls = [
      '/api/areas?level=pianqu',
      '/api/areas?level=shequ',
      '/api/areas?level=xiaoqu',
      `/api/areas/${issue.xiaoqu_code}`,
      `/api/areas/${issue.pianqu_code}`,
      '/api/areas/371071',
      '/api/basemap',
      `/api/staff?area=${issue.pianqu_code}`,
      ...['pianqu', 'shequ', 'xiaoqu', 'issues'].map((l) => `/tiles/${l}/${z}/${x}/${y}.mvt`),
      '/api/issues/cells?zoom=13',
      '/api/issues/escalations',
      '/api/sites',
      `/api/staff/duty?area=${issue.pianqu_code}&at=2026-08-01T10:00`,
      '/api/tourism/peak?at=2026-08-01T10:00',
      ...[issue.xiaoqu_code, issue.shequ_code, issue.pianqu_code, '371071'].flatMap((a) => [
        `/api/areas/${a}/profile`,
        `/api/areas/${a}/profile.csv`,
      ]),
      `/api/compare?codes=${issue.pianqu_code},${issue.pianqu_code === 'PQ01' ? 'PQ02' : 'PQ01'}`,
      '/api/search?q=x&limit=50',
    ];
    for (const url of urls) {
      const res = await t.app().inject({ url, headers: { cookie: official } });
      expect(res.statusCode, url).toBe(200);
      const body = res.rawPayload.toString('utf8');
      expect(body, url).not.toContain(NAME);
      expect(body, url).not.toContain(PHONE);
    }
  });

  it('shows staff posts to an official in their own area only', async () => {
    const [p] = await t
      .db()
      .query<{ code: string }>(
        'SELECT l.pianqu_code AS code FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code LIMIT 1',
      );
    const [other] = await t
      .db()
      .query<{ code: string }>(
        "SELECT code FROM area WHERE level = 'pianqu' AND code <> $1 LIMIT 1",
        [p!.code],
      );
    const cookie = await sessionAs(t.app(), t.db(), 'official', p!.code);
    const own = await t.app().inject({ url: `/api/staff?area=${p!.code}`, headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json().length).toBeGreaterThan(0);
    const foreign = await t
      .app()
      .inject({ url: `/api/staff?area=${other!.code}`, headers: { cookie } });
    expect(foreign.statusCode).toBe(403);
  });

  it('never shows staff posts to a big screen', async () => {
    const cookie = await kioskSession(t.app(), t.db());
    const res = await t.app().inject({ url: '/api/staff?area=371071', headers: { cookie } });
    expect(res.statusCode).toBe(403);
  });
});
