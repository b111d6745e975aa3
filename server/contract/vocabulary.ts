/**
 * The domain vocabulary. Keys are stable ASCII identifiers stored in the database and carried
 * by the API. Seven lists are rows of the database (migration 016, `GET /api/vocabulary`), each
 * term with its zh-CN and English names and synonyms, and a district extends them: issue
 * categories, statuses, handling levels, departments, compound types, room kinds and activity
 * kinds. For those the constants below are only the keys of the product's default vocabulary
 * (what the designed map symbols and the demo generator know); their names live in the rows
 * alone, and a key of one of them is any `VocabKey`. The other lists here are fixed by the
 * product's logic and translated by the client's message catalogue.
 */
import { Type, type Static } from '@sinclair/typebox';

/** The lists served as rows, named as `GET /api/vocabulary` names them. */
export const VOCABULARY_KINDS = [
  'issueCategory',
  'issueStatus',
  'handlingLevel',
  'department',
  'compoundType',
  'siteRoomKind',
  'activityKind',
] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** The lists an import may extend with terms it brings (named in Chinese). */
export const EXTENSIBLE_KINDS = [
  'issueCategory',
  'department',
] as const satisfies readonly VocabularyKind[];
export type ExtensibleKind = (typeof EXTENSIBLE_KINDS)[number];

/** The pattern of a vocabulary key (the database's CHECK on every list). */
export const VOCAB_KEY_PATTERN = '^[a-z][a-z0-9_]{0,31}$';
/** A key of one of the vocabulary's lists. */
export type VocabKey = string;
export const VocabKeySchema = Type.String({ pattern: VOCAB_KEY_PATTERN });

/** One term of a list: its key, its names and the other words that mean it. */
export const VocabTermSchema = Type.Object(
  {
    key: VocabKeySchema,
    zh: Type.String({ description: 'zh-CN name, shown in the UI and the CSV exports' }),
    en: Type.String({ description: 'English name' }),
    synonyms: Type.Array(Type.String(), {
      description: 'other words source systems write for it, matched by the import',
    }),
  },
  { additionalProperties: false },
);
export type VocabTerm = Static<typeof VocabTermSchema>;

/** `GET /api/vocabulary`: every list, each in its order. */
export const VocabularySchema = Type.Object(
  Object.fromEntries(VOCABULARY_KINDS.map((k) => [k, Type.Array(VocabTermSchema)])) as Record<
    VocabularyKind,
    ReturnType<typeof Type.Array<typeof VocabTermSchema>>
  >,
  { additionalProperties: false },
);
export type Vocabulary = Static<typeof VocabularySchema>;

/** Drill levels of the area hierarchy, from the whole zone down to a residential compound. */
export const AREA_LEVELS = ['chengqu', 'pianqu', 'shequ', 'xiaoqu'] as const;
/** 城区 (the zone) · 片区 (district) · 社区 (community) · 小区 (compound). */
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The levels that can be drawn as a layer of polygons (the zone itself is the outline). */
export const MAP_LEVELS = ['pianqu', 'shequ', 'xiaoqu'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

/** 小区 types, "一小区一策": 老旧 · 新建 · 商住混住 · 沿海旅居 (the default keys). */
export const COMPOUND_TYPES = ['old', 'new', 'mixed', 'coastal'] as const;
/** One of the default compound types (a row may add others: any `VocabKey`). */
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
/** One of the default categories (the rows may hold others: any `VocabKey`). */
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/** Issue status: 待处理 · 处理中 · 已提级 (escalated to a higher level) · 已解决. Fixed keys. */
export const ISSUE_STATUSES = ['open', 'in_progress', 'escalated', 'resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** The level handling an issue: 小区 → 社区 → 片区 (提级协调). Fixed keys. */
export const HANDLING_LEVELS = ['xiaoqu', 'shequ', 'pianqu'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** Departments that send staff down (下沉): 公安 · 消防 · 市场监管 · 城管. */
export const DEPARTMENTS = ['police', 'fire', 'market', 'urban'] as const;
/** One of the default departments (the rows may hold others: any `VocabKey`). */
export type Department = (typeof DEPARTMENTS)[number];

/** Kinds of room a 邻里之家 occupies: 闲置用房 · 物业配套用房 · 党群服务站 · 社区办公用房. */
export const SITE_ROOM_KINDS = [
  'idle_room',
  'property_room',
  'party_post',
  'community_office',
] as const;
/** One of the default room kinds (the rows may hold others). */
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
/** One of the default activity kinds (the rows may hold others). */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** 攻坚项目 status: 进行中 · 已完成. */
export const PROJECT_STATUSES = ['in_progress', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * A comma-separated list of keys of an extensible list (`category=parking,roads`). The schema
 * checks the shape only; which keys exist is the database's, so the server answers an unknown
 * one with a 400 naming it (features/vocabulary).
 */
export const vocabKeyList = (what: string) =>
  Type.String({
    pattern: `^${VOCAB_KEY_PATTERN.slice(1, -1)}(,${VOCAB_KEY_PATTERN.slice(1, -1)})*$`,
    description: `comma-separated ${what}: keys of GET /api/vocabulary`,
  });
