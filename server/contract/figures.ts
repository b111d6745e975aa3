import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { AreaCodeSchema, AreaLevelSchema, literalUnion } from './common.ts';
import {
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
} from './vocabulary.ts';

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
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
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
  category: Type.Optional(listOf(ISSUE_CATEGORIES, 'categories')),
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
  staffByDepartment: Type.Array(obj({ department: literalUnion(DEPARTMENTS), count: Count })),
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
    byCategory: Type.Array(
      obj({ category: literalUnion(ISSUE_CATEGORIES), total: Count, resolved: Count }),
    ),
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

/** What a figure follows: the window (and the replayed month) or only the current state. */
export type FigureTime = 'window' | 'current';

/** One figure: where it sits in {@link AreaFigures}, its labels and what it counts. */
export interface FigureDefinition {
  /** Its path in {@link AreaFigures}, e.g. `issues.resolved`. */
  key: string;
  zh: string;
  en: string;
  /** What it counts, in words (the README's glossary lists these). */
  meaning: string;
  time: FigureTime;
  /** Narrowed by the map's issue filters (category, status, handling level). */
  filtered: boolean;
}

const def = (
  key: string,
  zh: string,
  en: string,
  time: FigureTime,
  filtered: boolean,
  meaning: string,
): FigureDefinition => ({ key, zh, en, meaning, time, filtered });

/**
 * Every figure, once. The CSV export, the client's labels and the README's glossary read this
 * list; a test checks the glossary against it.
 */
export const FIGURE_DEFINITIONS: readonly FigureDefinition[] = [
  def('pianqu', '片区数', 'Districts', 'current', false, '片区 with a 小区 in the area'),
  def('shequ', '社区数', 'Communities', 'current', false, '社区 with a 小区 in the area'),
  def('xiaoqu', '小区数', 'Compounds', 'current', false, '小区 in the area'),
  def('partyBranches', '小区党支部', 'Party branches', 'current', false, '小区 with a party branch'),
  def('households', '户数', 'Households', 'current', false, 'households of the 小区, today'),
  def('population', '人口', 'Population', 'current', false, 'residents of the 小区, today'),
  def('sites', '邻里之家', 'Service sites', 'current', false, '邻里之家 in the 小区, today'),
  def('workers', '社区工作者', 'Community workers', 'current', false, 'posted workers, today'),
  def('staff', '下沉人员', 'Staff sent down', 'current', false, 'staff posted to the 小区, today'),
  def(
    'staffByDepartment',
    '下沉人员·按部门',
    'Staff by department',
    'current',
    false,
    'the staff, per sending department',
  ),
  def(
    'issues.total',
    '民生问题',
    'Issues reported',
    'window',
    true,
    'issues reported in the window',
  ),
  def(
    'issues.resolved',
    '已解决',
    'Resolved',
    'window',
    true,
    'of the issues reported in the window, those resolved by its last day',
  ),
  def(
    'issues.unresolved',
    '未解决',
    'Unresolved',
    'window',
    true,
    'of the issues reported in the window, those not resolved by its last day (what colours the map)',
  ),
  def(
    'issues.resolutionRate',
    '解决率',
    'Resolution rate',
    'window',
    true,
    'resolved ÷ issues reported in the window',
  ),
  def(
    'issues.resolvedInWindow',
    '办结',
    'Closed in the window',
    'window',
    true,
    'issues resolved inside the window, whenever they were reported (the big screen’s 本年办结)',
  ),
  def(
    'issues.escalated',
    '提级协调',
    'Escalated to the 片区',
    'window',
    true,
    'issues of the window handled by the 片区 (提级协调)',
  ),
  def(
    'issues.escalatedResolved',
    '提级协调·已解决',
    'Escalated, resolved',
    'window',
    true,
    'escalated issues resolved by the window’s last day',
  ),
  def(
    'issues.escalatedOpen',
    '提级协调·未解决',
    'Escalated, open',
    'window',
    true,
    'escalated issues not resolved by the window’s last day',
  ),
  def(
    'issues.legacy',
    '历史遗留问题',
    'Legacy problems',
    'window',
    true,
    'issues of the window tagged as historical legacy problems',
  ),
  def(
    'issues.legacyResolved',
    '历史遗留问题·已化解',
    'Legacy problems resolved',
    'window',
    true,
    'legacy problems resolved by the window’s last day',
  ),
  def(
    'issues.legacyRate',
    '历史遗留问题化解率',
    'Legacy resolution rate',
    'window',
    true,
    'legacy problems resolved ÷ legacy problems',
  ),
  def(
    'issues.crossShequDisputes',
    '跨社区纠纷',
    'Cross-community disputes',
    'window',
    true,
    'issues of the window tagged as disputes between two 社区',
  ),
  def(
    'issues.crossShequMediated',
    '跨社区纠纷·已调解',
    'Disputes mediated',
    'window',
    true,
    'those disputes resolved by the window’s last day',
  ),
  def(
    'issues.perWorker',
    '人均问题数',
    'Issues per worker',
    'window',
    true,
    'issues reported in the window ÷ community workers (件/人)',
  ),
  def(
    'issues.byCategory',
    '问题类别',
    'By category',
    'window',
    true,
    'issues reported in the window and resolved by its end, per category',
  ),
  def(
    'issues.byStatus',
    '问题状态',
    'By status',
    'window',
    true,
    'issues reported in the window, per status on its last day',
  ),
  def(
    'issues.byHandlingLevel',
    '处理层级',
    'By handling level',
    'window',
    true,
    'issues reported in the window, per level handling them, and of those resolved by its end',
  ),
  def(
    'microActivities',
    '惠民微活动',
    'Micro activities',
    'window',
    false,
    '惠民微活动 held in the 小区 of the area in the window',
  ),
  def(
    'microAttendance',
    '惠民微活动参与人次',
    'Micro activity attendance',
    'window',
    false,
    'attendance of those micro activities',
  ),
  def(
    'pianquActivities',
    '片区活动',
    'District activities',
    'window',
    false,
    'activities held in the window by the 片区 the area belongs to or contains',
  ),
  def(
    'pianquAttendance',
    '片区活动参与人次',
    'District activity attendance',
    'window',
    false,
    'attendance of those 片区 activities',
  ),
  def(
    'attendance',
    '活动参与人次（含片区活动）',
    'Attendance, both kinds',
    'window',
    false,
    '惠民微活动参与人次 + 片区活动参与人次',
  ),
  def(
    'projects',
    '攻坚项目',
    'Projects',
    'window',
    false,
    'projects claimed in the window by the area or an area inside it',
  ),
  def(
    'projectsCompleted',
    '攻坚项目·已完成',
    'Projects completed',
    'window',
    false,
    'of those, completed by the window’s last day',
  ),
  def(
    'credits.earned',
    '信用积分·获得',
    'Credit points earned',
    'window',
    false,
    'points earned by residents in the months the window touches',
  ),
  def(
    'credits.exchanged',
    '信用积分·片区内通兑',
    'Credit points exchanged',
    'window',
    false,
    'of those, redeemed in another 社区 of the 片区',
  ),
  def(
    'credits.participants',
    '信用积分·参与人数',
    'Credit participants',
    'window',
    false,
    'residents taking part in the latest month of the window (a head count, not a sum)',
  ),
];

/** A figure's definition by its key. */
export function figureDefinition(key: string): FigureDefinition {
  const d = FIGURE_DEFINITIONS.find((x) => x.key === key);
  if (!d) throw new Error(`no figure ${key}`);
  return d;
}

/**
 * `GET /api/figures`: the figures of several areas (`codes`, at most {@link MAX_FIGURE_CODES}) or
 * of the children of one (`children`), in a window, with the map's issue filters.
 */
export const MAX_FIGURE_CODES = 50;
export const FiguresQuerySchema = obj({
  codes: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32})*$',
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
