import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { AreaCodeSchema, AreaLevelSchema, errorResponses, literalUnion } from './common.ts';
import { aggregates, defineRoute } from './route.ts';
import { HANDLING_LEVELS, ISSUE_STATUSES, VocabKeySchema, vocabKeyList } from './vocabulary.ts';
import { AREA_CODE, DATE } from './patterns.ts';

/*
 * The figures of areas (issue 15): one engine (server/features/figures/) counts them for every
 * consumer — the area panel, the profiles of the four levels, compare, the CSV export, the PNG
 * legend, the map's colouring, the big screen — so a label means one number everywhere.
 *
 * The window is the clock the figures are read at: issues count when reported inside it, and
 * "resolved" means resolved by its last day. A replayed month (the slider) is a window that ends
 * with that month, so every figure that has a date replays with it; the current state
 * (households, sites, workers, staff) has none and is always today's.
 */

/** Time windows: this month · this year (server clock) · everything · a range of days. */
export const FIGURE_WINDOWS = ['month', 'year', 'all', 'range'] as const;
export type FigureWindowKind = (typeof FIGURE_WINDOWS)[number];

const Count = Type.Integer({ minimum: 0 });
/** A share 0..1; null when there is nothing to divide by. */
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const obj = <T extends TProperties>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, description });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A calendar date, `YYYY-MM-DD`. */
export const DateSchema = Type.String({
  pattern: `^${DATE}$`,
});

const listOf = (values: readonly string[], what: string) =>
  Type.String({
    pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`,
    description: `comma-separated ${what}: ${values.join(', ')}`,
  });

/** The time window of a figures request. */
export const windowProps = {
  /** Default `all`. `month`/`year`: the calendar month/year of the server's clock. */
  window: Type.Optional(literalUnion(FIGURE_WINDOWS, 'time window')),
  /** First day of a `range` window (inclusive); required with `window=range`, refused otherwise. */
  from: Type.Optional(DateSchema),
  /** Last day of a `range` window (inclusive): the day the figures are read at. */
  to: Type.Optional(DateSchema),
};

/** The map's issue filters; they narrow the issue figures only (`filteredFigures` says which). */
export const issueFilterProps = {
  category: Type.Optional(vocabKeyList('categories')),
  status: Type.Optional(listOf(ISSUE_STATUSES, 'statuses')),
  level: Type.Optional(listOf(HANDLING_LEVELS, 'handling levels')),
};

/** The window the figures were counted in, resolved to dates (`all`: both null). */
export const FigureWindowSchema = obj({
  kind: literalUnion(FIGURE_WINDOWS),
  from: nullable(DateSchema),
  to: nullable(DateSchema),
});
export type FigureWindow = Static<typeof FigureWindowSchema>;

/**
 * The figures of one area, summed over the 小区 of its subtree. Each is defined once, in
 * {@link FIGURE_DEFINITIONS}; the schema's fields are those definitions' keys.
 */
export const AreaFiguresSchema = obj({
  pianqu: Count,
  shequ: Count,
  xiaoqu: Count,
  partyBranches: Count,
  households: Count,
  population: Count,
  sites: Count,
  workers: Count,
  staff: Count,
  staffByDepartment: Type.Array(obj({ department: VocabKeySchema, count: Count })),
  issues: obj({
    total: Count,
    resolved: Count,
    unresolved: Count,
    resolutionRate: Rate,
    /** Issues resolved inside the window, whenever reported (办结). */
    resolvedInWindow: Count,
    escalated: Count,
    escalatedResolved: Count,
    escalatedOpen: Count,
    legacy: Count,
    legacyResolved: Count,
    legacyRate: Rate,
    crossShequDisputes: Count,
    crossShequMediated: Count,
    perWorker: nullable(Type.Number({ minimum: 0 })),
    byCategory: Type.Array(obj({ category: VocabKeySchema, total: Count, resolved: Count })),
    byStatus: Type.Array(obj({ status: literalUnion(ISSUE_STATUSES), count: Count })),
    byHandlingLevel: Type.Array(
      obj({ level: literalUnion(HANDLING_LEVELS), total: Count, resolved: Count }),
    ),
  }),
  microActivities: Count,
  microAttendance: Count,
  pianquActivities: Count,
  pianquAttendance: Count,
  attendance: Count,
  projects: Count,
  projectsCompleted: Count,
  credits: obj({
    earned: Count,
    exchanged: Count,
    participants: Count,
  }),
});
export type AreaFigures = Static<typeof AreaFiguresSchema>;

export * from './figure-definitions.ts';

/** `GET /api/figures/definitions`: every figure's labels and meaning (figure-definitions.ts). */
export const FigureDefinitionsSchema = Type.Array(
  obj({
    key: Type.String(),
    zh: Type.String(),
    en: Type.String(),
    meaning: Type.String(),
    time: Type.Union([Type.Literal('window'), Type.Literal('current')]),
    filtered: Type.Boolean(),
  }),
);

/**
 * `GET /api/figures`: the figures of several areas (`codes`, at most {@link MAX_FIGURE_CODES}) or
 * of the children of one (`children`), in a window, with the map's issue filters.
 */
export const MAX_FIGURE_CODES = 50;
export const FiguresQuerySchema = obj({
  codes: Type.Optional(
    Type.String({
      pattern: `^${AREA_CODE}(,${AREA_CODE})*$`,
      description: `comma-separated area codes (at most ${MAX_FIGURE_CODES})`,
    }),
  ),
  children: Type.Optional(AreaCodeSchema),
  ...windowProps,
  ...issueFilterProps,
});
export type FiguresQuery = Static<typeof FiguresQuerySchema>;

export const FiguresResponseSchema = obj({
  window: FigureWindowSchema,
  /** The day the figures are read at: the window's last day, or today for `all`. */
  asOf: DateSchema,
  /** Whether the issue filters narrowed the issue figures (the others never are). */
  filtered: Type.Boolean(),
  areas: Type.Array(
    obj({
      code: Type.String(),
      name: Type.String(),
      level: AreaLevelSchema,
      figures: AreaFiguresSchema,
    }),
  ),
});
export type FiguresResponse = Static<typeof FiguresResponseSchema>;

/** The routes of the one figures engine. Public, like the profiles: aggregates only. */
export const figureRoutes = {
  /**
   * The figures of areas (`codes`) or of an area's children (`children`: what the map colours),
   * in a window and with the map's issue filters. Figures count staff per area and department
   * for everyone: totals, not posts or duty.
   */
  figures: defineRoute({
    method: 'GET',
    url: '/api/figures',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: FiguresQuerySchema,
      response: { 200: FiguresResponseSchema, ...errorResponses },
    },
  }),
  /** Every figure's labels and meaning. */
  definitions: defineRoute({
    method: 'GET',
    url: '/api/figures/definitions',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: FigureDefinitionsSchema } },
  }),
};
