/**
 * What each kind of file must and may hold, how a column is recognised by its header (the
 * names Chinese systems export under), and the words accepted for each listed value. The lists
 * of the vocabulary are read from its rows (migration 016): a value is a term's key, its zh-CN
 * or English name, or one of its synonyms. Category and department cells may also bring a new
 * term named in Chinese, which the import adds (see `FieldSpec.adds`).
 */
import {
  ACTIVITY_SCOPES,
  EXTENSIBLE_KINDS,
  type ImportField,
  type ImportKind,
  type Vocabulary,
  type VocabularyKind,
} from '../../contract/index.ts';

export type FieldType =
  'text' | 'code' | 'integer' | 'number' | 'date' | 'datetime' | 'enum' | 'list';

/** A new term met in a file: its key (fresh, not in the list) and the first row naming it. */
export interface NewTerm {
  key: string;
  row: number;
}

export interface FieldSpec {
  field: string;
  type: FieldType;
  required: boolean;
  /** Headers that name this field (compared without case, spaces, `_` or `-`). */
  headers: string[];
  /** enum: the allowed keys, each with the other words that mean it. */
  values?: Record<string, string[]>;
  /** enum: the vocabulary list the values come from. */
  vocabulary?: VocabularyKind;
  /**
   * enum of an extensible list: the terms this file brings, by their Chinese name. Filled
   * while the file is read (values.ts), added by the import in its transaction.
   */
  adds?: Map<string, NewTerm>;
  /** datetime: the data set's IANA time zone, the clock of a time written without an offset. */
  timeZone?: string;
}

const words = <K extends string>(keys: readonly K[], names: Partial<Record<K, string[]>>) =>
  Object.fromEntries(keys.map((k) => [k, names[k] ?? []])) as Record<string, string[]>;

/** The words of one vocabulary list: each key's zh and English names, then its synonyms. */
const termWords = (vocabulary: Vocabulary, kind: VocabularyKind) =>
  Object.fromEntries(vocabulary[kind].map((t) => [t.key, [t.zh, t.en, ...t.synonyms]]));

// Fixed by the product's logic, not rows: a scope decides which area an activity belongs to.
const SCOPE = words(ACTIVITY_SCOPES, {
  xiaoqu: ['小区', '惠民微活动'],
  pianqu: ['片区', '片区活动'],
});

const f = (
  field: string,
  type: FieldType,
  required: boolean,
  headers: string[],
  values?: Record<string, string[]>,
): FieldSpec => ({ field, type, required, headers: [field, ...headers], values });

/** A field whose values are the terms of a vocabulary list. */
const term = (
  vocabulary: Vocabulary,
  kind: VocabularyKind,
  field: string,
  required: boolean,
  headers: string[],
): FieldSpec => ({
  ...f(field, 'enum', required, headers, termWords(vocabulary, kind)),
  vocabulary: kind,
  ...((EXTENSIBLE_KINDS as readonly string[]).includes(kind) ? { adds: new Map() } : {}),
});

const LON = f('lon', 'number', true, ['lng', 'longitude', 'x', '经度']);
const LAT = f('lat', 'number', true, ['latitude', 'y', '纬度']);
const XIAOQU = (required: boolean) =>
  f('xiaoqu_code', 'code', required, ['小区编码', '所属小区编码', '小区代码', 'xiaoqu']);

/**
 * Boundaries of any level; `wkt` only in a CSV (GeoJSON and Shapefiles carry geometry). Built
 * per import: the values come from the vocabulary as it stands.
 */
export const boundaryFields = (vocabulary: Vocabulary): FieldSpec[] => [
  f('code', 'code', true, [
    '编码',
    '代码',
    '区划代码',
    '编号',
    'id',
    '小区编码',
    '社区编码',
    '片区编码',
    '城区编码',
  ]),
  f('name', 'text', true, ['名称', '小区名称', '社区名称', '片区名称', 'mc']),
  f('parent_code', 'code', false, [
    'parent',
    '上级编码',
    '上级代码',
    '所属编码',
    'parentcode',
    '所属社区编码',
    '所属片区编码',
    '所属城区编码',
    '社区编码',
    '片区编码',
  ]),
  // A 镇街 is data, not vocabulary: its code or its name, matched against the street rows.
  f('street', 'text', false, ['镇街', '街道', '所属镇街', '镇街编码']),
  f('street_name', 'text', false, ['镇街名称', '街道名称']),
  term(vocabulary, 'compoundType', 'compound_type', false, ['小区类型', '类型']),
  f('households', 'integer', false, ['户数', '住户数']),
  f('population', 'integer', false, ['人口', '常住人口', '人口数']),
  f('built_year', 'integer', false, ['建成年份', '建成年代', '建成时间']),
  f('wkt', 'text', false, ['geometry', 'geom', 'the_geom', 'shape', '几何', '边界', '范围']),
];

/** The fields of a kind of records, with the vocabulary as it stands. */
export const recordFields = (
  vocabulary: Vocabulary,
): Record<Exclude<ImportKind, 'boundaries'>, FieldSpec[]> => ({
  issues: [
    f('id', 'integer', true, ['编号', '问题编号', '工单号', '工单编号']),
    term(vocabulary, 'issueCategory', 'category', true, ['类别', '问题类别', '分类', '问题类型']),
    term(vocabulary, 'issueStatus', 'status', true, ['状态', '办理状态', '处理状态']),
    term(vocabulary, 'handlingLevel', 'handling_level', false, ['办理层级', '处置层级', '层级']),
    f('reported_at', 'datetime', true, ['上报时间', '反映时间', '受理时间', '登记时间']),
    f('resolved_at', 'datetime', false, ['办结时间', '解决时间', '完成时间']),
    XIAOQU(false),
    LON,
    LAT,
  ],
  sites: [
    f('code', 'code', true, ['编码', '编号', '站点编码']),
    f('name', 'text', true, ['名称', '站点名称', '邻里之家名称']),
    XIAOQU(false),
    term(vocabulary, 'siteRoomKind', 'room_kind', true, ['用房类型', '场地类型', '房屋类型']),
    f('services', 'list', false, ['服务项目', '服务内容']),
    f('opening_hours', 'text', true, ['开放时间', '服务时间']),
    f('floor_area_m2', 'integer', true, ['面积', '建筑面积', '使用面积', '面积m2', '面积㎡']),
    LON,
    LAT,
  ],
  staff: [
    f('code', 'code', true, ['编号', '人员编号', '岗位编号']),
    term(vocabulary, 'department', 'department', true, ['部门', '派出单位', '所属部门']),
    XIAOQU(true),
    f('duty_schedule', 'text', true, ['值守时间', '在岗时间', '排班', '值班时间']),
  ],
  activities: [
    f('code', 'code', true, ['编号', '活动编号']),
    f('scope', 'enum', true, ['范围', '活动范围', '活动层级'], SCOPE),
    f('area_code', 'code', true, ['区域编码', '所属区域编码', '小区或片区编码']),
    term(vocabulary, 'activityKind', 'kind', true, ['活动类型', '类型']),
    f('title', 'text', true, ['活动名称', '标题', '名称']),
    f('held_on', 'date', true, ['活动日期', '举办日期', '日期']),
    f('attendance', 'integer', true, ['参与人数', '人数', '参加人数']),
  ],
});

/** The fields of a kind, fresh for one import (the new terms it meets are its own). */
export const fieldsOf = (kind: ImportKind, vocabulary: Vocabulary): FieldSpec[] =>
  kind === 'boundaries' ? boundaryFields(vocabulary) : recordFields(vocabulary)[kind];

/** The fields as the API describes them. */
export const describeFields = (kind: ImportKind, vocabulary: Vocabulary): ImportField[] =>
  fieldsOf(kind, vocabulary).map((s) => ({
    field: s.field,
    required: s.required,
    type: s.type,
    ...(s.values ? { values: Object.keys(s.values) } : {}),
  }));

export { resolveMapping } from './mapping.ts';
