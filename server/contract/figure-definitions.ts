/*
 * Every figure of an area, defined once (issue 15): its key in `AreaFigures` (figures.ts), its
 * labels and what it counts. Pure data, no schema library, so the client imports it at run time
 * for its labels; the CSV export and the README's glossary read the same list.
 */

/** What a figure follows: the window (and the replayed month) or only the current state. */
export type FigureTime = 'window' | 'current';

/** One figure: where it sits in {@link AreaFigures}, its labels and what it counts. */
export interface FigureDefinition<K extends string = string> {
  /** Its path in {@link AreaFigures}, e.g. `issues.resolved`. */
  key: K;
  zh: string;
  en: string;
  /** What it counts, in words (the README's glossary lists these). */
  meaning: string;
  time: FigureTime;
  /** Narrowed by the map's issue filters (category, status, handling level). */
  filtered: boolean;
  /**
   * Which way is better, for the rates and ratios that judge an area's work; absent for sizes
   * and counts, whose highest and lowest are neither good nor bad (a big 社区 has more of
   * everything).
   */
  better?: 'higher' | 'lower';
}

const def = <K extends string>(
  key: K,
  zh: string,
  en: string,
  time: FigureTime,
  filtered: boolean,
  meaning: string,
  better?: 'higher' | 'lower',
): FigureDefinition<K> => ({ key, zh, en, meaning, time, filtered, ...(better ? { better } : {}) });

/**
 * Every figure, once. The CSV export, the client's labels and the README's glossary read this
 * list; a test checks the glossary against it.
 */
export const FIGURE_DEFINITIONS = [
  def(
    'pianqu',
    '片区数',
    'Districts',
    'current',
    false,
    '片区 inside the area (the zone’s all; a 片区 itself)',
  ),
  def('shequ', '社区数', 'Communities', 'current', false, '社区 inside the area'),
  def('xiaoqu', '小区数', 'Compounds', 'current', false, '小区 in the area'),
  def(
    'partyBranches',
    '小区党支部',
    'Party branches',
    'current',
    false,
    '小区 with a party branch',
  ),
  def('households', '户数', 'Households', 'current', false, 'households of the 小区'),
  def('population', '人口', 'Population', 'current', false, 'residents of the 小区'),
  def('sites', '邻里之家', 'Service sites', 'current', false, '邻里之家 in the 小区'),
  def(
    'workers',
    '社区工作者',
    'Community workers',
    'current',
    false,
    'community workers posted to the 小区',
  ),
  def(
    'staff',
    '下沉人员',
    'Staff sent down',
    'current',
    false,
    'staff sent down and posted to the 小区',
  ),
  def(
    'staffByDepartment',
    '下沉人员·按部门',
    'Staff by department',
    'current',
    false,
    'the staff, per sending department',
  ),
  def('issues.total', '民生问题', 'Issues', 'window', true, 'issues reported in the window'),
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
    'Open',
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
    'higher',
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
    'higher',
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
    'lower',
  ),
  def(
    'issues.byCategory',
    '问题类别',
    'By category',
    'window',
    true,
    'issues reported in the window per category, and of those resolved by its last day',
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
] as const;

/** The key of a figure: a typo does not compile. */
export type FigureKey = (typeof FIGURE_DEFINITIONS)[number]['key'];

/** A figure's row in the README's glossary (a test checks that every row is there). */
export function glossaryRow(d: FigureDefinition): string {
  const follows = d.time === 'current' ? 'today' : d.filtered ? 'window, filters' : 'window';
  return `| ${d.zh} | \`${d.key}\` | ${d.en} | ${d.meaning} | ${follows} |`;
}

/**
 * A figure's value in an area's figures, by its key's path (`issues.resolved`). Typed loosely:
 * a figure may be a count, a share, null or a list.
 */
export function figureValue(figures: object, key: FigureKey): number | null {
  const v = key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k], figures);
  return typeof v === 'number' ? v : null;
}

/** A figure's definition by its key. */
export function figureDefinition(key: FigureKey): FigureDefinition {
  const d = FIGURE_DEFINITIONS.find((x) => x.key === key);
  if (!d) throw new Error(`no figure ${key}`);
  return d;
}
