import type { MultiPolygon, Polygon } from 'geojson';
import type {
  CompoundType,
  HandlingLevel,
  IssueCategory,
  IssueStatus,
} from '../../server/contract/vocabulary.ts';
import { ISSUE_CATEGORIES } from '../../server/contract/vocabulary.ts';
import { DAY_COUNT, NOW_MINUTE, calendarDay, dayOf } from './calendar.ts';
import type { Xiaoqu } from './compounds.ts';
import type { DemoAreas } from './areas.ts';
import { NAMED } from './names.ts';
import { apportion, compareText, type Rng } from './prng.ts';
import { pointIn, type LonLat } from './sampling.ts';

/** "4300+ solved": resolved issues in the three years. */
export const RESOLVED_COUNT = 4380;
/** "130+ key problems solved by the 片区": resolved with handling level pianqu. */
export const PIANQU_RESOLVED_COUNT = 137;
/** "80+ seasonal problems" solved in 海湾国际小区's peak-season mode. */
export const HAIWAN_SEASONAL_COUNT = 86;
/** Still open today, by status. */
const UNRESOLVED: Record<Exclude<IssueStatus, 'resolved'>, number> = {
  open: 58,
  in_progress: 79,
  escalated: 15,
};

export interface Issue {
  id: number;
  category: IssueCategory;
  status: IssueStatus;
  handlingLevel: HandlingLevel;
  reportedMinute: number;
  resolvedMinute: number | null;
  xiaoquCode: string;
  lonlat: LonLat;
}

type Mix = Record<IssueCategory, number>;
const mix = (...w: number[]): Mix =>
  Object.fromEntries(ISSUE_CATEGORIES.map((c, i) => [c, w[i] ?? 0])) as Mix;

/**
 * Category mix by compound type, in ISSUE_CATEGORIES order (environment, facilities, roads,
 * parking, stairwells, disputes, power_grid): old compounds wear out (stairwells, facilities,
 * grid), mixed ones quarrel over shops and parking, coastal ones fill up with summer visitors.
 */
const CATEGORY_MIX: Record<CompoundType, Mix> = {
  old: mix(0.12, 0.2, 0.11, 0.09, 0.22, 0.11, 0.15),
  new: mix(0.2, 0.16, 0.09, 0.25, 0.08, 0.15, 0.07),
  mixed: mix(0.18, 0.11, 0.1, 0.25, 0.05, 0.26, 0.05),
  coastal: mix(0.28, 0.12, 0.1, 0.24, 0.06, 0.14, 0.06),
};
/** In July and August the beach crowd brings litter, parking and noise to coastal compounds. */
const COASTAL_SUMMER_MIX = mix(0.38, 0.06, 0.05, 0.33, 0.02, 0.14, 0.02);
/** What reaches the 片区: grid rebuilds, roads across 社区 boundaries, disputes between 社区. */
const PIANQU_MIX = mix(0.07, 0.1, 0.3, 0.1, 0.03, 0.12, 0.28);

const TYPE_RATE: Record<CompoundType, number> = { old: 1.35, mixed: 1.2, coastal: 1.05, new: 0.8 };
const SHEQU_SHARE: Record<CompoundType, number> = {
  old: 0.23,
  mixed: 0.25,
  coastal: 0.2,
  new: 0.17,
};

/** Day weights of the report date: summer crowds for coastal compounds, a slow ramp-up. */
function dayWeight(day: number, type: CompoundType): number {
  const { month, day: dom } = calendarDay(day);
  // No trend over the years: the seed rotates the record by whole periods of three years to
  // end on the load day, and a ramp-up would then show as a jump in the middle.
  let w = 1;
  if (type === 'coastal') {
    if ((month === 7 && dom >= 10) || month === 8) w *= 3.4;
    else if (month === 7 || month === 6 || month === 9) w *= 1.5;
    else if (month === 10 && dom <= 7) w *= 2.2;
    else if (month <= 3 || month >= 11) w *= 0.6;
  }
  if (month === 2 && dom <= 20) w *= 0.7;
  return w;
}

function cumulative(weights: number[]): number[] {
  let s = 0;
  return weights.map((w) => (s += w));
}

function drawIndex(rng: Rng, cum: number[]): number {
  const r = rng.next() * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Hour-of-day weights of reports: office hours, a lunch dip, a smaller evening wave. */
const REPORT_HOURS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 1.8, 4, 6, 6, 4.5, 2, 2.5, 4.5, 5, 4.5, 3, 2.5, 2.6, 2.1, 1.2,
  0.6, 0.3,
];
const REPORT_HOURS_CUM = cumulative(REPORT_HOURS);

function reportMinute(rng: Rng, day: number): number {
  return day * 1440 + drawIndex(rng, REPORT_HOURS_CUM) * 60 + rng.int(0, 59);
}

/** Hours to a resolution: hours to days in the 小区, days in the 社区, weeks in the 片区. */
function resolutionMinutes(rng: Rng, level: HandlingLevel): number {
  const hours =
    level === 'xiaoqu'
      ? clamp(rng.logNormal(20, 0.9), 1.5, 24 * 14)
      : level === 'shequ'
        ? clamp(rng.logNormal(24 * 4, 0.7), 12, 24 * 40)
        : clamp(rng.logNormal(24 * 26, 0.45), 24 * 7, 24 * 90);
  return Math.round(hours * 60);
}

/** Work is closed in working hours: a night-time close moves to the next morning. */
function workingTime(rng: Rng, minute: number): number {
  const inDay = minute % 1440;
  if (inDay >= 7 * 60 + 30 && inDay <= 21 * 60 + 30) return minute;
  const next = inDay > 21 * 60 + 30 ? minute - inDay + 1440 : minute - inDay;
  return next + rng.int(8 * 60, 11 * 60 + 30);
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

interface Draft {
  category: IssueCategory;
  status: IssueStatus;
  handlingLevel: HandlingLevel;
  reportedMinute: number;
  resolvedMinute: number | null;
  xiaoqu: Xiaoqu;
}

/**
 * Issues ("民生问题"): 4,380 resolved since December 2023, 137 of them by a 片区 (提级协调), and
 * about 150 still open today. Counts per compound follow households and type; dates follow
 * seasons; each issue sits at a point inside its compound.
 */
export function buildIssues(
  rng: Rng,
  xiaoqu: Xiaoqu[],
  demoAreas: DemoAreas,
  interiors: Map<string, Polygon | MultiPolygon>,
): Issue[] {
  const tiancun = demoAreas.pianqu.find((p) => p.name === NAMED.tiancun)!;
  const dayCum = new Map<CompoundType, number[]>();
  for (const type of ['old', 'new', 'mixed', 'coastal'] as const) {
    dayCum.set(type, cumulative(Array.from({ length: DAY_COUNT }, (_, d) => dayWeight(d, type))));
  }
  const drafts: Draft[] = [];

  const resolved = (
    x: Xiaoqu,
    handlingLevel: HandlingLevel,
    drawDay = (): number => drawIndex(rng, dayCum.get(x.type)!),
  ): void => {
    // Re-draw until the resolution lies in the past.
    for (;;) {
      const reportedMinute = reportMinute(rng, drawDay());
      const month = calendarDay(Math.floor(reportedMinute / 1440)).month;
      const resolvedMinute = workingTime(
        rng,
        reportedMinute + resolutionMinutes(rng, handlingLevel),
      );
      if (resolvedMinute > NOW_MINUTE) continue;
      drafts.push({
        category: pickCategory(rng, x.type, handlingLevel, month),
        status: 'resolved',
        handlingLevel,
        reportedMinute,
        resolvedMinute,
        xiaoqu: x,
      });
      return;
    }
  };

  // 海湾国际小区's peak-season mode (平急转换): the article's 80+ seasonal problems, solved
  // in the compound or its 社区 between mid-July and the end of August of the three summers.
  const haiwan = xiaoqu.find((x) => x.name === NAMED.haiwan)!;
  const summerDay = (): number => dayOf(`${rng.pick([2024, 2025, 2026])}-07-10`) + rng.int(0, 52);
  for (let k = 0; k < HAIWAN_SEASONAL_COUNT; k++) {
    resolved(haiwan, rng.chance(0.2) ? 'shequ' : 'xiaoqu', summerDay);
  }

  // 小区 and 社区 level, everything else.
  const local = apportion(
    RESOLVED_COUNT - PIANQU_RESOLVED_COUNT - HAIWAN_SEASONAL_COUNT,
    xiaoqu.map(
      (x) =>
        x.households *
        TYPE_RATE[x.type] *
        (x.street === 'shuangdao' || x.street === 'chucun' ? 0.8 : 1),
    ),
    4,
  );
  for (const [i, x] of xiaoqu.entries()) {
    for (let k = 0; k < (local[i] as number); k++) {
      resolved(x, rng.chance(SHEQU_SHARE[x.type]) ? 'shequ' : 'xiaoqu');
    }
  }

  // 片区 level: heavier where compounds are old or mixed, and in 田村片区, which cleared two
  // thirds of its legacy problems. 福山路小区's grid rebuild is one of them, done in under two
  // months for 230+ households.
  const fushan = xiaoqu.find((x) => x.name === NAMED.fushanlu)!;
  const start = dayOf('2024-04-16') * 1440 + 9 * 60 + 40;
  drafts.push({
    category: 'power_grid',
    status: 'resolved',
    handlingLevel: 'pianqu',
    reportedMinute: start,
    resolvedMinute: start + 52 * 1440 + 6 * 60 + 20,
    xiaoqu: fushan,
  });
  const pianquWeights = xiaoqu.map(
    (x) =>
      (x.households / 1000) *
      (x.type === 'old' ? 2 : x.type === 'mixed' ? 1.5 : 1) *
      (x.pianquCode === tiancun.code ? 3 : 1),
  );
  for (let k = 1; k < PIANQU_RESOLVED_COUNT; k++) {
    resolved(xiaoqu[rng.weightedIndex(pianquWeights)]!, 'pianqu');
  }

  // Still open today: new reports are open for days, work in progress for weeks, and what
  // waits for the monthly 片区联席会议 sits escalated for up to a couple of months.
  const localWeights = xiaoqu.map((x) => x.households * TYPE_RATE[x.type]);
  const openFor: Record<keyof typeof UNRESOLVED, [number, number]> = {
    open: [0, 12],
    in_progress: [2, 45],
    escalated: [10, 75],
  };
  for (const status of Object.keys(UNRESOLVED) as (keyof typeof UNRESOLVED)[]) {
    for (let k = 0; k < UNRESOLVED[status]; k++) {
      const escalated = status === 'escalated';
      const x = xiaoqu[rng.weightedIndex(escalated ? pianquWeights : localWeights)]!;
      const [minAge, maxAge] = openFor[status];
      const day = Math.floor(NOW_MINUTE / 1440) - Math.floor(rng.float(minAge, maxAge));
      let reportedMinute = reportMinute(rng, day);
      if (reportedMinute > NOW_MINUTE) reportedMinute -= 1440;
      const handlingLevel: HandlingLevel = escalated
        ? 'pianqu'
        : rng.chance(status === 'open' ? 0.15 : 0.35)
          ? 'shequ'
          : 'xiaoqu';
      drafts.push({
        category: pickCategory(
          rng,
          x.type,
          handlingLevel,
          calendarDay(Math.floor(reportedMinute / 1440)).month,
        ),
        status,
        handlingLevel,
        reportedMinute,
        resolvedMinute: null,
        xiaoqu: x,
      });
    }
  }

  drafts.sort(
    (a, b) => a.reportedMinute - b.reportedMinute || compareText(a.xiaoqu.code, b.xiaoqu.code),
  );
  const pointRng = rng.fork('issue-points');
  return drafts.map((d, i) => ({
    id: i + 1,
    category: d.category,
    status: d.status,
    handlingLevel: d.handlingLevel,
    reportedMinute: d.reportedMinute,
    resolvedMinute: d.resolvedMinute,
    xiaoquCode: d.xiaoqu.code,
    lonlat: pointIn(pointRng, interiors.get(d.xiaoqu.code)!),
  }));
}

function pickCategory(
  rng: Rng,
  type: CompoundType,
  level: HandlingLevel,
  month: number,
): IssueCategory {
  const m =
    level === 'pianqu'
      ? PIANQU_MIX
      : type === 'coastal' && (month === 7 || month === 8)
        ? COASTAL_SUMMER_MIX
        : CATEGORY_MIX[type];
  return rng.weighted(
    ISSUE_CATEGORIES,
    ISSUE_CATEGORIES.map((c) => m[c]),
  );
}
