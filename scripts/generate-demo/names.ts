import type { CompoundType } from '../../server/contract/vocabulary.ts';
import type { Street } from './streets.ts';
import type { Rng } from './prng.ts';

/** Names the source article and public addresses give; everything else is generated. */
export const NAMED = {
  guanhai: '观海社区',
  binzhoujie: '滨州街社区',
  wanjiatuan: '万家疃社区',
  jiaqian: '驾前社区',
  yinxing: '银杏片区',
  tiancun: '田村片区',
  haiwan: '海湾国际小区',
  xiwenhua: '西文化小区',
  fushanlu: '福山路小区',
  xinlangyu: '新浪屿花园',
  shanhaijun: '山海郡',
  hongfu: '洪福庄园',
  renhe: '仁和佳苑',
  shengde: '盛德丽景名都',
} as const;

/** Name pools, space-separated so that they stay compact under prettier. */
const words = (s: string): string[] => s.trim().split(/\s+/);

const PIANQU_STEMS = words(`
  海棠 紫薇 丁香 玉兰 青松 梧桐 桂花 蔷薇 槐香 樱花 石榴 合欢 芙蓉 杏林
  柳岸 荷风 兰亭 观潮 枫叶 翠柏 春华 秋实 凤鸣 清溪 金沙 松涛 竹韵 梅园
`);

const URBAN_SHEQU_STEMS = words(`
  怡海 望岛 海景 文华 凤林 翠竹 北山 海润 沙柳 明珠 听涛 蓝湾 海源 港湾
  鹿鸣 新苑 福山 永和 和庆 富海 锦华 紫荆 丹桂 枫林 柳溪 张村 北站 世昌
  科技 创新 火炬 文苑 学府 书香 康宁 安泰 阳光 春晖 福泰 惠和 嘉和 瑞丰
  恒兴 祥和 泰和 兴海 望海 嵩山 华山 昆仑 汇泉 金鼎 泉韵 晨曦
`);

const RURAL_SHEQU_STEMS = words(`
  双岛 港头 北港西 西港 南岭 东岭 林家疃 王家疃 于家疃 刘家疃 谭家庄 毕家庄 姜家庄 初家庄
  龙泉 清泉 桃园 杏花 梨园 湾头 岛前 山后 岭上 河北
`);

const XIAOQU_PARTS: Record<CompoundType | 'rural', { stems: string[]; suffixes: string[] }> = {
  coastal: {
    stems: words(`
      海韵 蓝湾 听涛 观澜 望潮 海天 海逸 银滩 金沙滩 海悦 碧海 海纳 滨海 海语
      鸥鸣 浪琴 帆影 云海 星海 海月 逐浪 揽海
    `),
    suffixes: words('海景花园 海岸 度假公寓 湾 海景苑 观海居'),
  },
  old: {
    stems: words(`
      青岛路 沈阳路 大连路 济南路 烟台路 天津路 长春路 哈尔滨路 科技路 火炬路 光明 和平 建设 东风
      红旗 工人 职工 新华 胜利 前进 团结 友谊 北山 南山 东山 文化
    `),
    suffixes: words('小区 新村 宿舍区 里'),
  },
  new: {
    stems: words(`
      锦绣 阳光 翠园 御景 丽都 世纪 东方 泰和 康乐 春晖 绿洲 书香 雅居 盛和
      永安 宏远 枫丹 香榭 瑞景 凯旋 宜居 馨园 紫金 金色 蓝天 天润 和园 怡景
      君悦 清和 翰林 紫宸
    `),
    suffixes: words('花园 家园 名苑 华府 雅苑 佳园 公馆 华庭'),
  },
  mixed: {
    stems: words(`
      世昌 火炬 欧乐 商都 财富 时代 银座 万象 新天地 德润 鼎盛 金融 环球 星光
      中央
    `),
    suffixes: words('广场 国际公寓 商住楼 中心 大厦 城'),
  },
  rural: {
    stems: words(`
      双岛 港头 林家 于家 王家 刘家 谭家 毕家 姜家 初家 北港 南岭 东岭 龙泉
      清泉 桃园 杏花 梨园 湾头 岛前 山后 岭上 河北 石泉
    `),
    suffixes: words('新村 小区 家园 安置小区 花园'),
  },
};

/** Hands out unique names; a name once taken (fixed or generated) is never given again. */
export class NameBook {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Rng) {
    for (const n of Object.values(NAMED)) this.taken.add(n);
  }

  private fromStems(stems: readonly string[], suffix: string): string {
    for (const stem of this.rng.shuffle(stems)) {
      const name = stem + suffix;
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    throw new Error(`ran out of names ending in ${suffix}`);
  }

  pianqu(): string {
    return this.fromStems(PIANQU_STEMS, '片区');
  }

  shequ(street: Street): string {
    const rural = street === 'shuangdao' || street === 'chucun';
    return this.fromStems(rural ? RURAL_SHEQU_STEMS : URBAN_SHEQU_STEMS, '社区');
  }

  xiaoqu(type: CompoundType, street: Street): string {
    const rural = (street === 'shuangdao' || street === 'chucun') && type !== 'coastal';
    const parts = XIAOQU_PARTS[rural ? 'rural' : type];
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = this.rng.pick(parts.stems) + this.rng.pick(parts.suffixes);
      if (!this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
    throw new Error(`ran out of ${type} compound names`);
  }
}
