import { readFileSync } from 'node:fs';
import type { Db, Queryable, Tx } from '../../db/db.ts';
import {
  DEFAULT_BAND_PCT,
  SCENARIO_SCHEMA_VERSION,
  type Assignment,
  type AssignmentOn,
  type Attribution,
  type BoundaryVersion,
  type EdgeCollection,
  type IssueHistory,
  type PlanMetrics,
  type PlanPianqu,
  type PlannerUnit,
  type PlannerUnits,
  type Scenario,
  type ScenarioBody,
  type ScenarioSummary,
  type UnitAdjacency,
  type UnitShapeCollection,
} from '../../contract/index.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import { buildGraph, type PlanGraph } from '../../contract/planner-metrics.ts';
import { figuresRepository } from '../figures/repository.ts';
import { lockForTransaction } from '../../db/locks.ts';

const sql = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const PRECOMPUTE_UNITS = sql('./precompute-units.sql');
const PRECOMPUTE_ADJACENCY = sql('./precompute-adjacency.sql');
const PRECOMPUTE_EDGES = sql('./precompute-edges.sql');
const ISSUE_HISTORY = sql('./issue-history.sql');

/** Today in the zone's clock (the data set's time zone): effective dates are local dates. */
const TODAY = 'zone_today()';
const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

interface VersionRow {
  id: number;
  effective_from: string;
  note: string;
  created_by: string;
  created_at: string;
  scenario_id: number | null;
  current: boolean;
  reference_date: string | null;
}

const VERSION_COLUMNS = `v.id, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.note,
  v.created_by, ${TS('v.created_at')} AS created_at, v.scenario_id,
  v.id = (SELECT max(id) FROM boundary_version) AS current,
  to_char(v.reference_date, 'YYYY-MM-DD') AS reference_date`;

const toVersion = (r: VersionRow): BoundaryVersion => ({
  id: r.id,
  effectiveFrom: r.effective_from,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
  scenarioId: r.scenario_id,
  current: r.current,
});

/** The precomputed units of a version, indexed for metrics. */
export interface VersionGraph {
  version: BoundaryVersion;
  referenceDate: string;
  units: PlannerUnit[];
  adjacency: UnitAdjacency[];
  pianqu: PlanPianqu[];
  graph: PlanGraph;
}

interface ScenarioRow {
  id: number;
  schema_version: number;
  name: string;
  author: string;
  notes: string;
  base_version: number;
  created_at: string;
  updated_at: string;
  assignment: Assignment;
  pianqu: PlanPianqu[];
  locked: string[];
  band_pct: number;
  metrics: PlanMetrics;
  applied_version: number | null;
}

const SCENARIO_COLUMNS = `id, schema_version, name, author, notes, base_version,
  ${TS('created_at')} AS created_at, ${TS('updated_at')} AS updated_at,
  assignment, pianqu, locked, band_pct, metrics, applied_version`;

const toScenario = (r: ScenarioRow): Scenario => ({
  id: r.id,
  schemaVersion: r.schema_version,
  name: r.name,
  author: r.author,
  notes: r.notes,
  baseVersion: r.base_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  assignment: r.assignment,
  pianqu: r.pianqu,
  locked: r.locked,
  bandPct: r.band_pct,
  metrics: r.metrics,
  appliedVersion: r.applied_version,
});

/** The 12 months ending on local day `ref` (inclusive): their first and last local days. */
export function twelveMonthWindow(ref: string): [string, string] {
  const [y, m, d] = ref.split('-').map(Number) as [number, number, number];
  const start = new Date(Date.UTC(y - 1, m - 1, d + 1));
  return [start.toISOString().slice(0, 10), ref];
}

/**
 * Fills the precomputed tables of a version from `area` and the records: units, adjacency,
 * zone edges. Runs inside the transaction that creates the version.
 */
export async function precomputeVersion(tx: Queryable, versionId: number): Promise<void> {
  const [ref] = await tx.query<{ d: string }>(
    `SELECT to_char(least(${TODAY}, coalesce(
        (SELECT local_day(max(reported_at), zone_tz()) FROM issue),
        ${TODAY})), 'YYYY-MM-DD') AS d`,
  );
  const [from] = twelveMonthWindow(ref!.d);
  await tx.query('UPDATE boundary_version SET reference_date = $2 WHERE id = $1', [
    versionId,
    ref!.d,
  ]);
  // Each 社区's figures from the figures engine, so the planner's table and the dashboard's
  // panel show one number for one figure.
  const codes = (
    await tx.query<{ code: string }>("SELECT code FROM area WHERE level = 'shequ' ORDER BY code")
  ).map((r) => r.code);
  const engine = figuresRepository(tx);
  const [now, year] = await Promise.all([
    engine.figures(codes, { kind: 'all', from: null, to: null }),
    engine.figures(codes, { kind: 'range', from, to: ref!.d }),
  ]);
  const units = codes.map((code) => {
    const n = now.get(code)!;
    const y = year.get(code)!;
    return {
      code,
      population: n.population,
      households: n.households,
      workers: n.workers,
      sites: n.sites,
      staff: n.staff,
      open: n.issues.unresolved,
      recent: y.issues.total,
      escalated: y.issues.escalated,
    };
  });
  await tx.query(PRECOMPUTE_UNITS, [versionId, JSON.stringify(units)]);
  await tx.query(PRECOMPUTE_ADJACENCY, [versionId]);
  await tx.query(PRECOMPUTE_EDGES, [versionId]);
}

/** Records the 片区 of `area` as they are now under a version (names and shapes). */
async function snapshotPianqu(tx: Queryable, versionId: number): Promise<void> {
  await tx.query(
    `INSERT INTO pianqu_version (version_id, code, name, geom)
     SELECT $1, code, name, geom FROM area WHERE level = 'pianqu'`,
    [versionId],
  );
}

/** A catalogue name as a quoted SQL identifier (regclass text may be schema-qualified). */
function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => (part.startsWith('"') ? part : `"${part.replaceAll('"', '""')}"`))
    .join('.');
}

/** Problems applying a scenario, answered with 400/404/409. */
export class PlannerError extends Error {
  constructor(
    readonly statusCode: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Data access of the planner: boundary versions, units, scenarios, apply, history. */
export function plannerRepository(db: Db) {
  // Precomputed versions never change, so their graphs are kept (per app, per database).
  const graphs = new Map<number, Promise<VersionGraph>>();

  async function versionRow(q: Queryable, id: number): Promise<VersionRow | null> {
    const [row] = await q.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM boundary_version v WHERE v.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The current version if it still describes the loaded data; null when one must be made. */
  async function currentIfFresh(q: Queryable): Promise<number | null> {
    const [row] = await q.query<{ id: number | null; fresh: boolean }>(
      `SELECT v.id, v.dataset_loaded_at IS NOT DISTINCT FROM (SELECT loaded_at FROM dataset) AS fresh
       FROM boundary_version v ORDER BY v.id DESC LIMIT 1`,
    );
    return row && row.fresh ? row.id : null;
  }

  /**
   * The current boundary version's id. The first call (or the first after the data was
   * reloaded) makes it from `area` and precomputes its units: a few seconds, once.
   */
  async function currentVersionId(): Promise<number> {
    const id = await currentIfFresh(db);
    if (id !== null) return id;
    return db.transaction(async (tx) => {
      await lockForTransaction(tx, db.backend, 'boundaryVersion');
      const again = await currentIfFresh(tx);
      if (again !== null) return again;
      const [prev] = await tx.query<{ id: number }>(
        'SELECT id FROM boundary_version ORDER BY id DESC LIMIT 1',
      );
      // The data as loaded is taken to have been in force over all of its history; after a
      // reload, from today.
      const [made] = await tx.query<{ id: number; effective_from: string }>(
        `INSERT INTO boundary_version (effective_from, note, created_by, dataset_loaded_at)
         VALUES (
           CASE WHEN $1::boolean THEN ${TODAY} ELSE least(${TODAY}, coalesce(
             (SELECT local_day(min(reported_at), zone_tz()) FROM issue),
             ${TODAY})) END,
           CASE WHEN $1::boolean THEN '数据重新载入 · data reloaded' ELSE '数据载入时的配置 · as loaded' END,
           'system', (SELECT loaded_at FROM dataset))
         RETURNING id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from`,
        [prev !== undefined],
      );
      await tx.query(
        `UPDATE shequ_assignment SET valid_to = $1::date
         WHERE valid_to IS NULL AND valid_from < $1::date`,
        [made!.effective_from],
      );
      await tx.query('DELETE FROM shequ_assignment WHERE valid_to IS NULL');
      await tx.query(
        `INSERT INTO shequ_assignment (shequ_code, pianqu_code, valid_from, version_id)
         SELECT code, parent_code, $2::date, $1 FROM area WHERE level = 'shequ'`,
        [made!.id, made!.effective_from],
      );
      await snapshotPianqu(tx, made!.id);
      await precomputeVersion(tx, made!.id);
      return made!.id;
    });
  }

  async function loadGraph(versionId: number): Promise<VersionGraph> {
    const version = await versionRow(db, versionId);
    if (!version) throw new PlannerError(404, `No boundary version ${versionId}`);
    const units = await db.query<{
      code: string;
      name: string;
      pianqu_code: string;
      street: string | null;
      population: number;
      households: number;
      workers: number;
      open_issues: number;
      issues_12m: number;
      sites: number;
      staff: number;
      escalations_12m: number;
      area_m2: number;
      perimeter_m: number;
      zone_edge_m: number;
      lon: number;
      lat: number;
    }>(
      `SELECT code, name, pianqu_code, street, population, households, workers, open_issues,
              issues_12m, sites, staff, escalations_12m, area_m2, perimeter_m, zone_edge_m,
              ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM planner_unit WHERE version_id = $1 ORDER BY code`,
      [versionId],
    );
    const adjacency = await db.query<UnitAdjacency>(
      `SELECT a, b, shared_m AS "sharedM" FROM planner_adjacency
       WHERE version_id = $1 ORDER BY a, b`,
      [versionId],
    );
    const pianqu = await db.query<{ code: string; name: string }>(
      `SELECT p.code, p.name FROM pianqu_version p
       WHERE p.version_id = $1
         AND EXISTS (SELECT 1 FROM planner_unit u WHERE u.version_id = $1 AND u.pianqu_code = p.code)
       ORDER BY p.code`,
      [versionId],
    );
    const plannerUnits: PlannerUnit[] = units.map((u) => ({
      code: u.code,
      name: u.name,
      pianquCode: u.pianqu_code,
      street: u.street,
      figures: {
        population: u.population,
        households: u.households,
        workers: u.workers,
        openIssues: u.open_issues,
        issues12m: u.issues_12m,
        sites: u.sites,
        staff: u.staff,
        escalations12m: u.escalations_12m,
      },
      areaM2: u.area_m2,
      perimeterM: u.perimeter_m,
      zoneEdgeM: u.zone_edge_m,
      labelPoint: [u.lon, u.lat],
    }));
    return {
      version: toVersion(version),
      referenceDate: version.reference_date ?? version.effective_from,
      units: plannerUnits,
      adjacency,
      pianqu,
      graph: buildGraph(plannerUnits, adjacency),
    };
  }

  /** The precomputed units of a version (cached; `current` when not given). */
  async function versionGraph(versionId?: number): Promise<VersionGraph> {
    const id = versionId ?? (await currentVersionId());
    let cached = graphs.get(id);
    if (!cached) {
      cached = loadGraph(id);
      graphs.set(id, cached);
      cached.catch(() => graphs.delete(id));
    }
    const g = await cached;
    // `current` changes when a version is applied after this one was cached.
    const [latest] = await db.query<{ id: number }>('SELECT max(id) AS id FROM boundary_version');
    return { ...g, version: { ...g.version, current: latest!.id === id } };
  }

  async function scenarioRow(q: Queryable, id: number): Promise<ScenarioRow | null> {
    const [row] = await q.query<ScenarioRow>(
      `SELECT ${SCENARIO_COLUMNS} FROM planner_scenario WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  return {
    currentVersionId,
    versionGraph,

    /** Everything the workbench needs for a version, in one answer. */
    async units(versionId?: number): Promise<PlannerUnits> {
      const g = await versionGraph(versionId);
      const id = g.version.id;
      const edgeRows = await db.query<{ a: string; b: string | null; geometry: unknown }>(
        `SELECT a, b, ST_AsGeoJSON(geom, 6)::json AS geometry FROM (
           SELECT a, b, ST_LineMerge(ST_CollectionExtract(geom, 2)) AS geom
           FROM planner_adjacency WHERE version_id = $1
           UNION ALL
           SELECT code, NULL, ST_LineMerge(ST_CollectionExtract(zone_edge, 2))
           FROM planner_unit WHERE version_id = $1 AND zone_edge IS NOT NULL
         ) e
         WHERE NOT ST_IsEmpty(geom)
         ORDER BY a, b NULLS LAST`,
        [id],
      );
      const shapeRows = await db.query<{ code: string; geometry: unknown }>(
        `SELECT code, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00003), 6)::json AS geometry
         FROM planner_unit WHERE version_id = $1 ORDER BY code`,
        [id],
      );
      return {
        version: g.version,
        referenceDate: g.referenceDate,
        units: g.units,
        adjacency: g.adjacency,
        pianqu: g.pianqu,
        edges: {
          type: 'FeatureCollection',
          features: edgeRows.map((r) => ({
            type: 'Feature',
            properties: { a: r.a, b: r.b },
            geometry: r.geometry as EdgeCollection['features'][number]['geometry'],
          })),
        },
        shapes: {
          type: 'FeatureCollection',
          features: shapeRows.map((r) => ({
            type: 'Feature',
            id: r.code,
            properties: { code: r.code },
            geometry: r.geometry as UnitShapeCollection['features'][number]['geometry'],
          })),
        },
      };
    },

    async versions(): Promise<BoundaryVersion[]> {
      await currentVersionId();
      const rows = await db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM boundary_version v ORDER BY v.id`,
      );
      return rows.map(toVersion);
    },

    /** Codes of every area that is not a 片区: a new 片区 may not take one. */
    async nonPianquCodes(codes: string[]): Promise<string[]> {
      const rows = await db.query<{ code: string }>(
        `SELECT code FROM area WHERE code = ANY($1::text[]) AND level <> 'pianqu' ORDER BY code`,
        [codes],
      );
      return rows.map((r) => r.code);
    },

    async listScenarios(): Promise<ScenarioSummary[]> {
      const rows = await db.query<ScenarioSummary>(
        `SELECT id, name, author, notes, base_version AS "baseVersion",
                ${TS('created_at')} AS "createdAt", ${TS('updated_at')} AS "updatedAt",
                (metrics->>'pianquCount')::int AS "pianquCount",
                (metrics->>'maxAbsDeviationPct')::float8 AS "maxAbsDeviationPct",
                json_array_length((metrics->'nonContiguous')::json) AS "nonContiguous",
                json_array_length((metrics->'streetSplits')::json) AS "streetSplits",
                applied_version AS "appliedVersion"
         FROM planner_scenario ORDER BY updated_at DESC, id DESC`,
      );
      return rows;
    },

    async getScenario(id: number): Promise<Scenario | null> {
      const row = await scenarioRow(db, id);
      return row ? toScenario(row) : null;
    },

    /** Inserts (id null) or replaces a scenario; `metrics` computed by the caller. */
    async saveScenario(
      tx: Queryable,
      id: number | null,
      body: ScenarioBody,
      author: string,
      metrics: PlanMetrics,
    ): Promise<Scenario | null> {
      const values = [
        body.name,
        body.notes ?? '',
        body.baseVersion,
        JSON.stringify(body.assignment),
        JSON.stringify(body.pianqu),
        JSON.stringify(body.locked ?? []),
        body.bandPct ?? DEFAULT_BAND_PCT,
        JSON.stringify(metrics),
      ];
      const rows =
        id === null
          ? await tx.query<{ id: number }>(
              `INSERT INTO planner_scenario (schema_version, name, notes, base_version, assignment,
                 pianqu, locked, band_pct, metrics, author)
               VALUES (${SCENARIO_SCHEMA_VERSION}, $1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9)
               RETURNING id`,
              [...values, author],
            )
          : await tx.query<{ id: number }>(
              `UPDATE planner_scenario SET schema_version = ${SCENARIO_SCHEMA_VERSION}, name = $1,
                 notes = $2, base_version = $3, assignment = $4::jsonb, pianqu = $5::jsonb,
                 locked = $6::jsonb, band_pct = $7, metrics = $8::jsonb, updated_at = now()
               WHERE id = $9 RETURNING id`,
              [...values, id],
            );
      if (rows.length === 0) return null;
      return toScenario((await scenarioRow(tx, rows[0]!.id))!);
    },

    async duplicateScenario(tx: Queryable, id: number, author: string): Promise<Scenario | null> {
      const rows = await tx.query<{ id: number }>(
        `INSERT INTO planner_scenario (schema_version, name, author, notes, base_version,
           assignment, pianqu, locked, band_pct, metrics)
         SELECT schema_version, left(name || ' (副本)', 80), $2, notes, base_version, assignment,
                pianqu, locked, band_pct, metrics
         FROM planner_scenario WHERE id = $1 RETURNING id`,
        [id, author],
      );
      if (rows.length === 0) return null;
      return toScenario((await scenarioRow(tx, rows[0]!.id))!);
    },

    async deleteScenario(tx: Queryable, id: number): Promise<boolean> {
      const rows = await tx.query('DELETE FROM planner_scenario WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },

    /** Dissolved 片区 of a scenario as GeoJSON (union in PostGIS), with figures. */
    async exportGeojson(s: Scenario) {
      const rows = await db.query<{
        code: string;
        units: number;
        population: number;
        households: number;
        members_area_m2: number;
        area_m2: number;
        valid: boolean;
        geometry: unknown;
      }>(
        `WITH a AS (SELECT key AS shequ, value AS pianqu FROM json_each_text($2::json)),
         d AS (
           SELECT a.pianqu AS code, count(*)::int AS units,
                  sum(u.population)::int AS population, sum(u.households)::int AS households,
                  sum(u.area_m2)::float8 AS members_area_m2,
                  -- Neighbours share their vertices exactly, so the union leaves no sliver;
                  -- MakeValid guards imported boundaries that do not.
                  ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(u.geom)), 3)) AS geom
           FROM a JOIN planner_unit u ON u.version_id = $1 AND u.code = a.shequ
           GROUP BY a.pianqu
         )
         SELECT code, units, population, households, members_area_m2,
                ST_Area(geom::geography)::float8 AS area_m2, ST_IsValid(geom) AS valid,
                ST_AsGeoJSON(geom, 7)::json AS geometry
         FROM d ORDER BY code`,
        [s.baseVersion, JSON.stringify(s.assignment)],
      );
      const names = new Map(s.pianqu.map((p) => [p.code, p]));
      return {
        type: 'FeatureCollection' as const,
        name: s.name,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.code,
          properties: {
            code: r.code,
            name: names.get(r.code)?.name ?? r.code,
            isNew: names.get(r.code)?.isNew ?? false,
            shequ: r.units,
            population: r.population,
            households: r.households,
            areaM2: r.area_m2,
          },
          geometry: r.geometry,
        })),
      };
    },

    /** Makes a scenario the current configuration (see routes: checks done by the caller). */
    async apply(
      tx: Tx,
      s: Scenario,
      effectiveFrom: string,
      note: string,
      actor: string,
    ): Promise<{ versionId: number; created: string[]; dissolved: string[]; moved: string[] }> {
      const assignment = JSON.stringify(s.assignment);
      const listed = new Map(s.pianqu.map((p) => [p.code, p]));
      const used = new Set(Object.values(s.assignment));
      const existing = await tx.query<{ code: string; name: string; parent_code: string }>(
        `SELECT code, name, parent_code FROM area WHERE level = 'pianqu' ORDER BY code`,
      );
      const existingCodes = new Set(existing.map((p) => p.code));
      const zone = existing[0]?.parent_code;
      if (!zone) throw new PlannerError(409, 'There is no 片区 to apply the scenario to');
      const created = [...used].filter((c) => !existingCodes.has(c)).sort();
      const dissolved = existing.filter((p) => !used.has(p.code)).map((p) => p.code);

      const [version] = await tx.query<{ id: number }>(
        `INSERT INTO boundary_version (effective_from, note, created_by, scenario_id, dataset_loaded_at)
         VALUES ($1, $2, $3, $4, (SELECT loaded_at FROM dataset)) RETURNING id`,
        [effectiveFrom, note, actor, s.id],
      );
      const versionId = version!.id;

      // New 片区 first, so the 社区 can point at them; their shape is set below with the rest.
      for (const code of created) {
        await tx.query(
          `INSERT INTO area (code, level, parent_code, name, geom, label_point)
           SELECT $1, 'pianqu', $2, $3, ST_Multi(ST_Union(s.geom)), ST_PointOnSurface(ST_Union(s.geom))
           FROM area s JOIN json_each_text($4::json) a ON a.key = s.code
           WHERE s.level = 'shequ' AND a.value = $1`,
          [code, zone, listed.get(code)?.name ?? code, assignment],
        );
      }
      const moved = await tx.query<{ code: string }>(
        `UPDATE area s SET parent_code = a.value
         FROM json_each_text($1::json) a
         WHERE s.code = a.key AND s.level = 'shequ' AND s.parent_code IS DISTINCT FROM a.value
         RETURNING s.code`,
        [assignment],
      );
      for (const p of existing) {
        const name = listed.get(p.code)?.name;
        if (name && name !== p.name && used.has(p.code)) {
          await tx.query('UPDATE area SET name = $2 WHERE code = $1', [p.code, name]);
        }
      }
      // Every 片区's shape, label point and sums from its members: one union per 片区.
      await tx.query(
        `UPDATE area p SET
           geom = m.geom, label_point = ST_PointOnSurface(m.geom),
           households = m.households, population = m.population
         FROM (
           SELECT s.parent_code AS code,
                  ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(s.geom)), 3)) AS geom,
                  sum(s.households)::int AS households, sum(s.population)::int AS population
           FROM area s WHERE s.level = 'shequ' GROUP BY s.parent_code
         ) m
         WHERE p.code = m.code AND p.level = 'pianqu'`,
      );
      // A dissolved 片区's own records (片区 activities, projects, meetings, shared resources:
      // every foreign key to area but the 社区's parent link) pass to the 片区 that took most
      // of its residents; its name and shape stay in pianqu_version. Rows deleted with their
      // area (ON DELETE CASCADE: its pre-simplified shapes) are part of it and go with it. The
      // tables and columns come from the catalogue, never from input.
      const references =
        dissolved.length === 0
          ? []
          : await tx.query<{ tbl: string; col: string }>(
              `SELECT c.conrelid::regclass::text AS tbl, a.attname::text AS col
               FROM pg_constraint c
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
               WHERE c.contype = 'f' AND c.confrelid = 'area'::regclass
                 AND NOT (c.conrelid = 'area'::regclass AND a.attname = 'parent_code')
                 AND c.confdeltype <> 'c'
               ORDER BY 1, 2`,
            );
      for (const code of dissolved) {
        const [successor] = await tx.query<{ code: string }>(
          `SELECT a.value AS code
           FROM shequ_assignment h
           JOIN json_each_text($2::json) a ON a.key = h.shequ_code
           JOIN area s ON s.code = h.shequ_code
           WHERE h.pianqu_code = $1 AND h.valid_to IS NULL
           GROUP BY a.value ORDER BY sum(s.population) DESC NULLS LAST, a.value LIMIT 1`,
          [code, assignment],
        );
        if (!successor) throw new PlannerError(409, `片区 ${code} has no 社区 to succeed it`);
        for (const ref of references) {
          try {
            await tx.query(
              `UPDATE ${quoteIdent(ref.tbl)} SET ${quoteIdent(ref.col)} = $2 WHERE ${quoteIdent(ref.col)} = $1`,
              [code, successor.code],
            );
          } catch (error) {
            // Records that cannot be merged (one meeting per 片区 and month, say): refuse
            // rather than lose or rewrite history.
            if ((error as { code?: string }).code !== '23505') throw error;
            throw new PlannerError(
              409,
              `片区 ${code} cannot be dissolved: its records in ${ref.tbl} collide with those of ${successor.code}, which would take them over`,
            );
          }
        }
        const [previous] = await tx.query<{ id: number }>(
          'SELECT max(id) AS id FROM boundary_version WHERE id < $1',
          [versionId],
        );
        await tx.query(
          'UPDATE pianqu_version SET successor_code = $3 WHERE version_id = $1 AND code = $2',
          [previous!.id, code, successor.code],
        );
        try {
          await tx.query(`DELETE FROM area WHERE code = $1 AND level = 'pianqu'`, [code]);
        } catch {
          throw new PlannerError(
            409,
            `片区 ${code} is still referenced by other records and cannot be dissolved`,
          );
        }
      }
      // History: close the rows of the 社区 that moved, open their new ones.
      await tx.query(
        `UPDATE shequ_assignment h SET valid_to = $2::date
         FROM json_each_text($1::json) a
         WHERE h.shequ_code = a.key AND h.valid_to IS NULL AND h.pianqu_code <> a.value`,
        [assignment, effectiveFrom],
      );
      await tx.query(
        `INSERT INTO shequ_assignment (shequ_code, pianqu_code, valid_from, version_id)
         SELECT a.key, a.value, $2::date, $3
         FROM json_each_text($1::json) a
         WHERE NOT EXISTS (SELECT 1 FROM shequ_assignment h
                           WHERE h.shequ_code = a.key AND h.valid_to IS NULL)`,
        [assignment, effectiveFrom, versionId],
      );
      await snapshotPianqu(tx, versionId);
      await precomputeVersion(tx, versionId);
      // New 片区 are found by search from the moment they exist, dissolved ones no longer.
      await rebuildSearchIndex(tx);
      await tx.query('UPDATE planner_scenario SET applied_version = $2 WHERE id = $1', [
        s.id,
        versionId,
      ]);
      return { versionId, created, dissolved, moved: moved.map((m) => m.code).sort() };
    },

    /** The configuration in force on a date, from the history table. */
    async assignmentOn(on: string | undefined): Promise<AssignmentOn> {
      await currentVersionId();
      const [d] = await db.query<{ d: string }>(
        `SELECT to_char(coalesce($1::date, ${TODAY}), 'YYYY-MM-DD') AS d`,
        [on ?? null],
      );
      const date = d!.d;
      const [v] = await db.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM boundary_version v
         WHERE v.effective_from <= $1::date ORDER BY v.effective_from DESC, v.id DESC LIMIT 1`,
        [date],
      );
      if (!v) return { on: date, version: null, shequ: [] };
      const rows = await db.query<{ code: string; pianquCode: string; pianquName: string }>(
        `SELECT h.shequ_code AS code, h.pianqu_code AS "pianquCode",
                coalesce(p.name, h.pianqu_code) AS "pianquName"
         FROM shequ_assignment h
         LEFT JOIN pianqu_version p ON p.version_id = $2 AND p.code = h.pianqu_code
         WHERE h.valid_from <= $1::date AND (h.valid_to IS NULL OR $1::date < h.valid_to)
         ORDER BY h.shequ_code`,
        [date, v.id],
      );
      return { on: date, version: toVersion(v), shequ: rows };
    },

    /** Issues per 片区 and month under the boundaries of their time (`then`) or today's (`now`). */
    async issueHistory(from: string, to: string, attribution: Attribution): Promise<IssueHistory> {
      await currentVersionId();
      const rows = await db.query<IssueHistory['rows'][number]>(ISSUE_HISTORY, [
        `${from}-01`,
        `${to}-01`,
        attribution,
      ]);
      return { attribution, rows };
    },

    scenarioRow: (id: number) => scenarioRow(db, id),
  };
}

export type PlannerRepository = ReturnType<typeof plannerRepository>;
