import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ApplyBodySchema,
  AssignmentOnQuerySchema,
  AssignmentOnSchema,
  BoundaryVersionSchema,
  DEFAULT_BAND_PCT,
  ImportQuerySchema,
  ImportRejectedSchema,
  IssueHistoryQuerySchema,
  IssueHistorySchema,
  PlanCompareQuerySchema,
  PlanCompareSchema,
  PlannerUnitsQuerySchema,
  PlannerUnitsSchema,
  ScenarioBodySchema,
  ScenarioParamsSchema,
  ScenarioSchema,
  ScenarioSummarySchema,
  errorResponses,
  type PlanCompare,
  type PlanPianqu,
  type ScenarioBody,
} from '../../contract/index.ts';
import { actorName, audit } from '../../auth/repository.ts';
import {
  computeMetrics,
  assignmentProblems,
  describeProblems,
} from '../../contract/planner-metrics.ts';
import { PlannerError, plannerRepository } from './repository.ts';
import { assignmentCsv, parseAssignmentCsv } from './csv.ts';
import { lockForTransaction } from '../../db/locks.ts';

const planner = { access: 'planner' as const };
const bad = (message: string) => ({ statusCode: 400, error: 'Bad Request', message });
const notFound = (message: string) => ({ statusCode: 404, error: 'Not Found', message });
const conflict = (message: string) => ({ statusCode: 409, error: 'Conflict', message });
const errors = { ...errorResponses, 409: errorResponses[400] };
const MAX_ID = 2147483647;

/** A `YYYY-MM-DD` that exists on the calendar (the schema's pattern admits 30 February). */
export function isCalendarDate(s: string): boolean {
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/**
 * The planner's workbench (方案, 边界版本): precomputed units, scenarios (save, list, open,
 * duplicate, delete, compare, export, import), apply as a new boundary version, history.
 * Planners and admins only.
 */
export const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = plannerRepository(app.db);

  // An imported assignment arrives as the file's bytes: the encoding is checked here, not
  // guessed by a parser. Scoped to this plugin's routes.
  app.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  /** What is wrong with a scenario body against its base version, or null. */
  async function scenarioProblem(body: ScenarioBody) {
    let g;
    try {
      g = await repo.versionGraph(body.baseVersion);
    } catch (error) {
      if (error instanceof PlannerError) return { problem: error.message, g: null };
      throw error;
    }
    const known = new Set(g.pianqu.map((p) => p.code));
    const notNew = body.pianqu.filter((p) => !p.isNew && !known.has(p.code)).map((p) => p.code);
    if (notNew.length) {
      return {
        problem: `not 片区 of version ${body.baseVersion} (mark new ones isNew): ${notNew.join(', ')}`,
        g,
      };
    }
    const newCodes = body.pianqu.filter((p) => p.isNew).map((p) => p.code);
    const taken = [
      ...newCodes.filter((c) => known.has(c)),
      ...(await repo.nonPianquCodes(newCodes)),
    ];
    if (taken.length) return { problem: `new 片区 codes already in use: ${taken.join(', ')}`, g };
    const listed = new Set(body.pianqu.map((p) => p.code));
    const strayLocks = (body.locked ?? []).filter((c) => !listed.has(c));
    if (strayLocks.length) {
      return { problem: `locked 片区 not in the plan: ${strayLocks.join(', ')}`, g };
    }
    const problem = describeProblems(assignmentProblems(g.graph, body.assignment, body.pianqu));
    return { problem, g };
  }

  async function saveScenario(id: number | null, body: ScenarioBody, actor: string) {
    const { problem, g } = await scenarioProblem(body);
    if (problem || !g) return { problem: problem ?? 'invalid scenario' };
    // The same module as the browser's preview: what is stored is what the planner saw.
    const metrics = computeMetrics(g.graph, body.assignment, body.pianqu, {
      bandPct: body.bandPct ?? DEFAULT_BAND_PCT,
    });
    const saved = await app.db.transaction(async (tx) => {
      const s = await repo.saveScenario(tx, id, body, actor, metrics);
      if (s) {
        await audit(
          tx,
          actor,
          id === null ? 'planner.create' : 'planner.update',
          `scenario:${s.id}`,
          {
            name: s.name,
          },
        );
      }
      return s;
    });
    return { saved };
  }

  app.get(
    '/planner/units',
    {
      config: planner,
      schema: {
        querystring: PlannerUnitsQuerySchema,
        response: { 200: PlannerUnitsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      try {
        return await repo.units(request.query.version);
      } catch (error) {
        if (error instanceof PlannerError) return reply.status(404).send(notFound(error.message));
        throw error;
      }
    },
  );

  app.get(
    '/planner/versions',
    {
      config: planner,
      schema: { response: { 200: Type.Array(BoundaryVersionSchema), ...errorResponses } },
    },
    async () => repo.versions(),
  );

  app.get(
    '/planner/assignment',
    {
      config: planner,
      schema: {
        querystring: AssignmentOnQuerySchema,
        response: { 200: AssignmentOnSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { on } = request.query;
      if (on !== undefined && !isCalendarDate(on)) {
        return reply.status(400).send(bad(`querystring/on: ${on} is not a date`));
      }
      return repo.assignmentOn(on);
    },
  );

  app.get(
    '/planner/issue-history',
    {
      config: planner,
      schema: {
        querystring: IssueHistoryQuerySchema,
        response: { 200: IssueHistorySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { from, to, attribution } = request.query;
      if (from > to) return reply.status(400).send(bad(`from ${from} is after to ${to}`));
      return repo.issueHistory(from, to, attribution ?? 'then');
    },
  );

  app.get(
    '/planner/scenarios',
    {
      config: planner,
      schema: { response: { 200: Type.Array(ScenarioSummarySchema), ...errorResponses } },
    },
    async () => repo.listScenarios(),
  );

  app.post(
    '/planner/scenarios',
    {
      config: planner,
      schema: { body: ScenarioBodySchema, response: { 201: ScenarioSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const { problem, saved } = await saveScenario(
        null,
        request.body,
        actorName(request.principal),
      );
      if (problem) return reply.status(400).send(bad(problem));
      return reply.status(201).send(saved!);
    },
  );

  app.get(
    '/planner/scenarios/:id',
    {
      config: planner,
      schema: {
        params: ScenarioParamsSchema,
        response: { 200: ScenarioSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const s = await repo.getScenario(request.params.id);
      if (!s) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      return s;
    },
  );

  app.put(
    '/planner/scenarios/:id',
    {
      config: planner,
      schema: {
        params: ScenarioParamsSchema,
        body: ScenarioBodySchema,
        response: { 200: ScenarioSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { problem, saved } = await saveScenario(
        request.params.id,
        request.body,
        actorName(request.principal),
      );
      if (problem) return reply.status(400).send(bad(problem));
      if (!saved) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      return saved;
    },
  );

  app.post(
    '/planner/scenarios/:id/duplicate',
    {
      config: planner,
      schema: {
        params: ScenarioParamsSchema,
        response: { 201: ScenarioSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorName(request.principal);
      const copy = await app.db.transaction(async (tx) => {
        const s = await repo.duplicateScenario(tx, request.params.id, actor);
        if (s) {
          await audit(tx, actor, 'planner.duplicate', `scenario:${s.id}`, {
            from: request.params.id,
          });
        }
        return s;
      });
      if (!copy) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      return reply.status(201).send(copy);
    },
  );

  app.delete(
    '/planner/scenarios/:id',
    {
      config: planner,
      schema: { params: ScenarioParamsSchema, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      const actor = actorName(request.principal);
      const deleted = await app.db.transaction(async (tx) => {
        const done = await repo.deleteScenario(tx, request.params.id);
        if (done) await audit(tx, actor, 'planner.delete', `scenario:${request.params.id}`);
        return done;
      });
      if (!deleted) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/planner/compare',
    {
      config: planner,
      schema: {
        querystring: PlanCompareQuerySchema,
        response: { 200: PlanCompareSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ids = request.query.ids.split(',');
      const plans: PlanCompare['plans'] = [];
      const assignments: Record<string, string>[] = [];
      const names = new Map<string, string>();
      for (const id of ids) {
        if (id === 'current') {
          const g = await repo.versionGraph();
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
          const s = Number(id) <= MAX_ID ? await repo.getScenario(Number(id)) : null;
          if (!s) return reply.status(404).send(notFound(`No scenario ${id}`));
          plans.push({
            id,
            name: s.name,
            baseVersion: s.baseVersion,
            pianqu: s.pianqu,
            metrics: s.metrics,
          });
          assignments.push(s.assignment);
          if (names.size === 0) {
            const g = await repo.versionGraph(s.baseVersion);
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
    },
  );

  app.get(
    '/planner/scenarios/:id/export.geojson',
    { config: planner, schema: { params: ScenarioParamsSchema } },
    async (request, reply) => {
      const s = await repo.getScenario(request.params.id);
      if (!s) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      const fc = await repo.exportGeojson(s);
      return reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="scenario-${s.id}.geojson"`)
        .send(JSON.stringify(fc));
    },
  );

  app.get(
    '/planner/scenarios/:id/export.csv',
    { config: planner, schema: { params: ScenarioParamsSchema } },
    async (request, reply) => {
      const s = await repo.getScenario(request.params.id);
      if (!s) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="scenario-${s.id}.csv"`)
        .send(assignmentCsv(s.assignment));
    },
  );

  app.post(
    '/planner/import',
    {
      config: planner,
      schema: {
        querystring: ImportQuerySchema,
        response: { 201: ScenarioSchema, 400: ImportRejectedSchema, 404: errorResponses[404] },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        return reply
          .status(400)
          .send(bad('send the assignment CSV as the body, with Content-Type: text/csv'));
      }
      const g = await repo.versionGraph();
      const pianquNames = new Map(g.pianqu.map((p) => [p.code, p.name]));
      const parsed = parseAssignmentCsv(
        request.body,
        g.units.map((u) => u.code),
      );
      const problems = [...parsed.problems];
      const newCodes = [...new Set(Object.values(parsed.assignment))].filter(
        (c) => !pianquNames.has(c),
      );
      const taken = new Set(await repo.nonPianquCodes(newCodes));
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
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `Nothing imported: ${problems.length} problem${problems.length > 1 ? 's' : ''}. ${problems
            .slice(0, 5)
            .map((p) => p.message)
            .join('; ')}`,
          problems,
        });
      }
      const pianqu: PlanPianqu[] = [...new Set(Object.values(parsed.assignment))]
        .sort()
        .map((code) =>
          pianquNames.has(code)
            ? { code, name: pianquNames.get(code)! }
            : { code, name: `新片区 ${code}`.slice(0, 40), isNew: true },
        );
      const body: ScenarioBody = {
        name: request.query.name ?? `导入 · import ${new Date().toISOString().slice(0, 10)}`,
        baseVersion: g.version.id,
        assignment: parsed.assignment,
        pianqu,
      };
      const { problem, saved } = await saveScenario(null, body, actorName(request.principal));
      if (problem) return reply.status(400).send(bad(problem));
      return reply.status(201).send(saved!);
    },
  );

  app.post(
    '/planner/scenarios/:id/apply',
    {
      config: planner,
      schema: {
        params: ScenarioParamsSchema,
        body: ApplyBodySchema,
        response: { 200: BoundaryVersionSchema, ...errors },
      },
    },
    async (request, reply) => {
      if (!isCalendarDate(request.body.effectiveFrom)) {
        return reply
          .status(400)
          .send(bad(`body/effectiveFrom: ${request.body.effectiveFrom} is not a date`));
      }
      const s = await repo.getScenario(request.params.id);
      if (!s) return reply.status(404).send(notFound(`No scenario ${request.params.id}`));
      const current = await repo.versionGraph();
      if (s.baseVersion !== current.version.id) {
        return reply
          .status(409)
          .send(
            conflict(
              `scenario ${s.id} starts from boundary version ${s.baseVersion}, but version ${current.version.id} is current: open it on the current version and save again`,
            ),
          );
      }
      const { effectiveFrom } = request.body;
      const [dates] = await app.db.query<{ today: string }>(
        `SELECT to_char(zone_today(), 'YYYY-MM-DD') AS today`,
      );
      if (effectiveFrom <= current.version.effectiveFrom || effectiveFrom > dates!.today) {
        return reply
          .status(400)
          .send(
            bad(
              `effectiveFrom must be after ${current.version.effectiveFrom} (the current version's) and not after today (${dates!.today})`,
            ),
          );
      }
      const problem = describeProblems(assignmentProblems(current.graph, s.assignment, s.pianqu));
      if (problem) return reply.status(400).send(bad(problem));
      const actor = actorName(request.principal);
      try {
        const versionId = await app.db.transaction(async (tx) => {
          if (app.db.backend === 'postgres') {
            await lockForTransaction(tx, app.db.backend, 'boundaryVersion');
            const [latest] = await tx.query<{ id: number }>(
              'SELECT max(id) AS id FROM boundary_version',
            );
            if (latest!.id !== current.version.id) {
              throw new PlannerError(409, 'another scenario was applied meanwhile; try again');
            }
          }
          const result = await repo.apply(tx, s, effectiveFrom, request.body.note ?? s.name, actor);
          await audit(tx, actor, 'planner.apply', `scenario:${s.id}`, {
            version: result.versionId,
            effectiveFrom,
            moved: result.moved,
            created: result.created,
            dissolved: result.dissolved,
          });
          return result.versionId;
        });
        return (await repo.versionGraph(versionId)).version;
      } catch (error) {
        if (error instanceof PlannerError) {
          return reply.status(error.statusCode).send({
            statusCode: error.statusCode,
            error: error.statusCode === 409 ? 'Conflict' : 'Bad Request',
            message: error.message,
          });
        }
        throw error;
      }
    },
  );
};
