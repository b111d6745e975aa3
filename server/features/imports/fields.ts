/**
 * What each kind of file must and may hold, how a column is recognised by its header (the
 * names Chinese systems export under), and the words accepted for each listed value: the
 * vocabulary's keys, their zh-CN names, and the names source systems use.
 */
import {
  ACTIVITY_KINDS,
  ACTIVITY_SCOPES,
  COMPOUND_TYPES,
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  SITE_ROOM_KINDS,
  type ColumnMapping,
  type ImportField,
  type ImportKind,
} from '../../contract/index.ts';

export type FieldType =
  'text' | 'code' | 'integer' | 'number' | 'date' | 'datetime' | 'enum' | 'list';

export interface FieldSpec {
  field: string;
  type: FieldType;
  required: boolean;
  /** Headers that name this field (compared without case, spaces, `_` or `-`). */
  headers: string[];
  /** enum: the allowed keys, each with the other words that mean it. */
  values?: Record<string, string[]>;
}

const words = <K extends string>(keys: readonly K[], names: Partial<Record<K, string[]>>) =>
  Object.fromEntries(keys.map((k) => [k, names[k] ?? []])) as Record<string, string[]>;

const CATEGORY = words(ISSUE_CATEGORIES, {
  environment: ['环境提升', '环境卫生', '环境'],
  facilities: ['设施更新', '设施维修', '设施'],
  roads: ['道路修缮', '道路维修', '道路'],
  parking: ['停车优化', '停车管理', '停车'],
  stairwells: ['楼道整治', '楼道'],
  disputes: ['矛盾纠纷', '邻里纠纷', '纠纷'],
  power_grid: ['电网改造', '供电', '电力'],
});
const STATUS = words(ISSUE_STATUSES, {
  open: ['待处理', '未处理', '待办', '已受理', '受理'],
  in_progress: ['处理中', '办理中', '正在办理'],
  escalated: ['已提级', '提级', '提级协调'],
  resolved: ['已解决', '已办结', '办结', '已完成'],
});
const LEVEL = words(HANDLING_LEVELS, { xiaoqu: ['小区'], shequ: ['社区'], pianqu: ['片区'] });
const DEPARTMENT = words(DEPARTMENTS, {
  police: ['公安', '派出所', '公安局'],
  fire: ['消防', '消防救援'],
  market: ['市场监管', '市场监督管理', '市场监管所'],
  urban: ['城管', '综合执法', '城市管理'],
});
const ROOM = words(SITE_ROOM_KINDS, {
  idle_room: ['闲置用房'],
  property_room: ['物业配套用房', '物业用房'],
  party_post: ['党群服务站'],
  community_office: ['社区办公用房'],
});
const SCOPE = words(ACTIVITY_SCOPES, {
  xiaoqu: ['小区', '惠民微活动'],
  pianqu: ['片区', '片区活动'],
});
const KIND = words(ACTIVITY_KINDS, {
  charity_market: ['公益市集'],
  neighbour_social: ['邻里联谊'],
  fun_contest: ['趣味赛事'],
  performance: ['文体汇演'],
  elder_birthday: ['长者生日会'],
  neighbour_festival: ['邻里节'],
  community_banquet: ['百家宴'],
  sports_meet: ['运动会'],
  shared_course: ['共享课程'],
});
const COMPOUND = words(COMPOUND_TYPES, {
  old: ['老旧小区', '老旧'],
  new: ['新建小区', '新建'],
  mixed: ['商住混住小区', '混住'],
  coastal: ['沿海旅居小区', '沿海'],
});

const f = (
  field: string,
  type: FieldType,
  required: boolean,
  headers: string[],
  values?: Record<string, string[]>,
): FieldSpec => ({ field, type, required, headers: [field, ...headers], values });

const LON = f('lon', 'number', true, ['lng', 'longitude', 'x', '经度']);
const LAT = f('lat', 'number', true, ['latitude', 'y', '纬度']);
const XIAOQU = (required: boolean) =>
  f('xiaoqu_code', 'code', required, ['小区编码', '所属小区编码', '小区代码', 'xiaoqu']);

/** Boundaries of any level; `wkt` only in a CSV (GeoJSON and Shapefiles carry geometry). */
export const BOUNDARY_FIELDS: FieldSpec[] = [
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
  f('compound_type', 'enum', false, ['小区类型', '类型'], COMPOUND),
  f('households', 'integer', false, ['户数', '住户数']),
  f('population', 'integer', false, ['人口', '常住人口', '人口数']),
  f('built_year', 'integer', false, ['建成年份', '建成年代', '建成时间']),
  f('wkt', 'text', false, ['geometry', 'geom', 'the_geom', 'shape', '几何', '边界', '范围']),
];

export const RECORD_FIELDS: Record<Exclude<ImportKind, 'boundaries'>, FieldSpec[]> = {
  issues: [
    f('id', 'integer', true, ['编号', '问题编号', '工单号', '工单编号']),
    f('category', 'enum', true, ['类别', '问题类别', '分类', '问题类型'], CATEGORY),
    f('status', 'enum', true, ['状态', '办理状态', '处理状态'], STATUS),
    f('handling_level', 'enum', false, ['办理层级', '处置层级', '层级'], LEVEL),
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
    f('room_kind', 'enum', true, ['用房类型', '场地类型', '房屋类型'], ROOM),
    f('services', 'list', false, ['服务项目', '服务内容']),
    f('opening_hours', 'text', true, ['开放时间', '服务时间']),
    f('floor_area_m2', 'integer', true, ['面积', '建筑面积', '使用面积', '面积m2', '面积㎡']),
    LON,
    LAT,
  ],
  staff: [
    f('code', 'code', true, ['编号', '人员编号', '岗位编号']),
    f('department', 'enum', true, ['部门', '派出单位', '所属部门'], DEPARTMENT),
    XIAOQU(true),
    f('duty_schedule', 'text', true, ['值守时间', '在岗时间', '排班', '值班时间']),
  ],
  activities: [
    f('code', 'code', true, ['编号', '活动编号']),
    f('scope', 'enum', true, ['范围', '活动范围', '活动层级'], SCOPE),
    f('area_code', 'code', true, ['区域编码', '所属区域编码', '小区或片区编码']),
    f('kind', 'enum', true, ['活动类型', '类型'], KIND),
    f('title', 'text', true, ['活动名称', '标题', '名称']),
    f('held_on', 'date', true, ['活动日期', '举办日期', '日期']),
    f('attendance', 'integer', true, ['参与人数', '人数', '参加人数']),
  ],
};

export const fieldsOf = (kind: ImportKind): FieldSpec[] =>
  kind === 'boundaries' ? BOUNDARY_FIELDS : RECORD_FIELDS[kind];

/** The fields as the API describes them. */
export const describeFields = (kind: ImportKind): ImportField[] =>
  fieldsOf(kind).map((s) => ({
    field: s.field,
    required: s.required,
    type: s.type,
    ...(s.values ? { values: Object.keys(s.values) } : {}),
  }));

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, '');

/**
 * The mapping to use: the user's overrides, then the source's saved mapping, then a column
 * whose header names the field. Only columns the file has are kept from the saved mapping.
 */
export function resolveMapping(
  specs: FieldSpec[],
  columns: string[],
  saved: ColumnMapping | null,
  given: ColumnMapping | null,
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const byNorm = new Map(columns.map((c) => [norm(c), c]));
  const taken = new Set<string>();
  for (const spec of specs) {
    const chosen =
      given?.[spec.field] ??
      (saved?.[spec.field] && columns.includes(saved[spec.field]!) ? saved[spec.field] : undefined);
    if (chosen !== undefined) {
      mapping[spec.field] = chosen;
      taken.add(chosen);
    }
  }
  for (const spec of specs) {
    if (mapping[spec.field] !== undefined) continue;
    for (const h of spec.headers) {
      const column = byNorm.get(norm(h));
      if (column !== undefined && !taken.has(column)) {
        mapping[spec.field] = column;
        taken.add(column);
        break;
      }
    }
  }
  return mapping;
}
