import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import {
  DEFAULT_BAND_PCT,
  SCENARIO_SCHEMA_VERSION,
  type PlanMetrics,
  type Scenario,
  type ScenarioBody,
  type ScenarioSummary,
} from '../../contract/index.ts';

const SQL = sqlQueries(new URL('./scenarios.sql', import.meta.url), [
  'listScenarios',
  'scenarioById',
  'insertScenario',
  'updateScenario',
  'duplicateScenario',
  'deleteScenario',
  'markApplied',
  'dissolvedPianqu',
]);

/** One 片区 of a scenario dissolved into a polygon, with its sums. */
export interface DissolvedPianquRow {
  code: string;
  units: number;
  population: number;
  households: number;
  members_area_m2: number;
  area_m2: number;
  valid: boolean;
  geometry: unknown;
}

/** The SQL of saved scenarios (`scenarios.sql`). */
export function scenariosRepository(q: Queryable) {
  async function byId(id: number): Promise<Scenario | null> {
    const [row] = await q.query<Scenario>(SQL.scenarioById, [id]);
    return row ?? null;
  }
  const saved = async (rows: { id: number }[]) => (rows[0] ? byId(rows[0].id) : null);
  const values = (body: ScenarioBody, metrics: PlanMetrics) => [
    body.name,
    body.notes ?? '',
    body.baseVersion,
    JSON.stringify(body.assignment),
    JSON.stringify(body.pianqu),
    JSON.stringify(body.locked ?? []),
    body.bandPct ?? DEFAULT_BAND_PCT,
    JSON.stringify(metrics),
    SCENARIO_SCHEMA_VERSION,
  ];

  return {
    byId,
    list: () => q.query<ScenarioSummary>(SQL.listScenarios),
    async insert(body: ScenarioBody, metrics: PlanMetrics, author: string) {
      return saved(
        await q.query<{ id: number }>(SQL.insertScenario, [...values(body, metrics), author]),
      );
    },
    /** Replaces a scenario; null when there is none with that id. */
    async update(id: number, body: ScenarioBody, metrics: PlanMetrics) {
      return saved(
        await q.query<{ id: number }>(SQL.updateScenario, [...values(body, metrics), id]),
      );
    },
    async duplicate(id: number, author: string) {
      return saved(await q.query<{ id: number }>(SQL.duplicateScenario, [id, author]));
    },
    async remove(id: number): Promise<boolean> {
      return (await q.query(SQL.deleteScenario, [id])).length > 0;
    },
    async markApplied(id: number, versionId: number): Promise<void> {
      await q.query(SQL.markApplied, [id, versionId]);
    },
    dissolved: (s: Scenario) =>
      q.query<DissolvedPianquRow>(SQL.dissolvedPianqu, [
        s.baseVersion,
        JSON.stringify(s.assignment),
      ]),
  };
}
