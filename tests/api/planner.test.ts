import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import type { PlannerUnits, Scenario, ScenarioBody } from '../../server/contract/index.ts';
import { buildGraph, computeMetrics } from '../../server/contract/planner-metrics.ts';
import { kioskSession, sessionAs } from '../support/sessions.ts';
import { openScratchDb } from '../support/test-db.ts';

/** Today in the zone (+08:00), and a date some days before it. */
const localDate = (daysAgo = 0) =>
  new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe('planner API', () => {
  let db: Db;
  let app: FastifyInstance;
  let planner: string;
  let units: PlannerUnits;

  // This suite writes (scenarios, an applied version): a seeded database of its own.
  beforeAll(async () => {
    db = await openScratchDb();
    app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 100_000 });
    planner = await sessionAs(app, db, 'planner');
    const res = await app.inject({ url: '/api/planner/units', headers: { cookie: planner } });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    units = res.json();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const as = (cookie: string) => ({ cookie });
  const current = () => Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode]));
  const body = (over: Partial<ScenarioBody> = {}): ScenarioBody => ({
    name: '测试方案',
    baseVersion: units.version.id,
    assignment: current(),
    pianqu: units.pianqu,
    ...over,
  });
  const save = async (b: ScenarioBody) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/planner/scenarios',
      headers: as(planner),
      payload: b,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    return res.json() as Scenario;
  };
  const scenarioCount = async () =>
    Number(
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM planner_scenario'))[0]!.n,
    );
  /** The first 社区 of a 片区 that has a neighbour in another 片区, and that 片区. */
  const borderMove = () => {
    const of = new Map(units.units.map((u) => [u.code, u.pianquCode]));
    const e = units.adjacency.find((x) => of.get(x.a) !== of.get(x.b))!;
    return { unit: e.a, from: of.get(e.a)!, to: of.get(e.b)! };
  };

  describe('units', () => {
    it('lists every 社区 with figures summed in the database', async () => {
      const [sql] = await db.query<{ n: number; pop: number; workers: number; sites: number }>(
        `SELECT (SELECT count(*)::int FROM area WHERE level = 'shequ') AS n,
                (SELECT sum(population)::int FROM area WHERE level = 'xiaoqu') AS pop,
                (SELECT sum(count)::int FROM worker_post) AS workers,
                (SELECT count(*)::int FROM site) AS sites`,
      );
      expect(units.units).toHaveLength(sql!.n);
      const sum = (k: 'population' | 'workers' | 'sites') =>
        units.units.reduce((t, u) => t + u.figures[k], 0);
      expect(sum('population')).toBe(sql!.pop);
      expect(sum('workers')).toBe(sql!.workers);
      expect(sum('sites')).toBe(sql!.sites);
      expect(units.shapes.features).toHaveLength(sql!.n);
      expect(units.pianqu.length).toBeGreaterThan(1);
    });

    it('finds the shared boundaries on this backend: Σ perimeters = 2 Σ shared + zone edge', async () => {
      // An overlay that silently returned no rows would leave adjacency empty or short.
      const [zone] = await db.query<{ p: number }>(
        `SELECT ST_Perimeter(ST_Union(geom)::geography)::float8 AS p FROM area WHERE level = 'shequ'`,
      );
      const perimeters = units.units.reduce((t, u) => t + u.perimeterM, 0);
      const shared = units.adjacency.reduce((t, e) => t + e.sharedM, 0);
      const edge = units.units.reduce((t, u) => t + u.zoneEdgeM, 0);
      expect(units.adjacency.length).toBeGreaterThan(units.units.length);
      expect(edge).toBeCloseTo(zone!.p, -1);
      expect(Math.abs(perimeters - 2 * shared - edge) / perimeters).toBeLessThan(1e-9);
      // Every pair is a real neighbour: both 社区 exist, a < b, a positive length.
      const codes = new Set(units.units.map((u) => u.code));
      for (const e of units.adjacency) {
        expect(codes.has(e.a) && codes.has(e.b) && e.a < e.b && e.sharedM > 0).toBe(true);
      }
      // One edge line per pair, plus the zone-edge lines.
      expect(units.edges.features.filter((f) => f.properties.b !== null)).toHaveLength(
        units.adjacency.length,
      );
      expect(units.edges.features.some((f) => f.properties.b === null)).toBe(true);
    });
  });

  describe('scenarios', () => {
    it('saves with the author from the session and the metrics of metrics.ts', async () => {
      const { unit, to } = borderMove();
      const assignment = { ...current(), [unit]: to };
      const s = await save(body({ name: '边界调整', notes: '试算', assignment, bandPct: 0.2 }));
      expect(s.author).toMatch(/^t_planner_/);
      expect(s.assignment[unit]).toBe(to);
      const graph = buildGraph(units.units, units.adjacency);
      expect(s.metrics).toEqual(computeMetrics(graph, assignment, units.pianqu, { bandPct: 0.2 }));
    });

    it('lists, gets, updates, duplicates and deletes', async () => {
      const s = await save(body({ name: '列表' }));
      const list = await app.inject({ url: '/api/planner/scenarios', headers: as(planner) });
      expect(list.json().map((x: { id: number }) => x.id)).toContain(s.id);
      const got = await app.inject({ url: `/api/planner/scenarios/${s.id}`, headers: as(planner) });
      expect(got.json()).toEqual(s);
      const put = await app.inject({
        method: 'PUT',
        url: `/api/planner/scenarios/${s.id}`,
        headers: as(planner),
        payload: body({ name: '改名' }),
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().name).toBe('改名');
      const dup = await app.inject({
        method: 'POST',
        url: `/api/planner/scenarios/${s.id}/duplicate`,
        headers: as(planner),
      });
      expect(dup.statusCode).toBe(201);
      expect(dup.json()).toMatchObject({ name: '改名 (副本)', assignment: s.assignment });
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/planner/scenarios/${s.id}`,
        headers: as(planner),
      });
      expect(del.statusCode).toBe(204);
      const gone = await app.inject({
        url: `/api/planner/scenarios/${s.id}`,
        headers: as(planner),
      });
      expect(gone.statusCode).toBe(404);
    });

    it('refuses an assignment with unknown or missing 社区, naming them, and writes nothing', async () => {
      const before = await scenarioCount();
      const assignment: Record<string, string> = { ...current(), NOPE1: units.pianqu[0]!.code };
      delete assignment[units.units[0]!.code];
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios',
        headers: as(planner),
        payload: body({ assignment }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('NOPE1');
      expect(res.json().message).toContain(units.units[0]!.code);
      expect(await scenarioCount()).toBe(before);
    });

    it('refuses a new 片区 code that an area already has', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios',
        headers: as(planner),
        payload: body({
          pianqu: [...units.pianqu, { code: units.units[0]!.code, name: 'x', isNew: true }],
        }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(units.units[0]!.code);
    });
  });

  describe('compare', () => {
    it('gives the metrics of each plan and the 社区 that moved', async () => {
      const { unit, to } = borderMove();
      const a = await save(body({ name: 'A' }));
      const b = await save(body({ name: 'B', assignment: { ...current(), [unit]: to } }));
      const res = await app.inject({
        url: `/api/planner/compare?ids=current,${a.id},${b.id}`,
        headers: as(planner),
      });
      expect(res.statusCode).toBe(200);
      const c = res.json();
      expect(c.plans.map((p: { id: string }) => p.id)).toEqual([
        'current',
        String(a.id),
        String(b.id),
      ]);
      expect(c.plans[0].metrics).toEqual(a.metrics);
      expect(c.moved).toEqual([
        {
          code: unit,
          name: units.units.find((u) => u.code === unit)!.name,
          pianqu: [current()[unit], current()[unit], to],
        },
      ]);
    });

    it('answers 404 for an unknown scenario', async () => {
      const res = await app.inject({
        url: '/api/planner/compare?ids=current,999999',
        headers: as(planner),
      });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('export', () => {
    it('exports dissolved 片区 as valid GeoJSON whose areas equal their members', async () => {
      const s = await save(body({ name: '导出' }));
      const res = await app.inject({
        url: `/api/planner/scenarios/${s.id}/export.geojson`,
        headers: as(planner),
      });
      expect(res.statusCode).toBe(200);
      const fc = res.json();
      expect(fc.features).toHaveLength(units.pianqu.length);
      for (const f of fc.features) {
        const members = units.units.filter((u) => u.pianquCode === f.properties.code);
        const [check] = await db.query<{ valid: boolean; area: number; parts: number }>(
          `SELECT ST_IsValid(g) AS valid, ST_Area(g::geography)::float8 AS area,
                  ST_NumGeometries(g)::int AS parts
           FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) t`,
          [JSON.stringify(f.geometry)],
        );
        expect(check!.valid, f.properties.code).toBe(true);
        const sum = members.reduce((t, u) => t + u.areaM2, 0);
        expect(Math.abs(check!.area - sum) / sum, f.properties.code).toBeLessThan(1e-4);
        const plan = s.metrics.pianqu.find((p) => p.code === f.properties.code)!;
        // No slivers or gaps: one polygon per connected piece.
        expect(check!.parts).toBe(plan.components.length);
        expect(f.properties.population).toBe(plan.figures.population);
      }
    });

    it('exports the assignment as UTF-8 CSV with a BOM', async () => {
      const s = await save(body({ name: 'CSV' }));
      const res = await app.inject({
        url: `/api/planner/scenarios/${s.id}/export.csv`,
        headers: as(planner),
      });
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('shequ_code,pianqu_code');
      expect(lines).toHaveLength(units.units.length + 1);
      expect(lines).toContain(`${units.units[0]!.code},${units.units[0]!.pianquCode}`);
    });
  });

  describe('import', () => {
    const csv = (rows: string[][], header = 'shequ_code,pianqu_code') =>
      Buffer.from('\uFEFF' + [header, ...rows.map((r) => r.join(','))].join('\r\n'), 'utf8');
    const all = () => units.units.map((u) => [u.code, u.pianquCode]);
    const post = (payload: Buffer, query = '') =>
      app.inject({
        method: 'POST',
        url: `/api/planner/import${query}`,
        headers: { ...as(planner), 'content-type': 'text/csv' },
        payload,
      });

    it('imports a file the export wrote, with a new 片区', async () => {
      const rows = all();
      rows[0]![1] = 'PQX1';
      const res = await post(csv(rows), '?name=%E5%AF%BC%E5%85%A5');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      const s = res.json() as Scenario;
      expect(s.name).toBe('导入');
      expect(s.assignment[rows[0]![0]!]).toBe('PQX1');
      expect(s.pianqu.find((p) => p.code === 'PQX1')).toMatchObject({ isNew: true });
    });

    it.each([
      ['an empty file', () => Buffer.alloc(0), 'empty_file', null],
      [
        'a GBK file (社区 in GBK on row 2)',
        () => Buffer.concat([csv([]), Buffer.from([0x0a, 0xc9, 0xe7, 0xc7, 0xf8])]),
        'not_utf8',
        2,
      ],
      ['a wrong header', () => csv(all(), 'code,district'), 'bad_header', 1],
    ] as const)(
      'rejects %s with a report and writes nothing',
      async (_what, payload, problem, row) => {
        const before = await scenarioCount();
        const res = await post(payload());
        expect(res.statusCode).toBe(400);
        expect(res.json().problems).toEqual([expect.objectContaining({ problem, row })]);
        expect(await scenarioCount()).toBe(before);
      },
    );

    it('reports every bad row: unknown code, duplicate, missing 社区', async () => {
      const before = await scenarioCount();
      const rows = all();
      const missing = rows[1]![0]!;
      rows[1] = ['SQ_NOPE', rows[1]![1]!];
      rows.push([rows[0]![0]!, rows[0]![1]!]);
      const res = await post(csv(rows));
      expect(res.statusCode).toBe(400);
      const problems = res.json().problems;
      expect(problems).toEqual([
        expect.objectContaining({ row: 3, code: 'SQ_NOPE', problem: 'unknown_shequ' }),
        expect.objectContaining({ row: rows.length + 1, code: rows[0]![0], problem: 'duplicate' }),
        expect.objectContaining({ row: null, code: missing, problem: 'missing_shequ' }),
      ]);
      expect(problems[1].message).toContain('row 2');
      expect(res.json().message).toContain('Nothing imported');
      expect(await scenarioCount()).toBe(before);
    });

    it('asks for a CSV body when sent JSON', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/import',
        headers: as(planner),
        payload: { csv: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('text/csv');
    });
  });

  describe('apply', () => {
    const apply = (id: number, effectiveFrom: string) =>
      app.inject({
        method: 'POST',
        url: `/api/planner/scenarios/${id}/apply`,
        headers: as(planner),
        payload: { effectiveFrom, note: 'test' },
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

  describe('access', () => {
    it('refuses officials and screens with 403, anonymous visitors with 401', async () => {
      const official = await sessionAs(app, db, 'official', units.pianqu[0]!.code);
      const screen = await kioskSession(app, db);
      const admin = await sessionAs(app, db, 'admin');
      for (const [cookie, status] of [
        [official, 403],
        [screen, 403],
        [undefined, 401],
        [admin, 200],
      ] as const) {
        const res = await app.inject({
          url: '/api/planner/scenarios',
          headers: cookie ? { cookie } : {},
        });
        expect(res.statusCode, String(cookie)).toBe(status);
      }
      const post = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios',
        headers: as(official),
        payload: body(),
      });
      expect(post.statusCode).toBe(403);
    });
  });

  describe('scenario CSV export', () => {
    /** A scenario moving the first two 社区 into new 片区 coded like formulas. */
    async function scenarioWithCodes(codes: [string, string]) {
      const assignment = Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode]));
      const [a, b] = units.units;
      assignment[a!.code] = codes[0];
      assignment[b!.code] = codes[1];
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios',
        headers: { cookie: planner },
        payload: {
          name: '公式样代码',
          baseVersion: units.version.id,
          assignment,
          pianqu: [
            ...units.pianqu,
            ...codes.map((code) => ({ code, name: `新片区${code}`, isNew: true })),
          ],
        },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      return { id: (res.json() as Scenario).id, a: a!.code, b: b!.code };
    }

    const exportCsv = async (id: number) => {
      const res = await app.inject({
        url: `/api/planner/scenarios/${id}/export.csv`,
        headers: { cookie: planner },
      });
      expect(res.statusCode).toBe(200);
      return { res, rows: parse(res.rawPayload, { bom: true }) as string[][] };
    };

    it('writes codes such as -2-3 and -A1 as text, as profile.csv does', async () => {
      const s = await scenarioWithCodes(['-2-3', '-A1']);
      const { rows } = await exportCsv(s.id);
      const of = new Map(rows.slice(1).map(([shequ, pianqu]) => [shequ!, pianqu!]));
      expect(of.get(s.a)).toBe("'-2-3");
      expect(of.get(s.b)).toBe("'-A1");
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('neutralises =1+1 and @SUM in any column, whatever the stored scenario holds', async () => {
      const s = await scenarioWithCodes(['PQX1', 'PQX2']);
      // Stored past the API's code check, as an older version or a hand edit could have left it.
      await db.query(
        `UPDATE planner_scenario SET assignment = assignment || jsonb_build_object($2::text, $3::text, $4::text, $5::text)
         WHERE id = $1`,
        [s.id, s.a, '=1+1', '@SUM', s.b],
      );
      const { rows } = await exportCsv(s.id);
      const of = new Map(rows.slice(1).map(([shequ, pianqu]) => [shequ!, pianqu!]));
      expect(of.get(s.a)).toBe("'=1+1");
      expect(of.get("'@SUM")).toBe(s.b);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('imports its own export back to the same assignment', async () => {
      const s = await scenarioWithCodes(['-2-3', '-A1']);
      const { res } = await exportCsv(s.id);
      const back = await app.inject({
        method: 'POST',
        url: '/api/planner/import',
        headers: { cookie: planner, 'content-type': 'text/csv' },
        payload: res.rawPayload,
      });
      expect(back.statusCode, back.body.slice(0, 300)).toBe(201);
      const imported = back.json() as Scenario;
      expect(imported.assignment[s.a]).toBe('-2-3');
      expect(imported.assignment[s.b]).toBe('-A1');
    });
  });
});
