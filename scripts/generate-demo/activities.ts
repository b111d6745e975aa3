import type { ActivityKind, ActivityScope } from '../../server/contract/vocabulary.ts';
import { DAY_COUNT, calendarDay, dayOf } from './calendar.ts';
import type { Xiaoqu } from './compounds.ts';
import type { DemoAreas, Pianqu } from './areas.ts';
import { NAMED } from './names.ts';
import { apportion, compareText, type Rng } from './prng.ts';

/** "850+ 惠民微活动" in the 小区. */
export const MICRO_COUNT = 868;
/** "180+ 片区 activities". */
export const PIANQU_ACTIVITY_COUNT = 186;
/** 银杏片区: "12 shared courses, 400+ attendances from its 4 社区". */
export const YINXING_COURSES = 12;

export interface Activity {
  code: string;
  scope: ActivityScope;
  areaCode: string;
  kind: ActivityKind;
  title: string;
  day: number;
  attendance: number;
}

type MicroKind =
  'charity_market' | 'neighbour_social' | 'fun_contest' | 'performance' | 'elder_birthday';
type PianquKind = 'neighbour_festival' | 'community_banquet' | 'sports_meet' | 'shared_course';

const MICRO: Record<MicroKind, { weight: number; attendance: [number, number]; titles: string[] }> =
  {
    charity_market: {
      weight: 0.2,
      attendance: [40, 200],
      titles: ['公益市集', '爱心义卖市集', '旧物交换集市', '便民服务市集'],
    },
    neighbour_social: {
      weight: 0.25,
      attendance: [20, 90],
      titles: ['邻里联谊会', '“邻里一家亲”茶话会', '包饺子联谊活动', '楼栋邻里见面会'],
    },
    fun_contest: {
      weight: 0.2,
      attendance: [20, 120],
      titles: ['趣味运动会', '亲子趣味赛', '棋牌友谊赛', '垃圾分类知识竞赛', '广场舞比赛'],
    },
    performance: {
      weight: 0.15,
      attendance: [60, 200],
      titles: ['文艺汇演', '纳凉晚会', '戏曲票友专场', '迎新春文艺演出'],
    },
    elder_birthday: {
      weight: 0.2,
      attendance: [15, 60],
      titles: ['长者集体生日会'],
    },
  };

const PIANQU: Record<PianquKind, { weight: number; attendance: [number, number] }> = {
  neighbour_festival: { weight: 0.25, attendance: [200, 800] },
  community_banquet: { weight: 0.25, attendance: [100, 500] },
  sports_meet: { weight: 0.2, attendance: [150, 600] },
  // Courses are classes: a few dozen people each, not a festival crowd.
  shared_course: { weight: 0.3, attendance: [25, 60] },
};

const COURSE_TOPICS = [
  '智能手机入门',
  '中医养生',
  '书法',
  '太极拳',
  '急救知识',
  '反诈宣传',
  '家庭教育',
  '烘焙',
  '摄影',
  '合唱',
  '剪纸',
  '八段锦',
  '葫芦丝',
  '垃圾分类',
];

/** Seasonal day weights per kind: festivals around Spring Festival, sports in spring and autumn. */
function kindDayWeight(kind: ActivityKind, day: number): number {
  const { month, weekday } = calendarDay(day);
  const weekend = weekday === 0 || weekday === 6 ? 2.2 : 1;
  switch (kind) {
    case 'performance':
      return weekend * ([1, 2, 9, 10].includes(month) ? 2.5 : month === 7 || month === 8 ? 1.5 : 1);
    case 'charity_market':
    case 'fun_contest':
    case 'sports_meet':
      return weekend * ([4, 5, 9, 10].includes(month) ? 2.2 : [12, 1, 2].includes(month) ? 0.4 : 1);
    case 'community_banquet':
      return weekend * ([1, 2, 9].includes(month) ? 2.5 : 0.8);
    default:
      return weekend;
  }
}

function drawDay(rng: Rng, kind: ActivityKind): number {
  for (;;) {
    const day = rng.int(0, DAY_COUNT - 1);
    if (rng.next() * 5.5 < kindDayWeight(kind, day)) return day;
  }
}

const ORDINAL = ['', '首', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九'];

export function buildActivities(rng: Rng, xiaoqu: Xiaoqu[], demoAreas: DemoAreas): Activity[] {
  const out: Omit<Activity, 'code'>[] = [];

  // 惠民微活动: more where the party branch is most active (old compounds), fewer where
  // residents are away half the year (coastal).
  const branch = { old: 1.3, mixed: 0.95, new: 1, coastal: 0.75 };
  const perXiaoqu = apportion(
    MICRO_COUNT,
    xiaoqu.map((x) => Math.sqrt(x.households) * branch[x.type]),
    2,
  );
  const microKinds = Object.keys(MICRO) as MicroKind[];
  for (const [i, x] of xiaoqu.entries()) {
    for (let k = 0; k < (perXiaoqu[i] as number); k++) {
      const kind = rng.weighted(
        microKinds,
        microKinds.map((m) => MICRO[m].weight),
      );
      const day = drawDay(rng, kind);
      const spec = MICRO[kind];
      const title =
        kind === 'elder_birthday'
          ? `${x.name}${calendarDay(day).month}月长者集体生日会`
          : `${x.name}${rng.pick(spec.titles)}`;
      out.push({
        scope: 'xiaoqu',
        areaCode: x.code,
        kind,
        title,
        day,
        attendance: rng.int(...spec.attendance),
      });
    }
  }

  // 银杏片区's 12 shared courses, about one a quarter, 400-odd attendances in all.
  const yinxing = demoAreas.pianqu.find((p) => p.name === NAMED.yinxing)!;
  const topics = rng.sample(COURSE_TOPICS, YINXING_COURSES);
  const raw = topics.map(() => rng.float(28, 46));
  const attendance = apportion(rng.int(412, 468), raw);
  const quarter = Math.floor(DAY_COUNT / YINXING_COURSES);
  topics.forEach((topic, k) => {
    const day = k * quarter + rng.int(10, quarter - 10);
    out.push({
      scope: 'pianqu',
      areaCode: yinxing.code,
      kind: 'shared_course',
      title: `${yinxing.name}共享课程：${topic}`,
      day,
      attendance: attendance[k] as number,
    });
  });

  // 邻里节 is yearly: most 片区 held one in each of 2024-2026, in late spring or autumn.
  let festivals = 0;
  for (const p of demoAreas.pianqu) {
    let n = 0;
    for (const year of [2024, 2025, 2026]) {
      if (!rng.chance(year === 2024 ? 0.7 : 0.9)) continue;
      n++;
      festivals++;
      const month = rng.pick([5, 6, 9, 10]);
      let day = dayOf(
        `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 24)).padStart(2, '0')}`,
      );
      while (calendarDay(day).weekday !== 6) day++;
      out.push({
        scope: 'pianqu',
        areaCode: p.code,
        kind: 'neighbour_festival',
        title: `${p.name}${ORDINAL[n] ?? `第${n}`}届邻里节`,
        day,
        attendance: rng.int(...PIANQU.neighbour_festival.attendance),
      });
    }
  }

  // The other 片区 activities, spread over all 23 片区 (银杏 holds its courses above).
  const perPianqu = apportion(
    PIANQU_ACTIVITY_COUNT - YINXING_COURSES - festivals,
    demoAreas.pianqu.map((p) => p.members.length + 2),
  );
  for (const [i, p] of demoAreas.pianqu.entries()) {
    const kinds = (['community_banquet', 'sports_meet', 'shared_course'] as const).filter(
      (k) => !(p.code === yinxing.code && k === 'shared_course'),
    );
    for (let k = 0; k < (perPianqu[i] as number); k++) {
      const kind = rng.weighted(
        kinds,
        kinds.map((m) => PIANQU[m].weight),
      );
      const day = drawDay(rng, kind);
      out.push({
        scope: 'pianqu',
        areaCode: p.code,
        kind,
        title: pianquTitle(rng, p, kind, day),
        day,
        attendance: rng.int(...PIANQU[kind].attendance),
      });
    }
  }

  const sorted = out.sort(
    (a, b) => a.day - b.day || compareText(a.scope, b.scope) || compareText(a.areaCode, b.areaCode),
  );
  return sorted.map((a, i) => ({ code: `HD${String(i + 1).padStart(4, '0')}`, ...a }));
}

function pianquTitle(
  rng: Rng,
  p: Pianqu,
  kind: Exclude<PianquKind, 'neighbour_festival'>,
  day: number,
): string {
  const { month } = calendarDay(day);
  switch (kind) {
    case 'community_banquet':
      return `${p.name}${month <= 2 ? '迎新春' : month === 9 ? '中秋' : month >= 6 && month <= 8 ? '夏日' : ''}百家宴`;
    case 'sports_meet':
      return `${p.name}${rng.pick(['邻里运动会', '趣味运动会', '健步走比赛', '篮球友谊赛'])}`;
    case 'shared_course':
      return `${p.name}共享课程：${rng.pick(COURSE_TOPICS)}`;
  }
}
