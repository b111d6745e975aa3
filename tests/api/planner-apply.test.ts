/** The planner API: a scenario applied as a new boundary version, and the assignment on a day. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import type { PlannerUnits } from '../../server/contract/index.ts';
import { applyWarnings } from '../../server/contract/planner-metrics.ts';
import { localDate, openPlannerApp, plannerHelpers } from '../support/planner-app.ts';
import { stopScratchApp } from '../support/test-app.ts';

describe('planner API: apply', () => {
  let db: Db;
  let app: FastifyInstance;
  let planner: string;
  let units: PlannerUnits;

  // This suite writes (scenarios, an applied version): a seeded database of its own.
  beforeAll(async () => {
    ({ db, app, planner, units } = await openPlannerApp());
  });
  afterAll(() => stopScratchApp(app, db));

  const { as, current, body, save, borderMove } = plannerHelpers(() => ({
    db,
    app,
    planner,
    units,
  }));

  describe('apply', () => {
    /** The scenario's apply warnings, as the dialog lists them from its saved metrics. */
    const warningsOf = async (id: number) =>
      applyWarnings(
        (await app.inject({ url: `/api/planner/scenarios/${id}`, headers: as(planner) })).json()
          .metrics,
      ).map((w) => w.id);
    /** Applies as a planner who confirmed every warning (the guard has its own case). */
    const apply = async (id: number, effectiveFrom: string, overrides?: string[]) =>
      app.inject({
        method: 'POST',
        url: `/api/planner/scenarios/${id}/apply`,
        headers: as(planner),
        payload: { effectiveFrom, note: 'test', overrides: overrides ?? (await warningsOf(id)) },
      });
    const on = async (d: string) =>
      (await app.inject({ url: `/api/planner/assignment?on=${d}`, headers: as(planner) })).json();
    const pick = (a: { shequ: { code: string; pianquCode: string }[] }, c: string) =>
      a.shequ.find((x) => x.code === c)!.pianquCode;

    it('makes a scenario the current configuration, keeps history, audits; then dissolves a 片区', async () => {
      // A new 片区 of one 社区 (with issues, taken from a 片区 of several) and a border move.
      const of = current();
      const size = (p: string) => units.units.filter((u) => u.pianquCode === p).length;
      const { unit, to: heir } = borderMove();
      const lone = units.units.find(
        (u) =>
          u.code !== unit &&
          u.pianquCode !== heir &&
          size(u.pianquCode) > 2 &&
          u.figures.issues12m > 0,
      )!;
      const assignment = { ...of, [unit]: heir, [lone.code]: 'PQNEW' };
      const pianqu = [...units.pianqu, { code: 'PQNEW', name: '新建片区', isNew: true }];
      const s = await save(body({ name: '调整方案', assignment, pianqu }));
      const effectiveFrom = localDate(10);
      const beforeDay = localDate(11);

      const areasVersion = async () =>
        Number(
          (
            await db.query<{ v: number }>(
              `SELECT version AS v FROM data_version WHERE layer = 'areas'`,
            )
          )[0]!.v,
        );
      const tilesBefore = await areasVersion();
      const res = await apply(s.id, effectiveFrom);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json()).toMatchObject({ effectiveFrom, scenarioId: s.id, current: true });
      const version = res.json().id;

      // Parent codes and the new 片区.
      const parents = await db.query<{ code: string; parent_code: string }>(
        `SELECT code, parent_code FROM area WHERE level = 'shequ'`,
      );
      for (const p of parents) expect(p.parent_code, p.code).toBe(assignment[p.code]);

      // Each changed 片区's geometry is the union of its members, its sums theirs.
      for (const code of [heir, 'PQNEW', of[unit]!]) {
        const [g] = await db.query<{ d: number; a: number; valid: boolean; pop: number }>(
          `SELECT ST_Area(ST_SymDifference(p.geom, ST_Union(s.geom))::geography)::float8 AS d,
                  ST_Area(p.geom::geography)::float8 AS a, ST_IsValid(p.geom) AS valid,
                  p.population AS pop
           FROM area p JOIN area s ON s.parent_code = p.code AND s.level = 'shequ'
           WHERE p.code = $1 GROUP BY p.code, p.geom, p.population`,
          [code],
        );
        expect(g!.valid, code).toBe(true);
        expect(g!.d / g!.a, code).toBeLessThan(1e-6);
        const pop = units.units
          .filter((u) => assignment[u.code] === code)
          .reduce((t, u) => t + u.figures.population, 0);
        expect(g!.pop, code).toBe(pop);
      }

      // History: the configuration before and after the effective date.
      const before = await on(beforeDay);
      const after = await on(localDate(0));
      expect(pick(before, unit)).toBe(of[unit]);
      expect(pick(after, unit)).toBe(heir);
      expect(pick(before, lone.code)).toBe(lone.pianquCode);
      expect(pick(after, lone.code)).toBe('PQNEW');
      expect(after.version.id).toBe(version);
      expect(before.version.id).toBe(units.version.id);

      // The versions list, and the units of the new version.
      const versions = (
        await app.inject({ url: '/api/planner/versions', headers: as(planner) })
      ).json();
      expect(versions.map((v: { id: number; current: boolean }) => [v.id, v.current])).toEqual([
        [units.version.id, false],
        [version, true],
      ]);
      // The loaded version is worded by the client from its origin; the applied one keeps the
      // planner's note.
      expect(versions.map((v: { origin: string; note: string }) => [v.origin, v.note])).toEqual([
        ['loaded', ''],
        ['scenario', 'test'],
      ]);
      const now = (await app.inject({ url: '/api/planner/units', headers: as(planner) })).json();
      expect(now.version.id).toBe(version);
      expect(now.units.find((u: { code: string }) => u.code === lone.code).pianquCode).toBe(
        'PQNEW',
      );

      // The dashboard reads the new configuration at once; cached tiles are keyed by a version
      // the apply moved.
      expect(await areasVersion()).toBeGreaterThan(tilesBefore);
      const areas = (await app.inject('/api/areas?level=pianqu')).json();
      expect(areas.features.map((f: { id: string }) => f.id)).toContain('PQNEW');

      // Past statistics: the boundaries of their time, or today's.
      // Whole months before the effective date (35 days earlier is always an earlier month).
      const month = localDate(45).slice(0, 7);
      const from = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
      const history = async (attribution: string) =>
        (
          await app.inject({
            url: `/api/planner/issue-history?from=${from}&to=${month}&attribution=${attribution}`,
            headers: as(planner),
          })
        ).json();
      const then = await history('then');
      const today = await history('now');
      const total = (h: { rows: { issues: number }[] }) => h.rows.reduce((t, r) => t + r.issues, 0);
      expect(total(then)).toBe(total(today));
      const has = (h: { rows: { pianquCode: string }[] }, c: string) =>
        h.rows.some((r) => r.pianquCode === c);
      expect(has(then, 'PQNEW')).toBe(false);
      expect(has(today, 'PQNEW')).toBe(true);

      // The audit log has the apply.
      const [audit] = await db.query<{ actor: string; detail: Record<string, unknown> }>(
        `SELECT actor, detail FROM audit_log WHERE action = 'planner.apply' AND target = $1`,
        [`scenario:${s.id}`],
      );
      expect(audit!.actor).toMatch(/^t_planner_/);
      expect(audit!.detail).toMatchObject({
        version,
        moved: [unit, lone.code].sort(),
        created: ['PQNEW'],
        dissolved: [],
      });

      // The same scenario again: it no longer starts from the current version.
      expect((await apply(s.id, localDate(0))).statusCode).toBe(409);

      // Dissolve the new 片区 again: it leaves area, its history stays.
      const back = await save({
        name: '撤销新片区',
        baseVersion: version,
        assignment: { ...assignment, [lone.code]: lone.pianquCode },
        pianqu: units.pianqu,
      });
      const second = await apply(back.id, localDate(5));
      expect(second.statusCode, second.body.slice(0, 300)).toBe(200);
      const left = await db.query(`SELECT 1 FROM area WHERE code = 'PQNEW'`);
      expect(left).toEqual([]);
      expect(pick(await on(localDate(7)), lone.code)).toBe('PQNEW');
      const last = await on(localDate(0));
      expect(pick(last, lone.code)).toBe(lone.pianquCode);
      expect(last.version.id).toBe(second.json().id);
    });

    it('dissolves an original 片区 into a neighbour, keeping its meetings as its history', async () => {
      const fresh: PlannerUnits = (
        await app.inject({ url: '/api/planner/units', headers: as(planner) })
      ).json();
      const of = Object.fromEntries(fresh.units.map((u) => [u.code, u.pianquCode]));
      const edge = fresh.adjacency.find(
        (e) => of[e.a] !== of[e.b] && of[e.a]!.startsWith('PQ') && of[e.a] !== 'PQNEW',
      )!;
      const gone = of[edge.a]!;
      const heir = of[edge.b]!;
      const assignment = Object.fromEntries(
        Object.entries(of).map(([u, p]) => [u, p === gone ? heir : p]),
      );
      const count = async (sql: string) =>
        Number((await db.query<{ n: number }>(sql, [gone]))[0]!.n);
      const meetings = await count(
        'SELECT count(*)::int AS n FROM pianqu_meeting WHERE pianqu_code = $1',
      );
      const agenda = await count(
        'SELECT count(*)::int AS n FROM agenda_item WHERE pianqu_code = $1',
      );
      expect(meetings).toBeGreaterThan(0);
      const s = await save({
        name: '合并片区',
        baseVersion: fresh.version.id,
        assignment,
        pianqu: fresh.pianqu.filter((p) => p.code !== gone),
      });
      const res = await apply(s.id, localDate(2));
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(await count('SELECT count(*)::int AS n FROM area WHERE code = $1')).toBe(0);
      expect(
        await count('SELECT count(*)::int AS n FROM pianqu_meeting WHERE pianqu_code = $1'),
      ).toBe(meetings);
      expect(await count('SELECT count(*)::int AS n FROM agenda_item WHERE pianqu_code = $1')).toBe(
        agenda,
      );
      expect(
        await count('SELECT count(*)::int AS n FROM shared_resource WHERE pianqu_code = $1'),
      ).toBe(0);
      // Search no longer offers the dissolved 片区.
      expect(await count(`SELECT count(*)::int AS n FROM search_key WHERE code = $1`)).toBe(0);
    });

    it('refuses a plan with a 片区 in pieces or outside the band until each is confirmed, and audits the override', async () => {
      const fresh: PlannerUnits = (
        await app.inject({ url: '/api/planner/units', headers: as(planner) })
      ).json();
      const of = Object.fromEntries(fresh.units.map((u) => [u.code, u.pianquCode]));
      // A 片区 of one 社区 is far below the ideal population: outside the band.
      const lone = fresh.units.find(
        (u) => fresh.units.filter((x) => x.pianquCode === u.pianquCode).length > 2,
      )!;
      const s = await save({
        name: '单社区片区',
        baseVersion: fresh.version.id,
        assignment: { ...of, [lone.code]: 'PQLONE' },
        pianqu: [...fresh.pianqu, { code: 'PQLONE', name: '单社区片区', isNew: true }],
      });
      const warnings = await warningsOf(s.id);
      expect(warnings).toContain('outsideBand:PQLONE');
      const versionNow = async () =>
        (await app.inject({ url: '/api/planner/units', headers: as(planner) })).json().version.id;

      const none = await apply(s.id, localDate(1), []);
      expect(none.statusCode).toBe(409);
      expect(none.json()).toMatchObject({ code: 'planner.unconfirmed' });
      expect(none.json().params.outsideBand).toContain('PQLONE');
      const allButOne = await apply(s.id, localDate(1), warnings.slice(1));
      expect(allButOne.statusCode).toBe(409);
      expect(await versionNow()).toBe(fresh.version.id);

      const confirmed = await apply(s.id, localDate(1), warnings);
      expect(confirmed.statusCode, confirmed.body.slice(0, 300)).toBe(200);
      const [audit] = await db.query<{ detail: { overrides: string[] } }>(
        `SELECT detail FROM audit_log WHERE action = 'planner.apply' AND target = $1`,
        [`scenario:${s.id}`],
      );
      expect(audit!.detail.overrides).toEqual(warnings);
    });

    it('refuses an effective date that does not exist', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios/1/apply',
        headers: as(planner),
        payload: { effectiveFrom: '2026-02-30' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('2026-02-30');
      const on = await app.inject({
        url: '/api/planner/assignment?on=2026-02-30',
        headers: as(planner),
      });
      expect(on.statusCode).toBe(400);
    });
  });
});
