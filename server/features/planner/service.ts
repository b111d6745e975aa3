/**
 * The planner's use cases: scenarios (save, open, duplicate, delete, compare, export, import)
 * over the boundary versions of versions.ts, and apply (apply.ts). Everything refused is an
 * HTTP error (`@fastify/sensible`); the SQL is in the repositories beside this file.
 */
import { httpErrors } from '@fastify/sensible';
import type { Db } from '../../db/db.ts';
import {
  DEFAULT_BAND_PCT,
  type ImportRejected,
  type PlanCompare,
  type PlanPianqu,
  type Scenario,
  type ExportCrs,
  type ScenarioBody,
} from '../../contract/index.ts';
import {
  assignmentProblems,
  computeMetrics,
  describeProblems,
} from '../../contract/planner-metrics.ts';
import { audit } from '../../auth/repository.ts';
import { applyScenario, isCalendarDate } from './apply.ts';
import { assignmentCsv, parseAssignmentCsv } from './csv.ts';
import { fileNamePart } from '../../http/attachment.ts';
// The exports' conversion to Chinese web maps' coordinates, the import's library underneath.
import { coordinatesToCrs } from '../exports/geometry.ts';
import { scenariosRepository } from './scenarios-repository.ts';
import { boundaryVersions, type VersionGraph } from './versions.ts';

const MAX_ID = 2147483647;
const noScenario = (id: number | string) => httpErrors.notFound(`No scenario ${id}`);

/** A file to download: its bytes, type and name. */
export interface Download {
  body: string;
  contentType: string;
  /** The file's name in Chinese (the scenario's name), and an ASCII one for old clients. */
  filename: string;
  asciiFilename: string;
}

/** A dissolved 片区's geometry (a MultiPolygon from PostGIS) in `crs`. */
function geometryIn(geometry: unknown, crs: ExportCrs): unknown {
  const g = geometry as { type: string; coordinates: unknown };
  return { ...g, coordinates: coordinatesToCrs(g.coordinates, crs) };
}

/** A scenario's file name: 方案-<its name>-<id>, the id kept so two of one name differ. */
const scenarioFile = (s: { id: number; name: string }, ext: string) => ({
  filename: `方案-${fileNamePart(s.name)}-${s.id}.${ext}`,
  asciiFilename: `scenario-${s.id}.${ext}`,
});

/** The outcome of an import: a new scenario, or the row-by-row report of why not. */
export type ImportOutcome = { scenario: Scenario } | { rejected: ImportRejected };

/** The planner's use cases over one database. */
export function plannerService(db: Db) {
  const versions = boundaryVersions(db);
  const scenarios = scenariosRepository(db);

  /** The base version of a scenario body, refused (400) when there is none. */
  async function baseGraph(baseVersion: number): Promise<VersionGraph> {
    try {
      return await versions.versionGraph(baseVersion);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw httpErrors.badRequest((error as Error).message);
      }
      throw error;
    }
  }

  /** Refuses (400) a scenario body that does not fit its base version. */
  async function checkedGraph(body: ScenarioBody): Promise<VersionGraph> {
    const g = await baseGraph(body.baseVersion);
    const known = new Set(g.pianqu.map((p) => p.code));
    const notNew = body.pianqu.filter((p) => !p.isNew && !known.has(p.code)).map((p) => p.code);
    if (notNew.length) {
      throw httpErrors.badRequest(
        `not 片区 of version ${body.baseVersion} (mark new ones isNew): ${notNew.join(', ')}`,
      );
    }
    const newCodes = body.pianqu.filter((p) => p.isNew).map((p) => p.code);
    const taken = [
      ...newCodes.filter((c) => known.has(c)),
      ...(await versions.nonPianquCodes(newCodes)),
    ];
    if (taken.length) {
      throw httpErrors.badRequest(`new 片区 codes already in use: ${taken.join(', ')}`);
    }
    const listed = new Set(body.pianqu.map((p) => p.code));
    const strayLocks = (body.locked ?? []).filter((c) => !listed.has(c));
    if (strayLocks.length) {
      throw httpErrors.badRequest(`locked 片区 not in the plan: ${strayLocks.join(', ')}`);
    }
    const problem = describeProblems(assignmentProblems(g.graph, body.assignment, body.pianqu));
    if (problem) throw httpErrors.badRequest(problem);
    return g;
  }

  /** Saves a new scenario (`id` null) or over one; 404 when there is none with that id. */
  async function save(id: number | null, body: ScenarioBody, actor: string): Promise<Scenario> {
    const g = await checkedGraph(body);
    // The same module as the browser's preview: what is stored is what the planner saw.
    const metrics = computeMetrics(g.graph, body.assignment, body.pianqu, {
      bandPct: body.bandPct ?? DEFAULT_BAND_PCT,
    });
    const saved = await db.transaction(async (tx) => {
      const repo = scenariosRepository(tx);
      const s =
        id === null
          ? await repo.insert(body, metrics, actor)
          : await repo.update(id, body, metrics);
      if (s) {
        const action = id === null ? 'planner.create' : 'planner.update';
        await audit(tx, actor, action, `scenario:${s.id}`, { name: s.name });
      }
      return s;
    });
    if (!saved) throw noScenario(id!);
    return saved;
  }

  async function scenario(id: number): Promise<Scenario> {
    const s = await scenarios.byId(id);
    if (!s) throw noScenario(id);
    return s;
  }

  /** Two to four plans (`current` or scenario ids) side by side, and the 社区 they disagree on. */
  async function compare(ids: readonly string[]): Promise<PlanCompare> {
    const plans: PlanCompare['plans'] = [];
    const assignments: Record<string, string>[] = [];
    const names = new Map<string, string>();
    for (const id of ids) {
      if (id === 'current') {
        const g = await versions.versionGraph();
        const assignment = Object.fromEntries(g.units.map((u) => [u.code, u.pianquCode]));
        plans.push({
          id,
          name: '现状 · current',
          baseVersion: g.version.id,
          pianqu: g.pianqu,
          metrics: computeMetrics(g.graph, assignment, g.pianqu),
        });
        assignments.push(assignment);
        for (const u of g.units) names.set(u.code, u.name);
      } else {
        const s = Number(id) <= MAX_ID ? await scenarios.byId(Number(id)) : null;
        if (!s) throw noScenario(id);
        const { name, baseVersion, pianqu, metrics } = s;
        plans.push({ id, name, baseVersion, pianqu, metrics });
        assignments.push(s.assignment);
        if (names.size === 0) {
          const g = await versions.versionGraph(s.baseVersion);
          for (const u of g.units) names.set(u.code, u.name);
        }
      }
    }
    const codes = [...new Set(assignments.flatMap((a) => Object.keys(a)))].sort();
    const moved = codes
      .map((code) => ({
        code,
        name: names.get(code) ?? code,
        pianqu: assignments.map((a) => a[code] ?? null),
      }))
      .filter((m) => m.pianqu.some((p) => p !== m.pianqu[0]));
    return { plans, moved };
  }

  /** Dissolved 片区 of a scenario as GeoJSON (union in PostGIS), with figures. */
  /** The dissolved 片区 as GeoJSON, in WGS84 or converted to GCJ-02/BD-09 (`crs`). */
  async function exportGeojson(id: number, crs: ExportCrs = 'wgs84'): Promise<Download> {
    const s = await scenario(id);
    const rows = await scenarios.dissolved(s);
    const listed = new Map(s.pianqu.map((p) => [p.code, p]));
    const fc = {
      type: 'FeatureCollection' as const,
      name: s.name,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        id: r.code,
        properties: {
          code: r.code,
          name: listed.get(r.code)?.name ?? r.code,
          isNew: listed.get(r.code)?.isNew ?? false,
          shequ: r.units,
          population: r.population,
          households: r.households,
          areaM2: r.area_m2,
        },
        geometry: geometryIn(r.geometry, crs),
      })),
      ...(crs === 'wgs84' ? {} : { coordinateSystem: crs }),
    };
    return {
      body: JSON.stringify(fc),
      contentType: 'application/geo+json; charset=utf-8',
      ...scenarioFile(s, crs === 'wgs84' ? 'geojson' : `${crs}.geojson`),
    };
  }

  async function exportCsv(id: number): Promise<Download> {
    const s = await scenario(id);
    return {
      body: assignmentCsv(s.assignment),
      contentType: 'text/csv; charset=utf-8',
      ...scenarioFile(s, 'csv'),
    };
  }

  /**
   * An assignment CSV becomes a scenario on the current version. Every problem of the file
   * is reported at once, and nothing is written when there is any. 片区 codes not yet areas
   * become new 片区 named after their code.
   */
  async function importCsv(
    bytes: unknown,
    name: string | undefined,
    actor: string,
  ): Promise<ImportOutcome> {
    if (!Buffer.isBuffer(bytes)) {
      throw httpErrors.badRequest(
        'send the assignment CSV as the body, with Content-Type: text/csv',
      );
    }
    const g = await versions.versionGraph();
    const pianquNames = new Map(g.pianqu.map((p) => [p.code, p.name]));
    const parsed = parseAssignmentCsv(
      bytes,
      g.units.map((u) => u.code),
    );
    const problems = [...parsed.problems];
    const used = [...new Set(Object.values(parsed.assignment))];
    const taken = new Set(await versions.nonPianquCodes(used.filter((c) => !pianquNames.has(c))));
    for (const [code, row] of parsed.rows) {
      const pq = parsed.assignment[code]!;
      if (taken.has(pq)) {
        problems.push({
          row,
          code,
          problem: 'bad_pianqu_code',
          message: `row ${row}: ${pq} is the code of an area that is not a 片区`,
        });
      }
    }
    problems.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
    if (problems.length) {
      const listed = problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('; ');
      const n = `${problems.length} problem${problems.length > 1 ? 's' : ''}`;
      return {
        rejected: {
          statusCode: 400,
          error: 'Bad Request',
          message: `Nothing imported: ${n}. ${listed}`,
          problems,
        },
      };
    }
    const pianqu: PlanPianqu[] = used
      .sort()
      .map((code) =>
        pianquNames.has(code)
          ? { code, name: pianquNames.get(code)! }
          : { code, name: `新片区 ${code}`.slice(0, 40), isNew: true },
      );
    const body: ScenarioBody = {
      name: name ?? `导入 · import ${new Date().toISOString().slice(0, 10)}`,
      baseVersion: g.version.id,
      assignment: parsed.assignment,
      pianqu,
    };
    return { scenario: await save(null, body, actor) };
  }

  return {
    units: versions.units,
    versions: versions.versions,
    async assignmentOn(on: string | undefined) {
      if (on !== undefined && !isCalendarDate(on)) {
        throw httpErrors.badRequest(`querystring/on: ${on} is not a date`);
      }
      return versions.assignmentOn(on);
    },
    async issueHistory(from: string, to: string, attribution: 'then' | 'now' | undefined) {
      if (from > to) throw httpErrors.badRequest(`from ${from} is after to ${to}`);
      return versions.issueHistory(from, to, attribution ?? 'then');
    },
    listScenarios: () => scenarios.list(),
    scenario,
    create: (body: ScenarioBody, actor: string) => save(null, body, actor),
    update: (id: number, body: ScenarioBody, actor: string) => save(id, body, actor),

    async duplicate(id: number, actor: string): Promise<Scenario> {
      const copy = await db.transaction(async (tx) => {
        const s = await scenariosRepository(tx).duplicate(id, actor);
        if (s) await audit(tx, actor, 'planner.duplicate', `scenario:${s.id}`, { from: id });
        return s;
      });
      if (!copy) throw noScenario(id);
      return copy;
    },

    async remove(id: number, actor: string): Promise<void> {
      const deleted = await db.transaction(async (tx) => {
        const done = await scenariosRepository(tx).remove(id);
        if (done) await audit(tx, actor, 'planner.delete', `scenario:${id}`);
        return done;
      });
      if (!deleted) throw noScenario(id);
    },

    compare,
    exportGeojson,
    exportCsv,
    importCsv,
    apply: (id: number, body: { effectiveFrom: string; note?: string }, actor: string) =>
      applyScenario(db, versions, id, body, actor),
  };
}

export type PlannerService = ReturnType<typeof plannerService>;
