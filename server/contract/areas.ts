import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, AreaLevelSchema, MapLevelSchema, literalUnion } from './common.ts';
import {
  COMPOUND_TYPES,
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  STREETS,
} from './vocabulary.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

/** `GET /api/areas`: the areas of one level, optionally only the children of one parent. */
export const AreasQuerySchema = Type.Object(
  {
    level: MapLevelSchema,
    parent: Type.Optional(AreaCodeSchema),
    zoom: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 24,
        description: 'Map zoom the geometry is for; simplified to half a pixel there',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AreasQuery = Static<typeof AreasQuerySchema>;

export const AreaPropertiesSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: AreaLevelSchema,
    parentCode: Nullable(Type.String()),
    street: Type.Union([literalUnion(STREETS), Type.Null()]),
    compoundType: Type.Union([literalUnion(COMPOUND_TYPES), Type.Null()]),
    households: Count,
    population: Count,
    /** A point inside the polygon where its label goes, [lon, lat]. */
    labelPoint: Type.Tuple([Type.Number(), Type.Number()]),
    /** Issues reported in the area that are not yet resolved. */
    unresolvedIssues: Count,
  },
  { additionalProperties: false },
);
export type AreaProperties = Static<typeof AreaPropertiesSchema>;

const GeometrySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('MultiPolygon'), Type.Literal('Polygon')]),
    coordinates: Type.Array(Type.Any()),
  },
  { additionalProperties: false },
);

export const AreaCollectionSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal('Feature'),
          id: Type.String(),
          properties: AreaPropertiesSchema,
          geometry: GeometrySchema,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AreaCollection = Static<typeof AreaCollectionSchema>;

export const AreaParamsSchema = Type.Object(
  { code: AreaCodeSchema },
  { additionalProperties: false },
);
export type AreaParams = Static<typeof AreaParamsSchema>;

const AreaRefSchema = Type.Object(
  { code: Type.String(), name: Type.String(), level: AreaLevelSchema },
  { additionalProperties: false },
);
export type AreaRef = Static<typeof AreaRefSchema>;

/** Statistics of an area, summed over the 小区 of its subtree in SQL. */
export const AreaStatsSchema = Type.Object(
  {
    pianqu: Count,
    shequ: Count,
    xiaoqu: Count,
    partyBranches: Count,
    households: Count,
    population: Count,
    sites: Count,
    workers: Count,
    staff: Count,
    staffByDepartment: Type.Array(
      Type.Object(
        { department: literalUnion(DEPARTMENTS), count: Count },
        { additionalProperties: false },
      ),
    ),
    issues: Type.Object(
      {
        total: Count,
        resolved: Count,
        unresolved: Count,
        /** resolved / total, 0..1; null when the area has no issues. */
        resolutionRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
        /** Issues escalated to a 片区 (提级协调) and resolved there. */
        escalatedResolved: Count,
        /** Issues escalated and still open. */
        escalatedOpen: Count,
        byCategory: Type.Array(
          Type.Object(
            { category: literalUnion(ISSUE_CATEGORIES), total: Count, resolved: Count },
            { additionalProperties: false },
          ),
        ),
        byStatus: Type.Array(
          Type.Object(
            { status: literalUnion(ISSUE_STATUSES), count: Count },
            { additionalProperties: false },
          ),
        ),
        byHandlingLevel: Type.Array(
          Type.Object(
            { level: literalUnion(HANDLING_LEVELS), count: Count },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    microActivities: Count,
    pianquActivities: Count,
    projects: Count,
    projectsCompleted: Count,
    creditPoints: Count,
    creditParticipants: Count,
  },
  { additionalProperties: false },
);
export type AreaStats = Static<typeof AreaStatsSchema>;

export const AreaDetailSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: AreaLevelSchema,
    street: Type.Union([literalUnion(STREETS), Type.Null()]),
    compoundType: Type.Union([literalUnion(COMPOUND_TYPES), Type.Null()]),
    /** [west, south, east, north] in degrees. */
    bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    /** Ancestors from the zone down to the parent. */
    chain: Type.Array(AreaRefSchema),
    children: Type.Array(AreaRefSchema),
    stats: AreaStatsSchema,
  },
  { additionalProperties: false },
);
export type AreaDetail = Static<typeof AreaDetailSchema>;
