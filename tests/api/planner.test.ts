/** The planner API: the units it reads, scenarios saved and compared, and who may use it. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import type { PlannerUnits } from '../../server/contract/index.ts';
import { buildGraph, computeMetrics } from '../../server/contract/planner-metrics.ts';
import { kioskSession, sessionAs } from '../support/sessions.ts';
import { openPlannerApp, plannerHelpers } from '../support/planner-app.ts';
import { stopScratchApp } from '../support/test-app.ts';

describe('planner API', () => {
  let db: Db;
  let app: FastifyInstance;
  let planner: string;
  let units: PlannerUnits;

  // This suite writes (scenarios, an applied version): a seeded database of its own.
  beforeAll(async () => {
    ({ db, app, planner, units } = await openPlannerApp());
  });
  afterAll(() => stopScratchApp(app, db));

  const { as, current, body, save, scenarioCount, borderMove } = plannerHelpers(() => ({
    db,
    app,
    planner,
    units,
  }));

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
});
