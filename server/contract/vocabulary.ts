/**
 * The domain vocabulary, written once. Keys are stable ASCII identifiers stored in the
 * database and carried by the API; the UI translates them through the message catalogue
 * (client/i18n). The Chinese term beside each key is the word used in the source article.
 */

/** Drill levels of the area hierarchy, from the whole zone down to a residential compound. */
export const AREA_LEVELS = ['chengqu', 'pianqu', 'shequ', 'xiaoqu'] as const;
/** 城区 (the zone) · 片区 (district) · 社区 (community) · 小区 (compound). */
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The levels that can be drawn as a layer of polygons (the zone itself is the outline). */
export const MAP_LEVELS = ['pianqu', 'shequ', 'xiaoqu'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** 小区 types, "一小区一策": 老旧 · 新建 · 商住混住 · 沿海旅居. */
export const COMPOUND_TYPES = ['old', 'new', 'mixed', 'coastal'] as const;
export type CompoundType = (typeof COMPOUND_TYPES)[number];

/** 民生问题 categories: 环境提升 · 设施更新 · 道路修缮 · 停车优化 · 楼道整治 · 矛盾纠纷 · 电网改造. */
export const ISSUE_CATEGORIES = [
  'environment',
  'facilities',
  'roads',
  'parking',
  'stairwells',
  'disputes',
  'power_grid',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/** Issue status: 待处理 · 处理中 · 已提级 (escalated to a higher level) · 已解决. */
export const ISSUE_STATUSES = ['open', 'in_progress', 'escalated', 'resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** The level handling an issue: 小区 → 社区 → 片区 (提级协调). */
export const HANDLING_LEVELS = ['xiaoqu', 'shequ', 'pianqu'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** Departments that send staff down (下沉): 公安 · 消防 · 市场监管 · 城管. */
export const DEPARTMENTS = ['police', 'fire', 'market', 'urban'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Kinds of room a 邻里之家 occupies: 闲置用房 · 物业配套用房 · 党群服务站 · 社区办公用房. */
export const SITE_ROOM_KINDS = [
  'idle_room',
  'property_room',
  'party_post',
  'community_office',
] as const;
export type SiteRoomKind = (typeof SITE_ROOM_KINDS)[number];

/** Roles of posted community workers (社区工作者): 网格员 · 专职社工 · 小区党支部书记助理. */
export const WORKER_ROLES = ['grid_worker', 'social_worker', 'branch_assistant'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

/** Scope of an activity: 惠民微活动 in a 小区, or a 片区 activity. */
export const ACTIVITY_SCOPES = ['xiaoqu', 'pianqu'] as const;
export type ActivityScope = (typeof ACTIVITY_SCOPES)[number];

/**
 * Activity kinds. Micro (小区): 公益市集 · 邻里联谊 · 趣味赛事 · 文体汇演 · 长者生日会.
 * 片区: 邻里节 · 百家宴 · 运动会 · 共享课程.
 */
export const ACTIVITY_KINDS = [
  'charity_market',
  'neighbour_social',
  'fun_contest',
  'performance',
  'elder_birthday',
  'neighbour_festival',
  'community_banquet',
  'sports_meet',
  'shared_course',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** 攻坚项目 status: 进行中 · 已完成. */
export const PROJECT_STATUSES = ['in_progress', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
