import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { AreaLevelSchema, StreetCodeSchema, errorResponses, literalUnion } from './common.ts';
import { AreaParamsSchema } from './areas.ts';
import { aggregates, defineRoute } from './route.ts';
import {
  AreaFiguresSchema,
  DateSchema,
  FIGURE_WINDOWS,
  FigureWindowSchema,
  issueFilterProps,
  windowProps,
  type AreaFigures,
  type FigureWindow,
  type FigureWindowKind,
} from './figures.ts';
import { HANDLING_LEVELS, ISSUE_STATUSES, VocabKeySchema, WORKER_ROLES } from './vocabulary.ts';
import { MONTH } from './patterns.ts';
import type { FigureKey } from './figure-definitions.ts';

/*
 * Area profiles (issue 5): what an official sees on clicking into the 城区, a 片区, a 社区 or a
 * 小区, and the CSV export (the comparison: compare.ts; name search: search.ts). The vocabulary
 * the profiles add sits here, beside the schemas that carry it.
 */

/** Time windows of a profile: the figures' windows (contract/figures.ts). */
export const PROFILE_WINDOWS = FIGURE_WINDOWS;
export type ProfileWindowKind = FigureWindowKind;

/** 议事清单 item status: 待办 · 推进中 · 已办结 · 顺延 (carried to next month's meeting). */
export const AGENDA_STATUSES = ['pending', 'in_progress', 'done', 'carried_over'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** Who owns an agenda item: a 社区, a department (下沉 or zone office), or a role title. */
export const AGENDA_OWNER_KINDS = ['shequ', 'department', 'role'] as const;
export type AgendaOwnerKind = (typeof AGENDA_OWNER_KINDS)[number];

/** Shared resources of a 片区: 共享课程 · 共享场地 (rooms). */
export const RESOURCE_KINDS = ['course', 'room'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

const Count = Type.Integer({ minimum: 0 });
/** A share 0..1; null when there is nothing to divide by. */
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const LonLat = Type.Tuple([Type.Number(), Type.Number()]);
/** [west, south, east, north] in degrees. */
const Bbox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);
const obj = <T extends TProperties>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, description });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A calendar month, `YYYY-MM`. */
const MonthString = Type.String({ pattern: `^${MONTH}$` });

/**
 * Query of `GET /api/areas/:code/profile` and `…/profile.csv`: the time window, and the map's
 * issue filters (category, status, handling level), which narrow the issue figures only.
 */
export const ProfileQuerySchema = obj({
  ...windowProps,
  ...issueFilterProps,
});
export type ProfileQuery = Static<typeof ProfileQuerySchema>;

/** The window the figures were counted in (contract/figures.ts). */
export const ProfileWindowSchema = FigureWindowSchema;
export type ProfileWindow = FigureWindow;

const AreaHeadSchema = obj({
  code: Type.String(),
  name: Type.String(),
  level: AreaLevelSchema,
  street: nullable(StreetCodeSchema),
  /** Ancestor names from the zone down to the parent, zone first. */
  chain: Type.Array(obj({ code: Type.String(), name: Type.String(), level: AreaLevelSchema })),
  bbox: Bbox,
});

/** The figures of an area, from the one figures engine (contract/figures.ts). */
export const ProfileFiguresSchema = AreaFiguresSchema;
export type ProfileFigures = AreaFigures;

/** One month of the small charts; months of the window in order (at most 60). */
export const ProfileMonthSchema = obj({
  month: MonthString,
  issues: Count,
  resolved: Count,
  activities: Count,
  attendance: Count,
  creditPoints: Count,
});
export type ProfileMonth = Static<typeof ProfileMonthSchema>;

const profileBase = {
  area: AreaHeadSchema,
  window: ProfileWindowSchema,
  figures: ProfileFiguresSchema,
  series: Type.Array(ProfileMonthSchema),
};

/** One 片区 in the 城区's ranking. */
export const PianquRankSchema = obj({
  code: Type.String(),
  name: Type.String(),
  /** 1 = best resolution rate (ties: more issues resolved, then code). */
  rank: Type.Integer({ minimum: 1 }),
  shequ: Count,
  xiaoqu: Count,
  households: Count,
  workers: Count,
  issues: Count,
  resolved: Count,
  resolutionRate: Rate,
  legacyRate: Rate,
  escalatedResolved: Count,
  activities: Count,
  creditPoints: Count,
  perWorker: nullable(Type.Number({ minimum: 0 })),
});
export type PianquRank = Static<typeof PianquRankSchema>;

export const ChengquProfileSchema = obj({
  level: Type.Literal('chengqu'),
  ...profileBase,
  /** The 23 片区, ranked by resolution rate in the window. */
  pianquRanking: Type.Array(PianquRankSchema),
});
export type ChengquProfile = Static<typeof ChengquProfileSchema>;

/** A member 社区 of a 片区, with its figures in the window. */
export const MemberShequSchema = obj({
  code: Type.String(),
  name: Type.String(),
  xiaoqu: Count,
  households: Count,
  workers: Count,
  issues: Count,
  resolved: Count,
  resolutionRate: Rate,
  creditPoints: Count,
});

/** The 4 duties of a 片区, counted in the window. */
export const DutyScoreboardSchema = obj({
  /** 化解历史遗留问题: found / resolved / rate (田村片区 ≈ 67% over all time). */
  legacy: obj({ found: Count, resolved: Count, rate: Rate }),
  /** 调解跨社区纠纷: disputes between its 社区, and mediated (resolved). */
  disputes: obj({ total: Count, mediated: Count }),
  /** 攻坚重点难题: issues escalated to the 片区 (提级协调) and solved. */
  keyProblems: obj({ escalated: Count, solved: Count }),
  /** 开展片区活动: 片区 activities held and their attendance. */
  activities: obj({ held: Count, attendance: Count }),
});
export type DutyScoreboard = Static<typeof DutyScoreboardSchema>;

/** One item of the monthly 片区联席会议 议事清单. No person's name: the owner is a body or a role. */
export const AgendaItemSchema = obj({
  code: Type.String(),
  month: MonthString,
  title: Type.String(),
  ownerKind: literalUnion(AGENDA_OWNER_KINDS),
  /** A 社区 code, a department key or a role key. */
  ownerCode: Type.String(),
  /** The owner as shown (社区 name, department or role title, zh-CN). */
  ownerName: Type.String(),
  status: literalUnion(AGENDA_STATUSES),
});
export type AgendaItem = Static<typeof AgendaItemSchema>;

/** A month's joint meeting and its rotating chair (轮值) 社区. */
export const MeetingSchema = obj({
  month: MonthString,
  heldOn: DateSchema,
  chairCode: Type.String(),
  chairName: Type.String(),
});
export type Meeting = Static<typeof MeetingSchema>;

/** A shared course or room of a 片区 and which 社区 used it in the window. */
export const SharedResourceSchema = obj({
  code: Type.String(),
  kind: literalUnion(RESOURCE_KINDS),
  name: Type.String(),
  /** The 社区 hosting it. */
  hostCode: Type.String(),
  hostName: Type.String(),
  sessions: Count,
  attendance: Count,
  users: Type.Array(
    obj({ shequCode: Type.String(), shequName: Type.String(), sessions: Count, attendance: Count }),
  ),
});
export type SharedResource = Static<typeof SharedResourceSchema>;

export const PianquProfileSchema = obj({
  level: Type.Literal('pianqu'),
  ...profileBase,
  members: Type.Array(MemberShequSchema),
  duties: DutyScoreboardSchema,
  /** Meetings in the window, newest first; `chair` of the latest is the current chair. */
  meetings: Type.Array(MeetingSchema),
  /** Agenda items of the meetings in the window, newest month first. */
  agenda: Type.Array(AgendaItemSchema),
  sharedResources: Type.Array(SharedResourceSchema),
  /** Credit points redeemed across 社区 of the 片区 (片区内通兑), from the earning 社区 to the redeeming one. */
  creditExchanges: Type.Array(
    obj({
      fromCode: Type.String(),
      fromName: Type.String(),
      toCode: Type.String(),
      toName: Type.String(),
      points: Count,
    }),
  ),
});
export type PianquProfile = Static<typeof PianquProfileSchema>;

/** A 小区 of a 社区 with its figures in the window. */
export const MemberXiaoquSchema = obj({
  code: Type.String(),
  name: Type.String(),
  compoundType: nullable(VocabKeySchema),
  households: Count,
  workers: Count,
  sites: Count,
  issues: Count,
  unresolved: Count,
  resolutionRate: Rate,
});

/** One figure of a 社区 beside the average of the 社区 of its 片区 (the 社区 itself included). */
export const PianquComparisonSchema = obj({
  key: literalUnion([
    'households',
    'workers',
    'sites',
    'staff',
    'issues',
    'resolutionRate',
    'perWorker',
    'microActivities',
    'creditPoints',
  ] as const),
  value: nullable(Type.Number()),
  pianquAverage: nullable(Type.Number()),
});
export type PianquComparison = Static<typeof PianquComparisonSchema>;

/**
 * The figure each comparison row is, so the panel and the CSV label it from its one
 * definition.
 */
export const COMPARISON_FIGURES = {
  households: 'households',
  workers: 'workers',
  sites: 'sites',
  staff: 'staff',
  issues: 'issues.total',
  resolutionRate: 'issues.resolutionRate',
  perWorker: 'issues.perWorker',
  microActivities: 'microActivities',
  creditPoints: 'credits.earned',
} as const satisfies Record<PianquComparison['key'], FigureKey>;

export const ShequProfileSchema = obj({
  level: Type.Literal('shequ'),
  ...profileBase,
  xiaoquList: Type.Array(MemberXiaoquSchema),
  comparison: Type.Array(PianquComparisonSchema),
});
export type ShequProfile = Static<typeof ShequProfileSchema>;

/** 一小区一策: the policy for a compound type, from the database. */
export const CompoundPolicySchema = obj({
  compoundType: VocabKeySchema,
  title: Type.String(),
  summary: Type.String(),
  measures: Type.Array(Type.String()),
});
export type CompoundPolicy = Static<typeof CompoundPolicySchema>;

/** A listed issue: no reporter, no exact position. */
export const ProfileIssueSchema = obj({
  id: Type.Integer(),
  category: VocabKeySchema,
  status: literalUnion(ISSUE_STATUSES),
  handlingLevel: literalUnion(HANDLING_LEVELS),
  reportedOn: DateSchema,
  resolvedOn: nullable(DateSchema),
  legacy: Type.Boolean(),
  crossShequ: Type.Boolean(),
});
export type ProfileIssue = Static<typeof ProfileIssueSchema>;

export const XiaoquProfileSchema = obj({
  level: Type.Literal('xiaoqu'),
  ...profileBase,
  compoundType: nullable(VocabKeySchema),
  builtYear: nullable(Type.Integer()),
  policy: nullable(CompoundPolicySchema),
  partyBranch: obj({ name: Type.String(), members: Count, establishedOn: nullable(DateSchema) }),
  workersByRole: Type.Array(obj({ role: literalUnion(WORKER_ROLES), count: Count })),
  sites: Type.Array(
    obj({
      code: Type.String(),
      name: Type.String(),
      roomKind: VocabKeySchema,
      services: Type.Array(Type.String()),
      openingHours: Type.String(),
      floorAreaM2: Count,
      position: LonLat,
    }),
  ),
  /** Staff stationed (下沉); null for roles that may not see staff posts. */
  staff: nullable(
    Type.Array(
      obj({
        code: Type.String(),
        department: VocabKeySchema,
        dutySchedule: Type.String(),
      }),
    ),
  ),
  /** Issues reported in the window, newest first, at most `issueLimit` of `figures.issues.total`. */
  issues: Type.Array(ProfileIssueSchema),
  issueLimit: Count,
  /** Activities in the window, newest first (at most 100). */
  activities: Type.Array(
    obj({
      code: Type.String(),
      kind: VocabKeySchema,
      title: Type.String(),
      heldOn: DateSchema,
      attendance: Count,
    }),
  ),
  /** 旺季模式 for a coastal 小区 now (server clock); null for other types. */
  peak: nullable(
    obj({
      at: Type.String({ description: 'local time checked, YYYY-MM-DDTHH:MM' }),
      threshold: Count,
      visitors: Count,
      peakMode: Type.Boolean(),
      /** null for roles that may not see staff posts. */
      staffOnDuty: nullable(Count),
      short: nullable(Type.Boolean()),
    }),
  ),
});
export type XiaoquProfile = Static<typeof XiaoquProfileSchema>;

/** `GET /api/areas/:code/profile`: one shape per level, told apart by `level`. */
export const AreaProfileSchema = Type.Union([
  ChengquProfileSchema,
  PianquProfileSchema,
  ShequProfileSchema,
  XiaoquProfileSchema,
]);
export type AreaProfile = Static<typeof AreaProfileSchema>;

/**
 * The routes of an area's profile. Public: aggregates and the issue list the map's public
 * tiles already show; a 小区's staff posts only where the scoping rule (auth/roles.ts) admits
 * them.
 */
export const profileRoutes = {
  /** One shape per level. */
  profile: defineRoute({
    method: 'GET',
    url: '/api/areas/:code/profile',
    access: 'public',
    scope: {
      holds: 'area-detail',
      outside: 'withheld',
      detail: "a 小区's staff posts and its peak mode's staffOnDuty and short",
    },
    schema: {
      params: AreaParamsSchema,
      querystring: ProfileQuerySchema,
      response: { 200: AreaProfileSchema, ...errorResponses },
    },
  }),
  /**
   * The same figures for Excel. The CSV writes the figures and the 小区's branch, workers by
   * role and peak mode: no posts.
   */
  csv: defineRoute({
    method: 'GET',
    url: '/api/areas/:code/profile.csv',
    access: 'public',
    scope: aggregates,
    schema: {
      params: AreaParamsSchema,
      querystring: ProfileQuerySchema,
      response: {
        200: Type.String({ description: 'text/csv, UTF-8 with BOM' }),
        ...errorResponses,
      },
    },
  }),
};
