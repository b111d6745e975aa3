/**
 * A second district, made in the tests: another zone, code, name, streets, place, years and
 * clock than the demo, so that anything of the demo left in the product shows up as a wrong
 * answer. Computed, not typed: the areas are cells of one integer grid (neighbours share their
 * edges exactly, children lie inside their parents, siblings never overlap), the records come
 * from a seeded generator. The files are written the way a district sends them (GeoJSON
 * boundaries, CSV records with Chinese headers and values) and loaded through the import.
 *
 * Over 400 lines on purpose: the grid, the records and the files are one construction whose parts
 * refer to each other's numbers, and read best in one place.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { csvBytes, type Cell } from './import-files.ts';

/**
 * What can be switched off until the product takes it. `heating`: issues of a category the demo
 * lacks (供暖), named only in Chinese; the import reports it unknown until the vocabulary is
 * rows (issue 16, helper "vocab"). `streets`: the 镇街 columns (code and name) of the area
 * files, naming streets the demo does not have, which the import makes rows of `street`.
 */
export interface SecondDistrictOptions {
  heating: boolean;
  streets: boolean;
  /**
   * Issues at the edges of the district's days: late on months' last evenings (23:xx in Ürümqi,
   * already the next day and month in +08:00), the record's last at 23:31 on 2020-08-31 and its
   * first at 00:30 on 2019-03-01 (still February in UTC). A count made in another clock than
   * the data set's puts them in another day and month.
   */
  clockEdges: boolean;
}

/**
 * Which parts of issue 16 are on main (the suites skip, saying why, what is not); with
 * `vocabulary` the fixture brings 供暖.
 */
export const LANDED = {
  /** `GET /api/dataset` (the lead). */
  dataset: true,
  /** `GET /api/vocabulary` and imports adding categories (helper "vocab"). */
  vocabulary: true,
};

/** The fixture as the suites load it: everything main takes. */
export const DEFAULT_OPTIONS: SecondDistrictOptions = {
  heating: LANDED.vocabulary,
  streets: true,
  clockEdges: true,
};

/** The district's description: what the API should say of it once loaded. */
export const SECOND_DISTRICT = {
  zoneCode: '650104',
  zoneName: '乌鲁木齐新市区示例',
  datasetName: '乌鲁木齐新市区（测试数据）',
  timeZone: 'Asia/Urumqi',
  /** Asia/Urumqi has been UTC+6 all year since 1980. */
  utcOffset: '+06:00',
  firstMonth: '2019-03',
  lastMonth: '2020-08',
  /** The category the demo lacks, as the CSV names it. */
  heatingName: '供暖',
} as const;

/** The 镇街 (code, name): five, none of the demo's. */
export const STREETS_2: readonly { code: string; name: string }[] = [
  { code: 'hongyan', name: '红雁街道' },
  { code: 'mingsha', name: '鸣沙街道' },
  { code: 'tianshanlu', name: '天山路街道' },
  { code: 'yudai', name: '玉带街道' },
  { code: 'qinggeda', name: '青格达镇' },
];

const PIANQU_NAMES = ['雪莲片区', '天池片区', '胡杨片区', '红山片区'];
const SHEQU_NAMES = [
  '白杨社区',
  '沙枣社区',
  '葡萄沟社区',
  '驼铃社区',
  '丝路社区',
  '晨曦社区',
  '雪松社区',
  '石榴社区',
  '天马社区',
];
const XIAOQU_STEMS = [
  '雪峰',
  '戈壁',
  '驼峰',
  '塔里木',
  '喀纳斯',
  '赛里木',
  '伊犁河',
  '吐鲁番',
  '阿勒泰',
  '帕米尔',
  '哈密瓜',
  '库尔勒',
  '博斯腾',
  '克拉玛',
  '那拉提',
  '巴音布',
  '天马驹',
  '葡萄架',
  '馕香',
  '冬不拉',
  '达坂城',
  '火焰山',
  '胡杨林',
  '白桦林',
];
const XIAOQU_SUFFIXES = ['苑', '家园', '嘉园', '公寓', '雅居', '佳苑'];

// The grid: the zone is 12 × 12 units of UNIT_LON × UNIT_LAT degrees, south-west corner at
// LON0, LAT0 (the north of Ürümqi, far from the demo's coast at 122° E, 37.5° N).
const LON0 = 87.55;
const LAT0 = 43.84;
const UNIT_LON = 0.004;
const UNIT_LAT = 0.003;
const lonAt = (u: number) => Math.round((LON0 + u * UNIT_LON) * 1e7) / 1e7;
const latAt = (u: number) => Math.round((LAT0 + u * UNIT_LAT) * 1e7) / 1e7;

/** A rectangle of grid units [x0, x1] × [y0, y1] (fractions allowed, for insets). */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A rectangle as a GeoJSON polygon, counter-clockwise (RFC 7946). */
function polygonOf(r: Rect): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lonAt(r.x0), latAt(r.y0)],
        [lonAt(r.x1), latAt(r.y0)],
        [lonAt(r.x1), latAt(r.y1)],
        [lonAt(r.x0), latAt(r.y1)],
        [lonAt(r.x0), latAt(r.y0)],
      ],
    ],
  };
}

/** One area of the fixture, as it goes into its level's file. */
export interface FixtureArea {
  code: string;
  name: string;
  level: 'chengqu' | 'pianqu' | 'shequ' | 'xiaoqu';
  parentCode: string | null;
  rect: Rect;
  street: string | null;
  compoundType: 'old' | 'new' | 'mixed' | null;
  households: number | null;
  population: number | null;
  builtYear: number | null;
}

/** A small deterministic generator (mulberry32): the same fixture on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

/**
 * The areas: four 片区 (the zone's quarters), nine 社区 (vertical strips tiling their 片区),
 * 24 小区 (rows of each strip, inset so that they sit strictly inside their 社区 and leave
 * room between them).
 */
export function secondDistrictAreas(): FixtureArea[] {
  const r = rng(650104);
  const zone: FixtureArea = {
    code: SECOND_DISTRICT.zoneCode,
    name: SECOND_DISTRICT.zoneName,
    level: 'chengqu',
    parentCode: null,
    rect: { x0: 0, y0: 0, x1: 12, y1: 12 },
    street: null,
    compoundType: null,
    households: null,
    population: null,
    builtYear: null,
  };
  const areas: FixtureArea[] = [zone];
  // 社区 per 片区 (3 + 2 + 2 + 2 = 9) and 小区 rows per 社区 (24 in all).
  const shequPer = [3, 2, 2, 2];
  const rowsPer = [3, 2, 3, 3, 2, 3, 2, 3, 3];
  let s = 0;
  let x = 0;
  for (let p = 0; p < 4; p++) {
    const px = (p % 2) * 6;
    const py = Math.floor(p / 2) * 6;
    const pianqu: FixtureArea = {
      ...zone,
      code: `${SECOND_DISTRICT.zoneCode}P${p + 1}`,
      name: PIANQU_NAMES[p]!,
      level: 'pianqu',
      parentCode: zone.code,
      rect: { x0: px, y0: py, x1: px + 6, y1: py + 6 },
    };
    areas.push(pianqu);
    const width = 6 / shequPer[p]!;
    for (let k = 0; k < shequPer[p]!; k++, s++) {
      const sx = px + k * width;
      const shequ: FixtureArea = {
        ...zone,
        code: `${SECOND_DISTRICT.zoneCode}S${String(s + 1).padStart(2, '0')}`,
        name: SHEQU_NAMES[s]!,
        level: 'shequ',
        parentCode: pianqu.code,
        rect: { x0: sx, y0: py, x1: sx + width, y1: py + 6 },
        street: STREETS_2[s % STREETS_2.length]!.code,
      };
      areas.push(shequ);
      const height = 6 / rowsPer[s]!;
      for (let row = 0; row < rowsPer[s]!; row++, x++) {
        const y = py + row * height;
        const households = r.int(300, 1800);
        areas.push({
          ...zone,
          code: `${SECOND_DISTRICT.zoneCode}X${String(x + 1).padStart(3, '0')}`,
          name: XIAOQU_STEMS[x]! + XIAOQU_SUFFIXES[x % XIAOQU_SUFFIXES.length]!,
          level: 'xiaoqu',
          parentCode: shequ.code,
          rect: { x0: sx + 0.2, y0: y + 0.2, x1: sx + width - 0.2, y1: y + height - 0.2 },
          street: shequ.street,
          compoundType: (['old', 'new', 'mixed'] as const)[x % 3]!,
          households,
          population: Math.round(households * (2.3 + r.next())),
          builtYear: r.int(1985, 2018),
        });
      }
    }
  }
  return areas;
}

/** One level's GeoJSON file, with the columns a GIS export has (Chinese headers). */
function levelFile(
  areas: FixtureArea[],
  level: FixtureArea['level'],
  o: SecondDistrictOptions,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: areas
      .filter((a) => a.level === level)
      .map((a): Feature => ({
        type: 'Feature',
        properties: {
          编码: a.code,
          名称: a.name,
          ...(a.parentCode ? { 上级编码: a.parentCode } : {}),
          ...(o.streets && a.street
            ? { 镇街编码: a.street, 镇街名称: STREETS_2.find((st) => st.code === a.street)!.name }
            : {}),
          ...(a.level === 'xiaoqu'
            ? {
                小区类型: { old: '老旧小区', new: '新建小区', mixed: '商住混住小区' }[
                  a.compoundType!
                ],
                户数: a.households,
                人口: a.population,
                建成年份: a.builtYear,
              }
            : {}),
        },
        geometry: polygonOf(a.rect),
      })),
  };
}

const CATEGORY_NAMES = ['环境卫生', '设施维修', '道路维修', '停车管理', '楼道整治', '矛盾纠纷'];
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall time in the district's clock, written with its offset (as its systems export). */
function localText(t: number): string {
  // t is milliseconds of the local wall clock counted as if it were UTC.
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${SECOND_DISTRICT.utcOffset}`;
}
const localDate = (t: number) => localText(t).slice(0, 10);

/** A point inside a 小区 (away from its edge), as lon/lat text. */
function pointIn(a: FixtureArea, r: ReturnType<typeof rng>): [string, string] {
  const u = a.rect.x0 + 0.1 + r.next() * (a.rect.x1 - a.rect.x0 - 0.2);
  const v = a.rect.y0 + 0.1 + r.next() * (a.rect.y1 - a.rect.y0 - 0.2);
  return [(LON0 + u * UNIT_LON).toFixed(6), (LAT0 + v * UNIT_LAT).toFixed(6)];
}

/** The record files (CSV rows, header first). */
export function secondDistrictRecords(
  areas: FixtureArea[],
  o: SecondDistrictOptions,
): Record<'issues' | 'sites' | 'staff' | 'activities', Cell[][]> {
  const r = rng(20190301);
  const xiaoqu = areas.filter((a) => a.level === 'xiaoqu');
  const pianqu = areas.filter((a) => a.level === 'pianqu');
  // The record: 2019-03-01 to 2020-08-31, local days.
  const start = Date.UTC(2019, 2, 1);
  const end = Date.UTC(2020, 7, 31, 23, 59);
  const days = Math.round((Date.UTC(2020, 7, 31) - start) / DAY_MS) + 1;

  const issues: Cell[][] = [
    [
      '工单编号',
      '问题类别',
      '办理状态',
      '办理层级',
      '上报时间',
      '办结时间',
      '所属小区编码',
      '经度',
      '纬度',
    ],
  ];
  for (let i = 0; i < 420; i++) {
    // The first and the last issue sit on the record's first and last day, so its months are
    // exactly 2019-03 … 2020-08.
    const day = i === 0 ? 0 : i === 1 ? days - 1 : r.int(0, days - 1);
    let reported = start + day * DAY_MS + r.int(9 * 60, 20 * 60) * 60_000;
    if (o.clockEdges && i === 0) reported = start + 30 * 60_000;
    else if (o.clockEdges && i === 1) reported = end - 29 * 60_000;
    else if (o.clockEdges && i < 14) {
      // The last evening of one of the record's months.
      const m = i - 2 + 3;
      reported = Date.UTC(2019, m + 1, 0, 23, r.int(1, 58));
    }
    const month = new Date(reported).getUTCMonth() + 1;
    const winter = month >= 10 || month <= 4;
    const category =
      o.heating && winter && r.next() < 0.35 ? SECOND_DISTRICT.heatingName : r.pick(CATEGORY_NAMES);
    const place = r.pick(xiaoqu);
    const [lon, lat] = pointIn(place, r);
    // Resolved in office hours a few days later (or, with clockEdges, late some evenings).
    const resolvedDay = Math.floor(reported / DAY_MS) * DAY_MS + r.int(1, 20) * DAY_MS;
    const resolvedAt =
      o.clockEdges && i % 7 === 0
        ? resolvedDay + r.int(23 * 60, 23 * 60 + 58) * 60_000
        : resolvedDay + r.int(9 * 60, 20 * 60) * 60_000;
    const resolved = r.next() < 0.8 && resolvedAt <= end;
    const status = resolved ? '已办结' : r.pick(['待处理', '处理中', '已提级']);
    const level =
      status === '已提级' ? '片区' : r.pick(['小区', '小区', '小区', '社区', '社区', '片区']);
    issues.push([
      190_001 + i,
      category,
      status,
      level,
      localText(reported),
      resolved ? localText(resolvedAt) : null,
      place.code,
      lon,
      lat,
    ]);
  }

  // 邻里之家 in 16 of the 24 小区, so the walking circles leave gaps.
  const sites: Cell[][] = [
    [
      '站点编码',
      '邻里之家名称',
      '所属小区编码',
      '用房类型',
      '服务项目',
      '开放时间',
      '面积',
      '经度',
      '纬度',
    ],
  ];
  xiaoqu
    .filter((_, k) => k % 3 !== 2)
    .forEach((a, k) => {
      const [lon, lat] = pointIn(a, r);
      sites.push([
        `XSLJ${String(k + 1).padStart(2, '0')}`,
        `${a.name}邻里之家`,
        a.code,
        r.pick(['闲置用房', '物业配套用房', '党群服务站', '社区办公用房']),
        r.pick(['老年助餐|便民维修', '四点半课堂|矛盾调解', '便民维修|政策咨询']),
        r.pick(['周一至周日 09:00-21:00', '周一至周五 08:30-18:00']),
        r.int(80, 400),
        lon,
        lat,
      ]);
    });

  const staff: Cell[][] = [['人员编号', '派出单位', '所属小区编码', '值守时间']];
  for (let k = 0; k < 20; k++) {
    staff.push([
      `XSRY${String(k + 1).padStart(3, '0')}`,
      r.pick(['派出所', '消防救援', '市场监管所', '城管']),
      xiaoqu[(k * 5) % xiaoqu.length]!.code,
      r.pick(['周一至周五 08:30-17:30', '旺季每日 08:00-22:00']),
    ]);
  }

  const activities: Cell[][] = [
    ['活动编号', '活动范围', '所属区域编码', '活动类型', '活动名称', '活动日期', '参与人数'],
  ];
  const micro = ['公益市集', '邻里联谊', '趣味赛事', '文体汇演', '长者生日会'];
  for (let k = 0; k < 72; k++) {
    const a = r.pick(xiaoqu);
    const kind = r.pick(micro);
    activities.push([
      `XSHD${String(k + 1).padStart(3, '0')}`,
      '惠民微活动',
      a.code,
      kind,
      `${a.name}${kind}`,
      localDate(start + r.int(0, days - 1) * DAY_MS),
      r.int(15, 160),
    ]);
  }
  for (let k = 0; k < 12; k++) {
    const p = pianqu[k % pianqu.length]!;
    const kind = r.pick(['邻里节', '百家宴', '运动会', '共享课程']);
    activities.push([
      `XSPQ${String(k + 1).padStart(3, '0')}`,
      '片区活动',
      p.code,
      kind,
      `${p.name}${kind}`,
      localDate(start + r.int(0, days - 1) * DAY_MS),
      r.int(100, 600),
    ]);
  }
  return { issues, sites, staff, activities };
}

/** The files in the order a new district imports them: levels top down, then records. */
export interface FixtureFile {
  kind: 'boundaries' | 'issues' | 'sites' | 'staff' | 'activities';
  level?: FixtureArea['level'];
  fileName: string;
  path: string;
}

/** Writes the district's files into `dir` and lists them in import order. */
export async function writeSecondDistrict(
  dir: string,
  o: SecondDistrictOptions = DEFAULT_OPTIONS,
): Promise<FixtureFile[]> {
  await mkdir(dir, { recursive: true });
  const areas = secondDistrictAreas();
  const files: FixtureFile[] = [];
  const levels = [
    ['chengqu', '城区边界.geojson'],
    ['pianqu', '片区边界.geojson'],
    ['shequ', '社区边界.geojson'],
    ['xiaoqu', '小区边界.geojson'],
  ] as const;
  for (const [level, fileName] of levels) {
    const path = join(dir, fileName);
    await writeFile(path, JSON.stringify(levelFile(areas, level, o)));
    files.push({ kind: 'boundaries', level, fileName, path });
  }
  const records = secondDistrictRecords(areas, o);
  const names = {
    issues: '民生问题.csv',
    sites: '邻里之家.csv',
    staff: '下沉人员.csv',
    activities: '活动.csv',
  } as const;
  for (const kind of ['sites', 'staff', 'activities', 'issues'] as const) {
    const path = join(dir, names[kind]);
    await writeFile(path, csvBytes(records[kind]));
    files.push({ kind, fileName: names[kind], path });
  }
  return files;
}
