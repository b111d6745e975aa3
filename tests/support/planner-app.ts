/**
 * The planner suites' set-up: a seeded database of their own (they write scenarios and applied
 * versions), the app on it, a planner's session and the 社区 and 片区 the planner starts from,
 * and the helpers that build, save and count scenarios.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import type { PlannerUnits, Scenario, ScenarioBody } from '../../server/contract/index.ts';
import { sessionAs } from './sessions.ts';
import { openScratchDb } from './test-db.ts';

/** Today in the zone (+08:00), and a date some days before it. */
export const localDate = (daysAgo = 0) =>
  new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** What a planner suite works on. */
export interface PlannerApp {
  db: Db;
  app: FastifyInstance;
  /** A planner's session cookie. */
  planner: string;
  /** The units as the planner first reads them. */
  units: PlannerUnits;
}

/** A scratch database, the app on it, a planner's session and the units it reads. */
export async function openPlannerApp(): Promise<PlannerApp> {
  const db = await openScratchDb();
  const app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 100_000 });
  const planner = await sessionAs(app, db, 'planner');
  const res = await app.inject({ url: '/api/planner/units', headers: { cookie: planner } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return { db, app, planner, units: res.json() };
}

/** The helpers of the planner suites, on the suite's app (read when called). */
export function plannerHelpers(suite: () => PlannerApp) {
  const as = (cookie: string) => ({ cookie });
  const current = () => Object.fromEntries(suite().units.units.map((u) => [u.code, u.pianquCode]));
  const body = (over: Partial<ScenarioBody> = {}): ScenarioBody => ({
    name: '测试方案',
    baseVersion: suite().units.version.id,
    assignment: current(),
    pianqu: suite().units.pianqu,
    ...over,
  });
  const save = async (b: ScenarioBody) => {
    const { app, planner } = suite();
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
      (await suite().db.query<{ n: number }>('SELECT count(*)::int AS n FROM planner_scenario'))[0]!
        .n,
    );
  /** The first 社区 of a 片区 that has a neighbour in another 片区, and that 片区. */
  const borderMove = () => {
    const { units } = suite();
    const of = new Map(units.units.map((u) => [u.code, u.pianquCode]));
    const e = units.adjacency.find((x) => of.get(x.a) !== of.get(x.b))!;
    return { unit: e.a, from: of.get(e.a)!, to: of.get(e.b)! };
  };
  return { as, current, body, save, scenarioCount, borderMove };
}
