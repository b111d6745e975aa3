import { csvFile, type CsvCell } from '../../lib/csv.ts';
import { attachmentHeader } from '../../http/attachment.ts';
import {
  COMPARISON_FIGURES,
  FIGURE_DEFINITIONS,
  figureDefinition,
  figureValue,
  type AreaFigures,
  type AreaProfile,
  type Vocabulary,
  type VocabularyKind,
} from '../../contract/index.ts';

/**
 * zh-CN names of the fixed keys the export writes (the UI's catalogue lives in the client);
 * the vocabulary's terms are named by their rows.
 */
const LEVEL: Record<AreaProfile['level'], string> = {
  chengqu: '城区',
  pianqu: '片区',
  shequ: '社区',
  xiaoqu: '小区',
};
const WINDOW: Record<AreaProfile['window']['kind'], string> = {
  month: '本月',
  year: '本年',
  all: '全部',
  range: '自定义',
};
const ROLE: Record<string, string> = {
  grid_worker: '网格员',
  social_worker: '专职社工',
  branch_assistant: '小区党支部书记助理',
};

type Cell = CsvCell;

/** A share as a percentage with one decimal, or empty. */
const pct = (r: number | null): Cell => (r === null ? '' : Math.round(r * 1000) / 10);

/**
 * The figure rows every level shares, one per figure definition (contract/figures.ts), under
 * its Chinese label: 指标, 数值. Lists get a row per entry; shares are percentages.
 */
export function figureRows(f: AreaFigures, vocabulary: Vocabulary): [string, Cell][] {
  const names = (kind: VocabularyKind) => {
    const zh = new Map(vocabulary[kind].map((t) => [t.key, t.zh]));
    return (key: string) => zh.get(key) ?? key;
  };
  const [category, status, handling, department] = (
    ['issueCategory', 'issueStatus', 'handlingLevel', 'department'] as const
  ).map(names) as [
    (k: string) => string,
    (k: string) => string,
    (k: string) => string,
    (k: string) => string,
  ];
  return FIGURE_DEFINITIONS.flatMap((d): [string, Cell][] => {
    const v = figureValue(f, d.key);
    switch (d.key) {
      case 'issues.byCategory':
        return f.issues.byCategory.map((c) => [`${d.zh}·${category(c.category)}`, c.total]);
      case 'issues.byStatus':
        return f.issues.byStatus.map((s) => [`${d.zh}·${status(s.status)}`, s.count]);
      case 'issues.byHandlingLevel':
        return f.issues.byHandlingLevel.map((l) => [`${d.zh}·${handling(l.level)}`, l.total]);
      case 'staffByDepartment':
        return f.staffByDepartment.map((s) => [`${d.zh}·${department(s.department)}`, s.count]);
      case 'issues.perWorker':
        return [[`${d.zh}(件/人)`, f.issues.perWorker === null ? '' : round2(f.issues.perWorker)]];
    }
    if (d.key.endsWith('Rate')) return [[`${d.zh}(%)`, pct(v)]];
    return [[d.zh, v]];
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The rows one level adds. */
function levelRows(p: AreaProfile): [string, Cell][] {
  switch (p.level) {
    case 'chengqu':
      return p.pianquRanking.map((r): [string, Cell] => [
        `片区排名·第${r.rank}名·${r.name}·解决率(%)`,
        pct(r.resolutionRate),
      ]);
    case 'pianqu':
      return [
        ['四项职责·历史遗留问题·发现', p.duties.legacy.found],
        ['四项职责·历史遗留问题·化解', p.duties.legacy.resolved],
        ['四项职责·历史遗留问题·化解率(%)', pct(p.duties.legacy.rate)],
        ['四项职责·跨社区纠纷·受理', p.duties.disputes.total],
        ['四项职责·跨社区纠纷·调解', p.duties.disputes.mediated],
        ['四项职责·重点难题·提级', p.duties.keyProblems.escalated],
        ['四项职责·重点难题·解决', p.duties.keyProblems.solved],
        ['四项职责·片区活动·场次', p.duties.activities.held],
        ['四项职责·片区活动·人次', p.duties.activities.attendance],
        ['联席会议', p.meetings.length],
        ['议事清单事项', p.agenda.length],
        ['议事清单已办结', p.agenda.filter((a) => a.status === 'done').length],
        ...p.members.map((m): [string, Cell] => [`成员社区·${m.name}·民生问题`, m.issues]),
        ...p.sharedResources.map((r): [string, Cell] => [`共享资源·${r.name}·人次`, r.attendance]),
      ];
    case 'shequ':
      return [
        ...p.xiaoquList.map((x): [string, Cell] => [`小区·${x.name}·民生问题`, x.issues]),
        ...p.comparison.map((c): [string, Cell] =>
          c.key === 'resolutionRate'
            ? [
                `片区平均·${figureDefinition(COMPARISON_FIGURES[c.key]).zh}(%)`,
                pct(c.pianquAverage),
              ]
            : [
                `片区平均·${figureDefinition(COMPARISON_FIGURES[c.key]).zh}`,
                c.pianquAverage === null ? '' : Math.round(c.pianquAverage * 100) / 100,
              ],
        ),
      ];
    case 'xiaoqu':
      return [
        ['党支部', p.partyBranch.name],
        ['党员', p.partyBranch.members],
        ...p.workersByRole.map((w): [string, Cell] => [
          `社区工作者·${ROLE[w.role] ?? w.role}`,
          w.count,
        ]),
        ['一小区一策', p.policy?.title ?? ''],
        ['旺季模式', p.peak === null ? '' : p.peak.peakMode ? '是' : '否'],
      ];
  }
}

/** The profile as CSV for Excel (lib/csv.ts: BOM, formulas neutralised), 指标,数值. */
export function profileCsv(p: AreaProfile, vocabulary: Vocabulary): string {
  const w = p.window;
  const rows: [string, Cell][] = [
    ['地区', p.area.name],
    ['代码', p.area.code],
    ['层级', LEVEL[p.level]],
    ['时间窗口', WINDOW[w.kind]],
    ['起', w.from ?? ''],
    ['止', w.to ?? ''],
    ...figureRows(p.figures, vocabulary),
    ...levelRows(p),
  ];
  return csvFile([['指标', '数值'], ...rows]);
}

/** `attachment` with an ASCII fallback and the Chinese name as RFC 5987 `filename*`. */
export function attachment(name: string, code: string, window: string): string {
  return attachmentHeader(`profile-${code}-${window}.csv`, `${name}-概况-${window}.csv`);
}
