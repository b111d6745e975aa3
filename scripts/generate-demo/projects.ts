import type { AreaLevel, ProjectStatus } from '../../server/contract/vocabulary.ts';
import { DAY_COUNT, dayOf } from './calendar.ts';
import type { Xiaoqu } from './compounds.ts';
import type { DemoAreas } from './areas.ts';
import { NAMED } from './names.ts';
import { apportion, compareText, type Rng } from './prng.ts';

/** "280+ 攻坚项目 claimed by party secretaries at every level". */
export const PROJECT_COUNT = 286;

type ClaimLevel = Exclude<AreaLevel, 'chengqu'>;

export interface Project {
  code: string;
  title: string;
  areaCode: string;
  claimedLevel: ClaimLevel;
  status: ProjectStatus;
  claimedDay: number;
  completedDay: number | null;
}

const XIAOQU_WORKS: Record<Xiaoqu['type'], string[]> = {
  old: ['电网改造', '楼道照明更新', '雨污分流改造', '外墙保温修缮', '加装电梯', '屋面防水维修'],
  new: ['充电桩安装', '地下车库渗水治理', '绿化提升', '门禁系统升级'],
  mixed: ['消防通道整治', '油烟扰民整治', '停车位增设', '商铺噪音治理'],
  coastal: ['旺季停车疏导', '环境卫生整治', '民宿规范管理', '海景步道修缮'],
};
const SHEQU_WORKS = [
  '背街小巷整治',
  '口袋公园建设',
  '便民服务站改造',
  '垃圾分类驿站建设',
  '健身广场改造',
];
const PIANQU_WORKS = [
  '跨社区道路贯通',
  '老旧管网改造',
  '历史遗留不动产证办理',
  '供暖管网改造',
  '公共停车场建设',
  '边界排水沟整治',
];
/** Street names for "XX路段修缮" (illustrative). */
const ROAD_NAMES = [
  '沈阳路',
  '青岛路',
  '济南路',
  '烟台路',
  '天津路',
  '长春路',
  '大连路',
  '科技路',
  '火炬路',
  '初张路',
];

/**
 * 攻坚项目: 286 works on areas of every level, each claimed by the secretary of that level or a
 * higher one (a 小区's grid rebuild can be claimed by its 片区). Completed within months, or
 * still in progress today. The first is 福山路小区's grid rebuild, done in under two months.
 */
export function buildProjects(rng: Rng, xiaoqu: Xiaoqu[], demoAreas: DemoAreas): Project[] {
  const [nXiaoqu, nShequ, nPianqu] = apportion(PROJECT_COUNT - 1, [0.52, 0.28, 0.2]) as [
    number,
    number,
    number,
  ];
  const drafts: Omit<Project, 'code'>[] = [];
  const titles = new Set<string>();
  const unique = (title: string): string => {
    for (const phase of ['', '（二期）', '（三期）', '（四期）', '（五期）']) {
      if (!titles.has(title + phase)) {
        titles.add(title + phase);
        return title + phase;
      }
    }
    throw new Error(`too many projects named ${title}`);
  };

  const fushan = xiaoqu.find((x) => x.name === NAMED.fushanlu)!;
  const claimed = dayOf('2024-05-06');
  drafts.push({
    title: unique(`${fushan.name}电网改造`),
    areaCode: fushan.code,
    claimedLevel: 'pianqu',
    status: 'completed',
    claimedDay: claimed,
    completedDay: claimed + 54,
  });

  const timeline = (): Pick<Project, 'status' | 'claimedDay' | 'completedDay'> => {
    const claimedDay = rng.int(0, DAY_COUNT - 20);
    const months = Math.min(14, rng.logNormal(3.5, 0.6));
    const done = claimedDay + Math.round(months * 30.4);
    return done < DAY_COUNT - 1
      ? { status: 'completed', claimedDay, completedDay: done }
      : { status: 'in_progress', claimedDay, completedDay: null };
  };

  const oldFirst = xiaoqu.map((x) => (x.type === 'old' ? 2.5 : 1) * Math.sqrt(x.households));
  for (let k = 0; k < nXiaoqu; k++) {
    const x = xiaoqu[rng.weightedIndex(oldFirst)]!;
    drafts.push({
      title: unique(`${x.name}${rng.pick(XIAOQU_WORKS[x.type])}`),
      areaCode: x.code,
      claimedLevel: rng.weighted(['xiaoqu', 'shequ', 'pianqu'] as const, [0.7, 0.2, 0.1]),
      ...timeline(),
    });
  }
  for (let k = 0; k < nShequ; k++) {
    const s = rng.pick(demoAreas.shequ);
    const work = rng.chance(0.4) ? `${rng.pick(ROAD_NAMES)}路段修缮` : rng.pick(SHEQU_WORKS);
    drafts.push({
      title: unique(`${s.name}${work}`),
      areaCode: s.code,
      claimedLevel: rng.chance(0.8) ? 'shequ' : 'pianqu',
      ...timeline(),
    });
  }
  for (let k = 0; k < nPianqu; k++) {
    const p = rng.pick(demoAreas.pianqu);
    const work = rng.chance(0.3) ? `${rng.pick(ROAD_NAMES)}边界路段修缮` : rng.pick(PIANQU_WORKS);
    drafts.push({
      title: unique(`${p.name}${work}`),
      areaCode: p.code,
      claimedLevel: 'pianqu',
      ...timeline(),
    });
  }

  return drafts
    .sort((a, b) => a.claimedDay - b.claimedDay || compareText(a.areaCode, b.areaCode))
    .map((d, i) => ({ code: `GJ${String(i + 1).padStart(3, '0')}`, ...d }));
}
