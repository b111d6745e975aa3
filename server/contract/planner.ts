/**
 * The planner's redistricting workbench (方案, 边界版本): scenarios, comparison,
 * export/import and apply, and the routes of all of it (`plannerRoutes`). The units of a
 * version, the metric shapes and the history are in `planner-units.ts`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, ErrorSchema, errorResponses, literalUnion } from './common.ts';
import {
  AssignmentSchema,
  BoundaryVersionSchema,
  PlanDateSchema,
  PlanMetricsSchema,
  PlanPianquSchema,
  PlannerUnitsQuerySchema,
  PlannerUnitsSchema,
  AssignmentOnQuerySchema,
  AssignmentOnSchema,
  IssueHistoryQuerySchema,
  IssueHistorySchema,
} from './planner-units.ts';
import { defineRoute, zone, zonePersonal } from './route.ts';
import { CrsQuerySchema } from './exports.ts';

export * from './planner-units.ts';

const Count = Type.Integer({ minimum: 0 });
/** Schema version of a stored scenario (bumped when its shape changes). */
export const SCENARIO_SCHEMA_VERSION = 1;

/** `POST /api/planner/scenarios` and `PUT /api/planner/scenarios/:id`. */
export const ScenarioBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
    /** The boundary version the scenario starts from. */
    baseVersion: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    assignment: AssignmentSchema,
    /** Every 片区 of the plan, new ones included (with names). */
    pianqu: Type.Array(PlanPianquSchema, { minItems: 1, maxItems: 2000 }),
    /** 片区 that neither lose nor gain 社区. Default none. */
    locked: Type.Optional(Type.Array(AreaCodeSchema, { maxItems: 2000 })),
    /** Target band, a fraction. Default {@link DEFAULT_BAND_PCT}. */
    bandPct: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
export type ScenarioBody = Static<typeof ScenarioBodySchema>;

/** What a scenario says of itself, listed or whole. */
const scenarioHead = {
  id: Type.Integer(),
  name: Type.String(),
  author: Type.String(),
  notes: Type.String(),
  baseVersion: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** The boundary version it became, if applied. */
  appliedVersion: Type.Union([Type.Integer(), Type.Null()]),
};

/** A scenario as listed: no assignment, the headline metrics. */
export const ScenarioSummarySchema = Type.Object(
  {
    ...scenarioHead,
    pianquCount: Count,
    maxAbsDeviationPct: Type.Number(),
    nonContiguous: Count,
    streetSplits: Count,
  },
  { additionalProperties: false },
);
export type ScenarioSummary = Static<typeof ScenarioSummarySchema>;

/** A whole scenario (方案) with the metrics the server computed when it was saved. */
export const ScenarioSchema = Type.Object(
  {
    ...scenarioHead,
    schemaVersion: Type.Integer(),
    assignment: AssignmentSchema,
    pianqu: Type.Array(PlanPianquSchema),
    locked: Type.Array(Type.String()),
    bandPct: Type.Number(),
    metrics: PlanMetricsSchema,
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof ScenarioSchema>;

export const ScenarioParamsSchema = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);

/** `GET /api/planner/compare?ids=current,12,15`: two to four plans side by side. */
export const PlanCompareQuerySchema = Type.Object(
  {
    ids: Type.String({
      pattern: '^(current|[1-9][0-9]{0,9})(,(current|[1-9][0-9]{0,9})){1,3}$',
      description: 'comma-separated: `current` and/or scenario ids, 2 to 4',
    }),
  },
  { additionalProperties: false },
);

export const PlanCompareSchema = Type.Object(
  {
    plans: Type.Array(
      Type.Object(
        {
          /** `current` or the scenario id. */
          id: Type.String(),
          name: Type.String(),
          baseVersion: Type.Integer(),
          pianqu: Type.Array(PlanPianquSchema),
          metrics: PlanMetricsSchema,
        },
        { additionalProperties: false },
      ),
    ),
    /** 社区 whose 片区 is not the same in every plan, with their 片区 per plan (same order). */
    moved: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          pianqu: Type.Array(Type.Union([Type.String(), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PlanCompare = Static<typeof PlanCompareSchema>;

/** One thing wrong in an imported assignment CSV; `row` is the file's line number (1 = header). */
export const ImportProblemSchema = Type.Object(
  {
    row: Type.Union([Type.Integer(), Type.Null()]),
    code: Type.Union([Type.String(), Type.Null()]),
    problem: literalUnion([
      'empty_file',
      'not_utf8',
      'bad_header',
      'bad_row',
      'unknown_shequ',
      'bad_pianqu_code',
      'duplicate',
      'missing_shequ',
    ] as const),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type ImportProblem = Static<typeof ImportProblemSchema>;

/** The 400 answer of an import that found problems: nothing was written. */
export const ImportRejectedSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    problems: Type.Optional(Type.Array(ImportProblemSchema)),
  },
  { additionalProperties: false },
);
export type ImportRejected = Static<typeof ImportRejectedSchema>;

/**
 * `POST /api/planner/import?name=…` with the CSV as the body (`Content-Type: text/csv`,
 * columns `shequ_code,pianqu_code`, UTF-8 with or without BOM): creates a scenario on the
 * current version. 片区 codes not yet areas become new 片区 named after their code.
 */
export const ImportQuerySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  },
  { additionalProperties: false },
);

/** `POST /api/planner/scenarios/:id/apply`. */
export const ApplyBodySchema = Type.Object(
  {
    /** The date the new configuration takes effect; after the current version's. */
    effectiveFrom: PlanDateSchema,
    note: Type.Optional(Type.String({ maxLength: 400 })),
    /**
     * The warnings (`applyWarnings`: `nonContiguous:CODE`, `outsideBand:CODE`) the planner
     * confirmed in the dialog. A plan with a warning not listed is refused (409
     * `planner.unconfirmed`); those listed are written to the audit log.
     */
    overrides: Type.Optional(
      Type.Array(Type.String({ pattern: '^(nonContiguous|outsideBand):[A-Za-z0-9_-]{1,64}$' }), {
        maxItems: 4000,
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBodySchema>;

/** What `POST /api/planner/import` takes: the CSV's bytes. Not text/plain: a foreign page's form can post that. */
export const PLANNER_IMPORT_BODY_TYPES = ['text/csv', 'application/octet-stream'] as const;

const conflictResponses = { ...errorResponses, 409: ErrorSchema };

/**
 * The routes of the workbench: planners and admins only. Scenarios carry their author's name,
 * and boundary versions who made them, so those answers are `zonePersonal`; the units, the
 * comparison, the history and the exports hold figures and codes, no person.
 */
export const plannerRoutes = {
  /** Everything the workbench needs for one boundary version. */
  units: defineRoute({
    method: 'GET',
    url: '/api/planner/units',
    access: 'planner',
    scope: zone,
    schema: {
      querystring: PlannerUnitsQuerySchema,
      response: { 200: PlannerUnitsSchema, ...errorResponses },
    },
  }),
  /** The boundary versions, oldest first (each names who made it). */
  versions: defineRoute({
    method: 'GET',
    url: '/api/planner/versions',
    access: 'planner',
    scope: zonePersonal,
    schema: { response: { 200: Type.Array(BoundaryVersionSchema), ...errorResponses } },
  }),
  /** The configuration in force on a date. */
  assignment: defineRoute({
    method: 'GET',
    url: '/api/planner/assignment',
    access: 'planner',
    scope: zone,
    schema: {
      querystring: AssignmentOnQuerySchema,
      response: { 200: AssignmentOnSchema, ...errorResponses },
    },
  }),
  /** Issues per 片区 and month under then's or today's boundaries. */
  issueHistory: defineRoute({
    method: 'GET',
    url: '/api/planner/issue-history',
    access: 'planner',
    scope: zone,
    schema: {
      querystring: IssueHistoryQuerySchema,
      response: { 200: IssueHistorySchema, ...errorResponses },
    },
  }),
  /** Saved scenarios, newest first (each names its author). */
  scenarios: defineRoute({
    method: 'GET',
    url: '/api/planner/scenarios',
    access: 'planner',
    scope: zonePersonal,
    schema: { response: { 200: Type.Array(ScenarioSummarySchema), ...errorResponses } },
  }),
  /** Saves a new scenario. */
  create: defineRoute({
    method: 'POST',
    url: '/api/planner/scenarios',
    access: 'planner',
    scope: zonePersonal,
    schema: { body: ScenarioBodySchema, response: { 201: ScenarioSchema, ...errorResponses } },
  }),
  /** One whole scenario. */
  scenario: defineRoute({
    method: 'GET',
    url: '/api/planner/scenarios/:id',
    access: 'planner',
    scope: zonePersonal,
    schema: {
      params: ScenarioParamsSchema,
      response: { 200: ScenarioSchema, ...errorResponses },
    },
  }),
  /** Saves over a scenario. */
  update: defineRoute({
    method: 'PUT',
    url: '/api/planner/scenarios/:id',
    access: 'planner',
    scope: zonePersonal,
    schema: {
      params: ScenarioParamsSchema,
      body: ScenarioBodySchema,
      response: { 200: ScenarioSchema, ...errorResponses },
    },
  }),
  /** A copy of a scenario, by the caller. */
  duplicate: defineRoute({
    method: 'POST',
    url: '/api/planner/scenarios/:id/duplicate',
    access: 'planner',
    scope: zonePersonal,
    schema: {
      params: ScenarioParamsSchema,
      response: { 201: ScenarioSchema, ...errorResponses },
    },
  }),
  remove: defineRoute({
    method: 'DELETE',
    url: '/api/planner/scenarios/:id',
    access: 'planner',
    scope: zone,
    schema: { params: ScenarioParamsSchema, response: { 204: Type.Null(), ...errorResponses } },
  }),
  /** Two to four plans side by side. */
  compare: defineRoute({
    method: 'GET',
    url: '/api/planner/compare',
    access: 'planner',
    scope: zone,
    schema: {
      querystring: PlanCompareQuerySchema,
      response: { 200: PlanCompareSchema, ...errorResponses },
    },
  }),
  /**
   * A scenario's 片区 dissolved into polygons, as a download (`<a href>`) named after the
   * scenario; `crs=gcj02` or `bd09` for Chinese web maps.
   */
  exportGeojson: defineRoute({
    method: 'GET',
    url: '/api/planner/scenarios/:id/export.geojson',
    access: 'planner',
    scope: zone,
    schema: {
      params: ScenarioParamsSchema,
      querystring: CrsQuerySchema,
      produces: ['application/geo+json'],
      response: {
        200: Type.String({ description: 'GeoJSON FeatureCollection' }),
        ...errorResponses,
      },
    },
  }),
  /**
   * A scenario's assignment as `shequ_code,pianqu_code` (the columns the import reads), as a
   * download (`<a href>`) named 方案-<name>-<id>.csv.
   */
  exportCsv: defineRoute({
    method: 'GET',
    url: '/api/planner/scenarios/:id/export.csv',
    access: 'planner',
    scope: zone,
    schema: {
      params: ScenarioParamsSchema,
      produces: ['text/csv'],
      response: { 200: Type.String({ description: 'CSV' }), ...errorResponses },
    },
  }),
  /** A CSV becomes a new scenario on the current version, or nothing (with a report). */
  import: defineRoute({
    method: 'POST',
    url: '/api/planner/import',
    access: 'planner',
    scope: zonePersonal,
    schema: {
      querystring: ImportQuerySchema,
      response: { 201: ScenarioSchema, 400: ImportRejectedSchema, 404: ErrorSchema },
    },
  }),
  /** The scenario becomes the current configuration, as a new boundary version. */
  apply: defineRoute({
    method: 'POST',
    url: '/api/planner/scenarios/:id/apply',
    access: 'planner',
    scope: zonePersonal,
    schema: {
      params: ScenarioParamsSchema,
      body: ApplyBodySchema,
      response: { 200: BoundaryVersionSchema, ...conflictResponses },
    },
  }),
};
