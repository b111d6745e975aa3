/** The overlays other than issues: 邻里之家 coverage, staff on duty and tourist pressure. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuty } from '../../server/features/staff/duty.ts';
import { sitesRepository } from '../../server/features/sites/repository.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';
import type { Sites } from '../../server/contract/index.ts';

describe('邻里之家 coverage', () => {
  const t = useTestApp();

  it('finds a compound beyond a walk from every site, measured on the spheroid', async () => {
    // A hand-made place far from the demo data: a 小区 with a site exactly 400 m to its north.
    await t
      .db()
      .transaction(async (tx) => {
        await tx.query(`
          INSERT INTO area (code, level, parent_code, name, households, population, geom, label_point)
          SELECT v.code, v.level, v.parent, v.name, 500, 1200,
                 ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(121.5, 37.0), 4326)::geography, v.r)::geometry),
                 ST_SetSRID(ST_MakePoint(121.5, 37.0), 4326)
          FROM (VALUES ('TPQ', 'pianqu', '371071', '测试片区', 900),
                       ('TSQ', 'shequ', 'TPQ', '测试社区', 800),
                       ('TXQ', 'xiaoqu', 'TSQ', '测试小区', 100)) AS v(code, level, parent, name, r)`);
        await tx.query(`
          INSERT INTO site (code, name, xiaoqu_code, room_kind, services, opening_hours, floor_area_m2, geom)
          VALUES ('TLJ', '测试邻里之家', 'TXQ', 'idle_room', '{}', '全天', 100,
                  ST_Project(ST_SetSRID(ST_MakePoint(121.5, 37.0), 4326)::geography, 400, 0)::geometry)`);
        const repo = sitesRepository(tx);
        const near = await repo.coverage(300, 'TPQ');
        expect(near.uncovered).toHaveLength(1);
        expect(near.uncovered[0]).toMatchObject({
          code: 'TXQ',
          nearestSite: 'TLJ',
          households: 500,
        });
        expect(near.uncovered[0]!.nearestSiteM).toBeCloseTo(400, 0);
        expect(near.householdsUncovered).toBe(500);
        expect((await repo.coverage(500, 'TPQ')).uncovered).toEqual([]);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  });

  it('lists every 邻里之家 with its services', async () => {
    const res = await t.app().inject('/api/sites');
    const [row] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM site');
    const sites = res.json<Sites>().features.map((f) => f.properties);
    expect(sites).toHaveLength(row!.n);
    expect(sites[0]!.services.length).toBeGreaterThan(0);
  });
});

describe('staff on duty', () => {
  const t = useTestApp();

  it('agrees with the parsed duty schedules at any time', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const schedules = new Map(
      (
        await t
          .db()
          .query<{ code: string; duty_schedule: string }>('SELECT code, duty_schedule FROM staff')
      ).map((r) => [r.code, parseDuty(r.duty_schedule)]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.date({
          min: new Date('2026-01-01T00:00Z'),
          max: new Date('2026-12-31T23:00Z'),
          noInvalidDate: true,
        }),
        async (d) => {
          // Local wall-clock time, written as the API takes it.
          const local = new Date(d.getTime() + 8 * 3600_000);
          const at = local.toISOString().slice(0, 16);
          const res = await t
            .app()
            .inject({ url: `/api/staff/duty?area=371071&at=${at}`, headers: { cookie } });
          const dow = ((local.getUTCDay() + 6) % 7) + 1;
          const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
          const month = local.getUTCMonth() + 1;
          const peak = month === 7 || month === 8 || (month === 10 && local.getUTCDate() <= 7);
          for (const s of res.json() as { code: string; onDuty: boolean }[]) {
            const rule = schedules.get(s.code)!;
            const expected =
              rule.days.includes(dow) &&
              minute >= rule.start &&
              minute < rule.end &&
              (!rule.peakOnly || peak);
            expect(s.onDuty, `${s.code} at ${at}`).toBe(expected);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('tourist pressure and peak mode', () => {
  const t = useTestApp();

  it('peaks in summer at the beach cells', async () => {
    const aug = (await t.app().inject('/api/tourism/pressure?month=8&hour=15')).json();
    const jan = (await t.app().inject('/api/tourism/pressure?month=1&hour=15')).json();
    expect(aug.max).toBeGreaterThan(jan.max * 3);
  });

  it('puts a 小区 in peak mode exactly when its pressure passes the threshold', async () => {
    const res = await t.app().inject('/api/tourism/peak?at=2026-08-08T15:00&threshold=2000');
    const body = res.json();
    expect(body.xiaoqu.some((x: { peakMode: boolean }) => x.peakMode)).toBe(true);
    for (const x of body.xiaoqu) expect(x.peakMode).toBe(x.visitors >= 2000);
  });

  it('hides staff on duty from visitors who may not see staff posts', async () => {
    const anonymous = (await t.app().inject('/api/tourism/peak?at=2026-08-08T15:00')).json();
    expect(anonymous.xiaoqu.every((x: { staffOnDuty: unknown }) => x.staffOnDuty === null)).toBe(
      true,
    );
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const planner = (
      await t.app().inject({ url: '/api/tourism/peak?at=2026-08-08T15:00', headers: { cookie } })
    ).json();
    expect(
      planner.xiaoqu.every((x: { staffOnDuty: unknown }) => typeof x.staffOnDuty === 'number'),
    ).toBe(true);
  });
});
