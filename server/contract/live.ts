import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema, errorResponses, literalUnion } from './common.ts';
import { aggregates, defineRoute } from './route.ts';
import { MonthSchema } from './overlays.ts';
import { ACTIVITY_SCOPES, HANDLING_LEVELS, ISSUE_STATUSES, VocabKeySchema } from './vocabulary.ts';

/**
 * Kinds of live event (事件流). `data.reloaded` means the data set was (re)loaded as a whole:
 * a client drops what it holds and fetches everything again, as on a `reset`.
 */
export const EVENT_KINDS = [
  'issue.reported',
  'issue.updated',
  'issue.resolved',
  'issue.escalated',
  'activity.held',
  'staff.changed',
  'data.reloaded',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What happened to a staff post (下沉人员): posted, moved to another 小区, changed, withdrawn. */
export const STAFF_CHANGES = ['added', 'moved', 'updated', 'removed'] as const;
export type StaffChange = (typeof STAFF_CHANGES)[number];

/** Event ids are a bigserial; JSON carries them as numbers (safe up to 2^53). */
export const EventIdSchema = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

const code = () => Type.Union([Type.String(), Type.Null()]);

/**
 * One live event, as sent on the stream (`data:` of an SSE message, with `id:` = `id`) and by
 * `GET /api/events`. Never personal data: no reporter, no staff code, no duty schedule; the
 * fields that do not apply to a kind are omitted.
 */
export const LiveEventSchema = Type.Object(
  {
    /** Increasing in commit order: a client resumes from the last id it saw. */
    id: EventIdSchema,
    kind: literalUnion(EVENT_KINDS),
    /** ISO 8601 time of the change (UTC, with offset). */
    occurredAt: Type.String(),
    /** Where: the 小区, its 社区 and 片区 (a 片区 activity has only the 片区; data.reloaded none). */
    xiaoquCode: code(),
    xiaoquName: code(),
    shequCode: code(),
    shequName: code(),
    pianquCode: code(),
    pianquName: code(),
    /** [lon, lat]: the issue's point, or the 小区 (片区) label point for activities and staff. */
    position: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
    /** issue.*: the issue and its state after the change (and before, on an update). */
    issueId: Type.Optional(Type.Integer()),
    category: Type.Optional(VocabKeySchema),
    status: Type.Optional(literalUnion(ISSUE_STATUSES)),
    level: Type.Optional(literalUnion(HANDLING_LEVELS)),
    previousStatus: Type.Optional(literalUnion(ISSUE_STATUSES)),
    previousLevel: Type.Optional(literalUnion(HANDLING_LEVELS)),
    /** activity.held */
    activityKind: Type.Optional(VocabKeySchema),
    activityScope: Type.Optional(literalUnion(ACTIVITY_SCOPES)),
    activityTitle: Type.Optional(Type.String()),
    attendance: Type.Optional(Type.Integer()),
    /** staff.changed: the department and what happened; `moved` comes from `fromXiaoquCode`. */
    department: Type.Optional(VocabKeySchema),
    staffChange: Type.Optional(literalUnion(STAFF_CHANGES)),
    fromXiaoquCode: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type LiveEvent = Static<typeof LiveEventSchema>;

/**
 * `reset` on the stream (SSE `event: reset`, with `id:` = `latestEventId`), and `reset: true`
 * from `GET /api/events`: the id asked for is older than the events kept (`expired`) or unknown
 * to this database (`unknown`, e.g. a rebuilt demo). Refetch the summary and everything shown;
 * the stream goes on from `latestEventId`.
 */
export const ResetSchema = Type.Object(
  {
    reason: literalUnion(['expired', 'unknown'] as const),
    latestEventId: EventIdSchema,
  },
  { additionalProperties: false },
);
export type StreamReset = Static<typeof ResetSchema>;

/**
 * `GET /api/events/stream[?after=ID]` (text/event-stream; `Last-Event-ID` wins over `after`):
 * the events after that id from the table, then live ones. Without either, live ones only.
 * Comment lines (`: ping`) every 15 s keep proxies from closing it.
 */
export const EventStreamQuerySchema = Type.Object(
  { after: Type.Optional(EventIdSchema) },
  { additionalProperties: false },
);

/**
 * `GET /api/events?after=&limit=`: with `after`, the events after it (oldest first, at most
 * `limit`, default 50); without, the latest `limit` (oldest first), for the ticker's first list.
 */
export const EventsQuerySchema = Type.Object(
  {
    after: Type.Optional(EventIdSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuerySchema>;

export const EventsSchema = Type.Object(
  {
    events: Type.Array(LiveEventSchema),
    /** The newest event id now (0 when none yet): stream from here. */
    latestEventId: EventIdSchema,
    /** True when `after` is older than the events kept or unknown: refetch everything. */
    reset: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Events = Static<typeof EventsSchema>;

const int = () => Type.Integer({ minimum: 0 });

/** A 片区 ranked on the screen: issues handled and the share resolved. */
const ScreenPianquRankSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    total: int(),
    resolved: int(),
    /** resolved / total; null when total is 0. */
    rate: Type.Union([Type.Number(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ScreenPianquRank = Static<typeof ScreenPianquRankSchema>;

/** `GET /api/screen/summary`: everything the big screen shows, counted in the database. */
export const ScreenSummarySchema = Type.Object(
  {
    /**
     * The newest event id when these figures were counted: stream from it
     * (`/api/events/stream?after=latestEventId`) and nothing is missed or counted twice.
     */
    latestEventId: EventIdSchema,
    /** Local time (the data set's time zone) of the count, `YYYY-MM-DDTHH:MM`. */
    at: Type.String(),
    kpis: Type.Object(
      {
        /** 小区 with a party branch, of all 小区 (x of y). */
        partyBranches: int(),
        xiaoqu: int(),
        /** 社区工作者 posted to a 小区. */
        workers: int(),
        /** 邻里之家. */
        sites: int(),
        /** 下沉人员 posts. */
        staff: int(),
        issuesTotal: int(),
        issuesResolved: int(),
        /** Resolved in the current calendar year (local time). */
        issuesResolvedThisYear: int(),
        /** Not resolved (open, in progress or escalated). */
        issuesOpen: int(),
        /** Not resolved and handled by a 片区 (提级协调). */
        issuesEscalatedOpen: int(),
        /** 惠民微活动 (scope xiaoqu) and 片区 activities. */
        microActivities: int(),
        pianquActivities: int(),
        pianqu: int(),
        shequ: int(),
        /** 攻坚项目 completed, of those claimed. */
        projectsCompleted: int(),
        projectsClaimed: int(),
      },
      { additionalProperties: false },
    ),
    /** Every month from the first issue to the current month, oldest first (local months). */
    issuesByMonth: Type.Array(
      Type.Object(
        { month: MonthSchema, reported: int(), resolved: int() },
        { additionalProperties: false },
      ),
    ),
    /** Every category of the vocabulary, in its order. */
    categories: Type.Array(
      Type.Object(
        {
          category: VocabKeySchema,
          total: int(),
          resolved: int(),
          open: int(),
        },
        { additionalProperties: false },
      ),
    ),
    /** All 片区, by resolution rate, best first (ties by code). */
    pianquByResolution: Type.Array(ScreenPianquRankSchema),
    /**
     * All 片区 by the share of their historical legacy problems (历史遗留问题) resolved; null
     * while the data set has no legacy flag on issues.
     */
    pianquByLegacy: Type.Union([Type.Array(ScreenPianquRankSchema), Type.Null()]),
    /**
     * The path of issues 小区 → 社区 → 片区: `reached` how many were handled at that level or
     * above (all issues at 小区; escalated ones above), `resolved` solved there, `open` still
     * being handled there.
     */
    issuePath: Type.Array(
      Type.Object(
        { level: literalUnion(HANDLING_LEVELS), reached: int(), resolved: int(), open: int() },
        { additionalProperties: false },
      ),
    ),
    /** Tourist pressure through the year: zone-wide visitors in each month's busiest hour. */
    tourism: Type.Object(
      {
        /** The current month (1-12), to mark "today" on the chart. */
        currentMonth: Type.Integer({ minimum: 1, maximum: 12 }),
        months: Type.Array(
          Type.Object(
            {
              month: Type.Integer({ minimum: 1, maximum: 12 }),
              /** Visitors per hour across the zone at the month's busiest hour. */
              peakHourVisitors: int(),
              /** That hour (0-23). */
              peakHour: Type.Integer({ minimum: 0, maximum: 23 }),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    /** 小区 that should be in peak mode (旺季模式) now, at the default threshold. */
    peak: Type.Object(
      {
        threshold: Type.Integer(),
        xiaoqu: Type.Array(
          Type.Object(
            {
              code: Type.String(),
              name: Type.String(),
              visitors: int(),
              position: Type.Tuple([Type.Number(), Type.Number()]),
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ScreenSummary = Static<typeof ScreenSummarySchema>;

/** 事件流. Events carry counts, a point and a department: never a person, a post or a schedule. */
export const liveRoutes = {
  /** Server-Sent Events, resumable by id; answered only to `Accept: text/event-stream`. */
  stream: defineRoute({
    method: 'GET',
    url: '/api/events/stream',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: EventStreamQuerySchema,
      response: { ...errorResponses, 406: ErrorSchema, 429: ErrorSchema },
    },
  }),
  /** JSON pages of the same events. */
  events: defineRoute({
    method: 'GET',
    url: '/api/events',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: EventsQuerySchema,
      response: { 200: EventsSchema, ...errorResponses },
    },
  }),
};
