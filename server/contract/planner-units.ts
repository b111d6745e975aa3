/**
 * The planner's units and metrics: the 社区 of a boundary version with their figures and
 * shapes, the metric shapes `planner-metrics.ts` computes (in the browser on every move and on
 * the server when a scenario is saved), and the history of the boundaries. Scenarios and the
 * routes are in `planner.ts`.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  AreaCodeSchema,
  PolygonGeometrySchema,
  StreetCodeSchema,
  featureCollectionSchema,
  literalUnion,
} from './common.ts';
import { DATE, MONTH } from './patterns.ts';

const Count = Type.Integer({ minimum: 0 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
/** A calendar date, `YYYY-MM-DD`. */
export const PlanDateSchema = Type.String({
  pattern: `^${DATE}$`,
});

/** Figures of a 社区 that add up over a 片区 (summed from its 小区 and records in PostGIS). */
export const UnitFiguresSchema = Type.Object(
  {
    population: Count,
    households: Count,
    /** 社区工作者 posted to its 小区. */
    workers: Count,
    /** Issues not yet resolved. */
    openIssues: Count,
    /** Issues reported in the 12 months up to the reference date of the version. */
    issues12m: Count,
    /** 邻里之家. */
    sites: Count,
    /** 下沉人员 posts. */
    staff: Count,
    /** Issues escalated to the 片区 (提级协调) reported in those 12 months. */
    escalations12m: Count,
  },
  { additionalProperties: false },
);
/** Additive figures of one 社区. */
export type UnitFigures = Static<typeof UnitFiguresSchema>;
/** The keys of {@link UnitFigures}, in display order. */
export const UNIT_FIGURE_KEYS = [
  'population',
  'households',
  'workers',
  'openIssues',
  'issues12m',
  'sites',
  'staff',
  'escalations12m',
] as const;

/** One 社区 as the planner sees it: what planner-metrics.ts needs, plus its name and label point. */
export const PlannerUnitSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    /** Its 片区 in the boundary version. */
    pianquCode: Type.String(),
    street: Type.Union([StreetCodeSchema, Type.Null()]),
    figures: UnitFiguresSchema,
    /** Area on the ellipsoid, m². */
    areaM2: Type.Number({ minimum: 0 }),
    /** Whole boundary length on the ellipsoid, m (shared lengths + zone edge). */
    perimeterM: Type.Number({ minimum: 0 }),
    /** Length of its boundary on the zone's outer edge (no neighbour across), m. */
    zoneEdgeM: Type.Number({ minimum: 0 }),
    /** [lon, lat] inside the polygon. */
    labelPoint: Type.Tuple([Type.Number(), Type.Number()]),
  },
  { additionalProperties: false },
);
export type PlannerUnit = Static<typeof PlannerUnitSchema>;

/** Two touching 社区 (`a` < `b` by code) and the length of boundary they share, m. */
export const UnitAdjacencySchema = Type.Object(
  { a: Type.String(), b: Type.String(), sharedM: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);
export type UnitAdjacency = Static<typeof UnitAdjacencySchema>;

/** A 片区 of a configuration or a scenario. */
export const PlanPianquSchema = Type.Object(
  {
    code: AreaCodeSchema,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    /** Created in this scenario (not yet an area). Default false. */
    isNew: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PlanPianqu = Static<typeof PlanPianquSchema>;

const LineGeometrySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('LineString'), Type.Literal('MultiLineString')]),
    coordinates: Type.Array(Type.Any()),
  },
  { additionalProperties: false },
);

/**
 * Boundary pieces for drawing 片区 outlines without a union: the line shared by `a` and `b`,
 * or (`b` null) `a`'s stretch of the zone edge. Draw an edge when `b` is null or the 片区 of
 * `a` and `b` differ (planner-metrics.ts `outlineEdges`).
 */
export const EdgeCollectionSchema = featureCollectionSchema({
  properties: Type.Object(
    { a: Type.String(), b: Type.Union([Type.String(), Type.Null()]) },
    { additionalProperties: false },
  ),
  geometry: LineGeometrySchema,
});
export type EdgeCollection = Static<typeof EdgeCollectionSchema>;

/** 社区 polygons, simplified for drawing; `id` and `properties.code` are the 社区 code. */
export const UnitShapeCollectionSchema = featureCollectionSchema({
  id: Type.String(),
  properties: Type.Object({ code: Type.String() }, { additionalProperties: false }),
  geometry: PolygonGeometrySchema,
});
export type UnitShapeCollection = Static<typeof UnitShapeCollectionSchema>;

/** 边界版本: one configuration of 社区 → 片区, in force from a date. */
export const BoundaryVersionSchema = Type.Object(
  {
    id: Type.Integer(),
    effectiveFrom: PlanDateSchema,
    /**
     * How it came about: the data as loaded, a reload of the data, or an applied scenario.
     * The client words the first two; `note` is the planner's own words, for a scenario only.
     */
    origin: Type.Union([
      Type.Literal('loaded'),
      Type.Literal('reloaded'),
      Type.Literal('scenario'),
    ]),
    note: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    /** The scenario applied to make it; null for the configuration the data was loaded with. */
    scenarioId: Type.Union([Type.Integer(), Type.Null()]),
    /** The version in force now (the latest). */
    current: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type BoundaryVersion = Static<typeof BoundaryVersionSchema>;

/** `GET /api/planner/units?version=ID` (default: the current version). */
export const PlannerUnitsQuerySchema = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) },
  { additionalProperties: false },
);

/** Everything the workbench needs for one boundary version, in one answer. */
export const PlannerUnitsSchema = Type.Object(
  {
    version: BoundaryVersionSchema,
    /** The date the 12-month figures end on (`issues12m`, `escalations12m`). */
    referenceDate: PlanDateSchema,
    units: Type.Array(PlannerUnitSchema),
    adjacency: Type.Array(UnitAdjacencySchema),
    /** The 片区 of the version. */
    pianqu: Type.Array(PlanPianquSchema),
    edges: EdgeCollectionSchema,
    shapes: UnitShapeCollectionSchema,
  },
  { additionalProperties: false },
);
export type PlannerUnits = Static<typeof PlannerUnitsSchema>;

/** 社区 code → 片区 code, for every 社区 of the base version. */
export const AssignmentSchema = Type.Record(AreaCodeSchema, AreaCodeSchema, {
  maxProperties: 20000,
  additionalProperties: false,
});
export type Assignment = Static<typeof AssignmentSchema>;

/** Metrics of one 片区 under an assignment. Ratios are null when their divisor is zero. */
export const PianquMetricsSchema = Type.Object(
  {
    code: Type.String(),
    /** Number of 社区; 0 means the 片区 is empty (dissolved in this plan). */
    units: Count,
    figures: UnitFiguresSchema,
    /** population − ideal; null for an empty 片区. */
    deviation: NullableNumber,
    /** deviation / ideal (0.05 = 5 % above); null for an empty 片区. */
    deviationPct: NullableNumber,
    /** |deviationPct| ≤ the plan's band. Empty 片区: true. */
    withinBand: Type.Boolean(),
    householdsPerWorker: NullableNumber,
    openIssuesPerWorker: NullableNumber,
    issues12mPerWorker: NullableNumber,
    sitesPer10k: NullableNumber,
    staffPer10k: NullableNumber,
    areaM2: Type.Number(),
    /** Σ member perimeters − 2 Σ lengths shared inside the 片区, m. */
    perimeterM: Type.Number(),
    /** 4πA/P², 1 for a disc; null when empty. */
    polsbyPopper: NullableNumber,
    /** One piece (or empty). */
    contiguous: Type.Boolean(),
    /** The connected pieces, largest first, each a list of 社区 codes (sorted). */
    components: Type.Array(Type.Array(Type.String())),
    /** The 镇街 its 社区 belong to, with how many 社区 in each (most first). */
    streets: Type.Array(
      Type.Object(
        { street: Type.Union([Type.String(), Type.Null()]), units: Count },
        { additionalProperties: false },
      ),
    ),
    /** Spans more than one 镇街 (镇街拆分). */
    splitsStreets: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PianquMetrics = Static<typeof PianquMetricsSchema>;

/** Metrics of a whole plan. */
export const PlanMetricsSchema = Type.Object(
  {
    /** Every 社区's figures summed: the same for every plan of one version. */
    totals: UnitFiguresSchema,
    /** 片区 with at least one 社区. */
    pianquCount: Count,
    /** 理想人口: total population / pianquCount. */
    idealPopulation: Type.Number(),
    /** The planner's target band, a fraction (0.1 = ±10 %). */
    bandPct: Type.Number(),
    maxAbsDeviation: Type.Number(),
    maxAbsDeviationPct: Type.Number(),
    /** Non-empty 片区 outside the band. */
    outsideBand: Type.Array(Type.String()),
    /** 片区 in more than one piece. */
    nonContiguous: Type.Array(Type.String()),
    /** 片区 spanning more than one 镇街. */
    streetSplits: Type.Array(Type.String()),
    minPolsbyPopper: NullableNumber,
    meanPolsbyPopper: NullableNumber,
    /** Per 片区, in the order of the plan's 片区 list. */
    pianqu: Type.Array(PianquMetricsSchema),
  },
  { additionalProperties: false },
);
export type PlanMetrics = Static<typeof PlanMetricsSchema>;

/** Target band when the planner sets none: ±10 % of the ideal population. */
export const DEFAULT_BAND_PCT = 0.1;

/** `GET /api/planner/assignment?on=YYYY-MM-DD` (default today): the configuration on a date. */
export const AssignmentOnQuerySchema = Type.Object(
  { on: Type.Optional(PlanDateSchema) },
  { additionalProperties: false },
);

export const AssignmentOnSchema = Type.Object(
  {
    on: PlanDateSchema,
    /** The version in force on that date; null before the first. */
    version: Type.Union([BoundaryVersionSchema, Type.Null()]),
    shequ: Type.Array(
      Type.Object(
        { code: Type.String(), pianquCode: Type.String(), pianquName: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AssignmentOn = Static<typeof AssignmentOnSchema>;

/**
 * Whose boundaries past statistics follow: `then` (each record counts for the 片区 its 社区
 * belonged to when it was reported) or `now` (re-aggregated to the current 片区).
 */
export const ATTRIBUTIONS = ['then', 'now'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** `GET /api/planner/issue-history?from=YYYY-MM&to=YYYY-MM&attribution=then|now`. */
export const IssueHistoryQuerySchema = Type.Object(
  {
    from: Type.String({ pattern: `^${MONTH}$` }),
    to: Type.String({ pattern: `^${MONTH}$` }),
    attribution: Type.Optional(literalUnion(ATTRIBUTIONS, 'Whose boundaries: then or now')),
  },
  { additionalProperties: false },
);

/** Issues reported per 片区 and month, under the chosen attribution. */
export const IssueHistorySchema = Type.Object(
  {
    attribution: literalUnion(ATTRIBUTIONS),
    rows: Type.Array(
      Type.Object(
        {
          pianquCode: Type.String(),
          pianquName: Type.String(),
          month: Type.String(),
          issues: Count,
          escalated: Count,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IssueHistory = Static<typeof IssueHistorySchema>;
