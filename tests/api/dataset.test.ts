import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, FiguresResponse } from '../../server/contract/index.ts';
import { zoneToday } from '../../server/contract/zone-time.ts';
import { sessionAs } from '../support/sessions.ts';
import { useScratchAppEach, useTestApp } from '../support/test-app.ts';

describe('GET /api/dataset', () => {
  const t = useTestApp();
  let d: Dataset;
  beforeAll(async () => {
    const res = await t.app().inject('/api/dataset');
    expect(res.statusCode).toBe(200);
    d = res.json<Dataset>();
  });

  it('names the zone as the one 城区 row, with the extent of its boundary', async () => {
    const [zone] = await t.db().query<{ code: string; name: string; bbox: number[] }>(
      `SELECT code, name, ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS bbox
       FROM (SELECT code, name, ST_Extent(geom)::box2d AS e FROM area WHERE level = 'chengqu'
             GROUP BY code, name) z`,
    );
    expect(d.zone?.code).toBe(zone!.code);
    expect(d.zone?.name).toBe(zone!.name);
    d.zone!.bbox.forEach((v, i) => expect(v).toBeCloseTo(Number(zone!.bbox[i]), 5));
  });

  it('lists the streets the areas name, as rows', async () => {
    const rows = await t
      .db()
      .query<{ code: string; name: string }>('SELECT code, name FROM street ORDER BY code');
    expect(d.streets).toEqual(rows);
    const named = await t
      .db()
      .query<{ street: string }>('SELECT DISTINCT street FROM area WHERE street IS NOT NULL');
    const codes = new Set(d.streets.map((s) => s.code));
    expect(named.every((r) => codes.has(r.street))).toBe(true);
  });

  it("reads the record's months from the data, in the data set's time zone", async () => {
    const [span] = await t.db().query<{ first: string; last: string }>(
      `SELECT to_char(min(reported_at) AT TIME ZONE zone_tz(), 'YYYY-MM') AS first,
              to_char(greatest(max(reported_at), max(resolved_at)) AT TIME ZONE zone_tz(), 'YYYY-MM') AS last
       FROM issue`,
    );
    expect(d.record.firstMonth).toBe(span!.first);
    expect(d.record.lastMonth! >= span!.last).toBe(true);
    expect(d.record.lastDay!.slice(0, 7)).toBe(d.record.lastMonth);
  });

  it("tells today in the zone's clock and says the demo is the demo", async () => {
    const [row] = await t
      .db()
      .query<{ tz: string; source: string }>('SELECT time_zone AS tz, source FROM dataset');
    expect(d.timeZone).toBe(row!.tz);
    // The day may turn between the request and this line: either side of midnight is right.
    const now = Date.now();
    expect([zoneToday(d.timeZone, new Date(now - 60_000)), zoneToday(d.timeZone)]).toContain(
      d.today,
    );
    expect(d.isDemo).toBe(row!.source === 'demo');
  });
});

describe('PUT /api/admin/dataset', () => {
  const t = useScratchAppEach({ publicDemo: true });
  const put = async (payload: unknown, role: 'admin' | 'planner' = 'admin') =>
    t.app().inject({
      method: 'PUT',
      url: '/api/admin/dataset',
      headers: { cookie: await sessionAs(t.app(), t.db(), role) },
      payload: payload as object,
    });

  it('refuses a time zone that does not exist, naming it, and changes nothing', async () => {
    const before = await t.db().query('SELECT time_zone FROM dataset');
    const res = await put({ timeZone: 'Mars/Olympus_Mons' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toContain('Mars/Olympus_Mons');
    expect(await t.db().query('SELECT time_zone FROM dataset')).toEqual(before);
  });

  it('is for admins only', async () => {
    const res = await put({ name: 'x' }, 'planner');
    expect(res.statusCode).toBe(403);
  });

  it('moves every figure to the new clock: a month counts the issues reported in it there', async () => {
    // A zone 13 hours away from most of the world moves issues reported in the evening into
    // the next day, and some into the next month.
    const timeZone = 'Pacific/Kiritimati';
    const res = await put({ timeZone, name: '测试数据集' });
    expect(res.statusCode).toBe(200);
    const body = res.json<Dataset>();
    expect(body.timeZone).toBe(timeZone);
    expect(body.name).toBe('测试数据集');
    const [zone] = await t
      .db()
      .query<{ code: string }>("SELECT code FROM area WHERE level = 'chengqu'");
    // A month of the record, counted in the new clock by plain SQL.
    const [m] = await t.db().query<{ month: string; n: number }>(
      `SELECT to_char(date_trunc('month', reported_at AT TIME ZONE $1), 'YYYY-MM') AS month,
              count(*)::int AS n
       FROM issue GROUP BY 1 ORDER BY 1 LIMIT 1 OFFSET 6`,
      [timeZone],
    );
    const [y, mo] = m!.month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const figures = await t
      .app()
      .inject(
        `/api/figures?codes=${zone!.code}&window=range&from=${m!.month}-01&to=${m!.month}-${last}`,
      );
    expect(figures.statusCode).toBe(200);
    expect(figures.json<FiguresResponse>().areas[0]!.figures.issues.total).toBe(m!.n);
    // The rollup the zone's whole-month figures read was rebuilt in the new clock.
    const [stale] = await t.db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT reported_month, sum(n) AS n FROM issue_rollup WHERE zoom = 0 GROUP BY 1
         EXCEPT
         SELECT date_trunc('month', reported_at AT TIME ZONE $1)::date, count(*) FROM issue GROUP BY 1
       ) d`,
      [timeZone],
    );
    expect(stale!.n).toBe(0);
  });
});
