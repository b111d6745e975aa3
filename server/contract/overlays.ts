/**
 * The overlays' contract (issues, 邻里之家 coverage, staff on duty, tourist pressure): their schemas
 * and route objects. Over 400 lines on purpose: the schemas are declarations the routes beside them
 * use, and one file keeps each overlay's query next to its answer.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AreaCodeSchema, errorResponses } from './common.ts';
import {
  IssueDetailSchema,
  IssueParamsSchema,
  StaffListSchema,
  StaffQuerySchema,
} from './records.ts';
import { aggregates, defineRoute } from './route.ts';
import { TileAddressSchema } from './tiles.ts';
import { HANDLING_LEVELS, ISSUE_STATUSES, VocabKeySchema, vocabKeyList } from './vocabulary.ts';
import { LOCAL_TIME, MONTH } from './patterns.ts';
import { staffPostFields } from './records.ts';

/** A calendar month, `YYYY-MM`. */
export const MonthSchema = Type.String({ pattern: `^${MONTH}$` });
/** A local time in the data set's time zone (`GET /api/dataset`), `YYYY-MM-DDTHH:MM`. */
export const LocalTimeSchema = Type.String({
  pattern: `^${LOCAL_TIME}$`,
});

/** A comma-separated list of vocabulary keys, e.g. `category=parking,roads`. */
const listOf = (values: readonly string[], what: string) =>
  Type.String({
    pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`,
    description: `comma-separated ${what}: ${values.join(', ')}`,
  });

/**
 * Filters on issues, shared by the issue cells, tiles, escalations and area statistics. All
 * optional; lists are comma-separated. `from`/`to` bound the month reported (inclusive);
 * `at` replays a month: issues reported by then, with the status they had then.
 */
export const IssueFilterSchema = Type.Object(
  {
    category: Type.Optional(vocabKeyList('categories')),
    status: Type.Optional(listOf(ISSUE_STATUSES, 'statuses')),
    level: Type.Optional(listOf(HANDLING_LEVELS, 'handling levels')),
    from: Type.Optional(MonthSchema),
    to: Type.Optional(MonthSchema),
    at: Type.Optional(MonthSchema),
  },
  { additionalProperties: false },
);
export type IssueFilter = Static<typeof IssueFilterSchema>;

/**
 * The highest latitude a bbox may reach: the issue grid is Web Mercator, which ends at
 * ±85.0511° (the poles are infinitely far).
 */
export const BBOX_MAX_LAT = 85.05;

/**
 * `GET /api/issues/cells`: issue counts on a grid for low zooms (from rollup tables), for the
 * whole data set or, with `bbox`, for the cells whose square overlaps it.
 */
export const IssueCellsQuerySchema = Type.Composite(
  [
    IssueFilterSchema,
    Type.Object({
      zoom: Type.Number({ minimum: 0, maximum: 24, description: 'map zoom; picks the grid' }),
      // The pattern only bounds the characters; the route reads the numbers, so that its 400
      // says which one is wrong (not a number, out of range, out of order) instead of quoting
      // a regular expression.
      bbox: Type.Optional(
        Type.String({
          pattern: '^[-+.,0-9A-Za-z]{1,200}$',
          description:
            `minLon,minLat,maxLon,maxLat in degrees (WGS 84): lon within -180..180, lat within ` +
            `-${BBOX_MAX_LAT}..${BBOX_MAX_LAT}, min < max. Only the cells whose square overlaps ` +
            'it are counted; left out, the whole data set',
        }),
      ),
    }),
  ],
  { additionalProperties: false },
);
export type IssueCellsQuery = Static<typeof IssueCellsQuerySchema>;

export const IssueCellsSchema = Type.Object(
  {
    /** Grid cell size in metres (Web Mercator), for drawing. */
    cellSize: Type.Number(),
    /** Σ `count` over `cells`: with a `bbox`, the issues in its cells, not the data set's. */
    total: Type.Integer(),
    cells: Type.Array(
      Type.Object(
        {
          /** Cell centre, [lon, lat]. */
          position: Type.Tuple([Type.Number(), Type.Number()]),
          count: Type.Integer(),
          /** Unresolved among `count` (at the replayed month when `at` is set). */
          unresolved: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IssueCells = Static<typeof IssueCellsSchema>;

/** Attributes of a point in the `issues` vector tile layer (never personal data). */
export interface IssueTileProperties {
  id: number;
  category: string;
  status: (typeof ISSUE_STATUSES)[number];
  handling_level: (typeof HANDLING_LEVELS)[number];
  reported_on: string;
  resolved_on: string;
  xiaoqu: string;
}

/** `GET /api/issues/escalations`: issues escalated to a 片区 (提级协调), 小区 → 片区. */
export const EscalationsSchema = Type.Array(
  Type.Object(
    {
      xiaoquCode: Type.String(),
      xiaoquName: Type.String(),
      pianquCode: Type.String(),
      pianquName: Type.String(),
      /** The 小区, [lon, lat]. */
      source: Type.Tuple([Type.Number(), Type.Number()]),
      /** The 片区's coordination point, [lon, lat]. */
      target: Type.Tuple([Type.Number(), Type.Number()]),
      count: Type.Integer(),
    },
    { additionalProperties: false },
  ),
);
export type Escalations = Static<typeof EscalationsSchema>;

/** `GET /api/sites`: every 邻里之家 (a few hundred at most: one per 小区 or so). */
export const SitesSchema = Type.Array(
  Type.Object(
    {
      code: Type.String(),
      name: Type.String(),
      xiaoquCode: Type.String(),
      xiaoquName: Type.String(),
      roomKind: VocabKeySchema,
      services: Type.Array(Type.String()),
      openingHours: Type.String(),
      floorAreaM2: Type.Integer(),
      position: Type.Tuple([Type.Number(), Type.Number()]),
    },
    { additionalProperties: false },
  ),
);
export type Sites = Static<typeof SitesSchema>;

/** `GET /api/sites/coverage?distance=500[&area=CODE]`. */
export const CoverageQuerySchema = Type.Object(
  {
    distance: Type.Integer({
      minimum: 50,
      maximum: 5000,
      description: 'walking radius in metres: 300, 500 and 1000 are the 5/10/15-minute circles',
    }),
    area: Type.Optional(AreaCodeSchema),
  },
  { additionalProperties: false },
);

/** 小区 whose households lie beyond the distance from every 邻里之家 (measured on geography). */
export const CoverageSchema = Type.Object(
  {
    distance: Type.Integer(),
    xiaoquTotal: Type.Integer(),
    householdsTotal: Type.Integer(),
    householdsUncovered: Type.Integer(),
    uncovered: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          households: Type.Integer(),
          /** Metres from the compound to its nearest 邻里之家. */
          nearestSiteM: Type.Number(),
          nearestSite: Type.String(),
          position: Type.Tuple([Type.Number(), Type.Number()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Coverage = Static<typeof CoverageSchema>;

/** `GET /api/staff/duty?area=CODE&at=…`: staff posts with who is on duty at a time. */
export const DutyQuerySchema = Type.Object(
  {
    area: AreaCodeSchema,
    /** Local time (the data set's time zone) to check the duty schedules against. */
    at: LocalTimeSchema,
  },
  { additionalProperties: false },
);

export const DutySchema = Type.Array(
  Type.Object({ ...staffPostFields, onDuty: Type.Boolean() }, { additionalProperties: false }),
);
export type Duty = Static<typeof DutySchema>;

/** `GET /api/tourism/grid`: the hexagon cells, once (they do not change with time). */
export const TourismGridSchema = Type.Array(
  Type.Object(
    {
      cellId: Type.String(),
      /** Cell centre, [lon, lat]. */
      position: Type.Tuple([Type.Number(), Type.Number()]),
      /** Outer ring, [[lon, lat], …]. */
      ring: Type.Array(Type.Tuple([Type.Number(), Type.Number()])),
    },
    { additionalProperties: false },
  ),
);
export type TourismGrid = Static<typeof TourismGridSchema>;

export const TourismQuerySchema = Type.Object(
  {
    month: Type.Integer({ minimum: 1, maximum: 12 }),
    hour: Type.Integer({ minimum: 0, maximum: 23 }),
  },
  { additionalProperties: false },
);

/** `GET /api/tourism/pressure?month&hour`: visitors per cell (cells without visitors left out). */
export const TourismPressureSchema = Type.Object(
  {
    month: Type.Integer(),
    hour: Type.Integer(),
    max: Type.Integer(),
    cells: Type.Array(
      Type.Object(
        { cellId: Type.String(), visitors: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TourismPressure = Static<typeof TourismPressureSchema>;

/**
 * `GET /api/tourism/peak?at&threshold`: 小区 that should be in peak mode (旺季模式) at a time:
 * pressure from that month and hour, staff on duty from that day and time.
 */
export const PeakQuerySchema = Type.Object(
  {
    at: LocalTimeSchema,
    /** Visitors per hour around a 小区 above which it should switch to peak mode. */
    threshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const PeakSchema = Type.Object(
  {
    threshold: Type.Integer(),
    /** Visitors per staff member on duty above which a peak-mode 小区 is short of staff. */
    visitorsPerStaff: Type.Integer(),
    xiaoqu: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          compoundType: Type.String(),
          visitors: Type.Integer(),
          peakMode: Type.Boolean(),
          /** Staff posted there and on duty; null for roles that may not see staff posts. */
          staffOnDuty: Type.Union([Type.Integer(), Type.Null()]),
          /** In peak mode with fewer staff on duty than the pressure needs; null as above. */
          short: Type.Union([Type.Boolean(), Type.Null()]),
          position: Type.Tuple([Type.Number(), Type.Number()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Peak = Static<typeof PeakSchema>;

/** Issues on the map: grid cells at low zoom, points as vector tiles, escalations; one issue. */
export const issueRoutes = {
  /** Issue counts on a grid for low zooms, filtered like the map. */
  cells: defineRoute({
    method: 'GET',
    url: '/api/issues/cells',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: IssueCellsQuerySchema,
      response: { 200: IssueCellsSchema, ...errorResponses },
    },
  }),
  /** Issues escalated to a 片区 (提级协调), as arcs 小区 → 片区. */
  escalations: defineRoute({
    method: 'GET',
    url: '/api/issues/escalations',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: IssueFilterSchema,
      response: { 200: EscalationsSchema, ...errorResponses },
    },
  }),
  /**
   * One issue, for an official of its area, planners and admins (403 elsewhere). The
   * reporter's name and phone are added only for an official whose area holds the issue.
   */
  detail: defineRoute({
    method: 'GET',
    url: '/api/issues/:id',
    access: 'official',
    scope: {
      holds: 'area-detail',
      outside: 'refused',
      detail: 'the issue (and, for the official of its area, its reporter)',
      personal: true,
    },
    schema: {
      params: IssueParamsSchema,
      response: { 200: IssueDetailSchema, ...errorResponses },
    },
  }),
  /**
   * Issue points as a vector tile (layer `issues`), filtered like the map, from zoom 12 up.
   * Issue points carry category, status, level, dates and 小区: never a person.
   */
  tile: defineRoute({
    method: 'GET',
    url: '/tiles/issues/:z/:x/:y.mvt',
    access: 'public',
    scope: aggregates,
    schema: { params: TileAddressSchema, querystring: IssueFilterSchema, response: {} },
  }),
};

/** Staff sent down: their posts (小区) and who is on duty, for officials and above. */
export const staffRoutes = {
  /** Where staff are posted in an area; an official sees their own area's posts only. */
  list: defineRoute({
    method: 'GET',
    url: '/api/staff',
    access: 'official',
    scope: { holds: 'area-detail', outside: 'refused', detail: 'staff posts' },
    schema: {
      querystring: StaffQuerySchema,
      response: { 200: StaffListSchema, ...errorResponses },
    },
  }),
  /** Staff posts with who is on duty at a local time. */
  duty: defineRoute({
    method: 'GET',
    url: '/api/staff/duty',
    access: 'official',
    scope: { holds: 'area-detail', outside: 'refused', detail: 'staff on duty' },
    schema: { querystring: DutyQuerySchema, response: { 200: DutySchema, ...errorResponses } },
  }),
};

/** 邻里之家 (neighbourhood sites) and who lives beyond a walk from every one. */
export const siteRoutes = {
  list: defineRoute({
    method: 'GET',
    url: '/api/sites',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: SitesSchema, ...errorResponses } },
  }),
  coverage: defineRoute({
    method: 'GET',
    url: '/api/sites/coverage',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: CoverageQuerySchema,
      response: { 200: CoverageSchema, ...errorResponses },
    },
  }),
};

/** Tourist pressure and 平急转换 (peak mode). */
export const tourismRoutes = {
  /** The hexagon cells, once (they do not change with time). */
  grid: defineRoute({
    method: 'GET',
    url: '/api/tourism/grid',
    access: 'public',
    scope: aggregates,
    schema: { response: { 200: TourismGridSchema, ...errorResponses } },
  }),
  pressure: defineRoute({
    method: 'GET',
    url: '/api/tourism/pressure',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: TourismQuerySchema,
      response: { 200: TourismPressureSchema, ...errorResponses },
    },
  }),
  /** Pressure and peak mode are public; staff on duty per 小区 is what staff/duty scopes. */
  peak: defineRoute({
    method: 'GET',
    url: '/api/tourism/peak',
    access: 'public',
    scope: { holds: 'area-detail', outside: 'withheld', detail: 'staffOnDuty and short per 小区' },
    schema: { querystring: PeakQuerySchema, response: { 200: PeakSchema, ...errorResponses } },
  }),
};
