/**
 * What the 片区 profiles need beyond the records: the 4 duties' marks on issues (历史遗留问题,
 * 跨社区纠纷), the monthly joint meeting (联席会议) with its rotating chair and agenda (议事清单),
 * shared courses and rooms and who used them, credit points redeemed across 社区 (片区内通兑),
 * party branches and the 一小区一策 policies. Built after everything else from its own PRNG
 * stream, so the files written before it keep their bytes.
 *
 * Over 400 lines on purpose: these records draw from one PRNG stream in a fixed order, and
 * splitting them would make that order harder to keep.
 */
import type { CompoundType, Department, IssueCategory } from '../../server/contract/vocabulary.ts';
import type { Activity } from './activities.ts';
import { DAY_COUNT, LAST_DAY, calendarDay, dayOf, isoDate, months } from './calendar.ts';
import type { Xiaoqu } from './compounds.ts';
import type { CreditMonth } from './credits.ts';
import type { DemoAreas, Pianqu } from './areas.ts';
import type { Issue } from './issues.ts';
import { NAMED } from './names.ts';
import { apportion, compareText, type Rng } from './prng.ts';

/** 田村片区 "resolved 67% of its historical legacy problems": two of every three. */
export const TIANCUN_LEGACY_RATE = 2 / 3;

export interface IssueTag {
  issueId: number;
  tag: 'legacy' | 'cross_shequ';
  /** The other 社区 of a cross-社区 dispute. */
  counterpartShequ: string | null;
}

export interface Meeting {
  pianquCode: string;
  month: string;
  heldOn: string;
  chairShequ: string;
}

export interface AgendaItem {
  code: string;
  pianquCode: string;
  month: string;
  title: string;
  ownerKind: 'shequ' | 'department' | 'role';
  ownerCode: string;
  ownerName: string;
  status: 'pending' | 'in_progress' | 'done' | 'carried_over';
}

export interface SharedResource {
  code: string;
  pianquCode: string;
  kind: 'course' | 'room';
  name: string;
  hostShequ: string;
}

export interface ResourceUse {
  resourceCode: string;
  shequCode: string;
  usedOn: string;
  attendance: number;
  /** The 片区 activity (a shared course session) this use was part of. */
  activityCode: string | null;
}

export interface CreditExchange {
  xiaoquCode: string;
  month: string;
  redeemedShequ: string;
  points: number;
}

export interface PartyBranch {
  xiaoquCode: string;
  name: string;
  members: number;
  establishedOn: string;
}

export interface CompoundPolicy {
  compoundType: CompoundType;
  title: string;
  summary: string;
  measures: string[];
}

export interface Governance {
  issueTags: IssueTag[];
  meetings: Meeting[];
  agenda: AgendaItem[];
  resources: SharedResource[];
  resourceUses: ResourceUse[];
  creditExchanges: CreditExchange[];
  branches: PartyBranch[];
  policies: CompoundPolicy[];
}

/** Departments as an agenda names them (owners are bodies, never people). */
export const DEPARTMENT_OWNERS: Record<Department, string> = {
  police: '公安派出所',
  fire: '消防救援站',
  market: '市场监管所',
  urban: '综合行政执法中队',
};
/** Role titles that may own an agenda item. */
export const ROLE_OWNERS = {
  committee_office: '片区党建工作协调委员会办公室',
  deputy_secretary: '片区专职副书记',
  mediation: '片区人民调解委员会',
} as const;

/** 一小区一策: what each type of compound gets (illustrative, after the source article). */
export const POLICIES: CompoundPolicy[] = [
  {
    compoundType: 'old',
    title: '老旧小区：补短板、强治理',
    summary: '以小区党支部为核心，推进设施更新和楼道整治，把物业缺位的服务补上来。',
    measures: [
      '楼道整治与适老化改造',
      '电网、管网等老旧设施更新',
      '党员楼栋长包楼联户',
      '引入准物业或志愿服务队',
    ],
  },
  {
    compoundType: 'new',
    title: '新建小区：建机制、促融入',
    summary: '在交付入住阶段同步建立党支部和业委会，引导新居民参与小区事务。',
    measures: [
      '党支部、业委会、物业“三方联动”',
      '停车与公共收益规则共商共定',
      '新居民邻里见面会',
      '信用积分引导参与志愿服务',
    ],
  },
  {
    compoundType: 'mixed',
    title: '商住混住小区：理边界、化纠纷',
    summary: '厘清商户与住户的权责边界，把噪音、油烟、占道等矛盾化解在小区。',
    measures: [
      '商户公约与住户公约双签',
      '停车错时共享',
      '矛盾纠纷就地调解',
      '市场监管、城管联合巡查',
    ],
  },
  {
    compoundType: 'coastal',
    title: '沿海旅居小区：平急转换',
    summary: '淡季做维护、办活动、立规矩；旺季转入党员巡逻、民宿监管、人流疏导和应急值守。',
    measures: [
      '淡季：设施维护、邻里活动、住户公约',
      '旺季：党员志愿巡逻',
      '旺季：民宿监管专班',
      '旺季：人流疏导、环境保洁与应急值守',
    ],
  },
];

const LEGACY_CATEGORIES: IssueCategory[] = [
  'environment',
  'facilities',
  'roads',
  'stairwells',
  'power_grid',
];

const ISSUE_AGENDA: Record<IssueCategory, string> = {
  environment: '环境整治提级协调',
  facilities: '公共设施更新协调',
  roads: '边界道路修缮协调',
  parking: '停车矛盾协调',
  stairwells: '楼道整治协调',
  disputes: '跨社区纠纷调解',
  power_grid: '电网改造协调',
};

/** Who takes an escalated issue of a category to the meeting. */
function issueOwner(
  category: IssueCategory,
  shequCode: string,
  shequName: string,
): Pick<AgendaItem, 'ownerKind' | 'ownerCode' | 'ownerName'> {
  const dept = (d: Department) => ({
    ownerKind: 'department' as const,
    ownerCode: d,
    ownerName: DEPARTMENT_OWNERS[d],
  });
  const role = (r: keyof typeof ROLE_OWNERS) => ({
    ownerKind: 'role' as const,
    ownerCode: r,
    ownerName: ROLE_OWNERS[r],
  });
  switch (category) {
    case 'roads':
    case 'environment':
      return dept('urban');
    case 'parking':
      return dept('police');
    case 'disputes':
      return role('mediation');
    case 'power_grid':
      return role('committee_office');
    default:
      return { ownerKind: 'shequ', ownerCode: shequCode, ownerName: shequName };
  }
}

const monthOfDay = (day: number) => isoDate(day).slice(0, 7);
const daysOfMonth = (month: string): number[] => {
  const first = dayOf(`${month}-01`);
  const out: number[] = [];
  for (let d = first; d < DAY_COUNT && monthOfDay(d) === month; d++) out.push(d);
  return out;
};

export function buildGovernance(
  rng: Rng,
  xiaoqu: Xiaoqu[],
  demoAreas: DemoAreas,
  issues: Issue[],
  activities: Activity[],
  credits: CreditMonth[],
): Governance {
  const shequByCode = new Map(demoAreas.shequ.map((s) => [s.code, s]));
  const xiaoquByCode = new Map(xiaoqu.map((x) => [x.code, x]));
  const membersOf = (p: Pianqu) =>
    demoAreas.shequ
      .filter((s) => s.pianquCode === p.code)
      .map((s) => s.code)
      .sort(compareText);
  const pianquOfIssue = (i: Issue) => xiaoquByCode.get(i.xiaoquCode)!.pianquCode;
  const currentMonth = LAST_DAY.slice(0, 7);

  // --- 4 duties: legacy problems and cross-社区 disputes, marked on existing issues.
  const issueTags: IssueTag[] = [];
  const tagRng = rng.fork('issue-tags');
  for (const p of demoAreas.pianqu) {
    const mine = issues.filter((i) => pianquOfIssue(i) === p.code);
    const legacyKind = (i: Issue) => LEGACY_CATEGORIES.includes(i.category);
    const open = mine.filter((i) => i.status !== 'resolved' && legacyKind(i));
    // Legacy problems surfaced when the 片区 took over: handled above the 小区, reported early.
    const solved = mine.filter(
      (i) =>
        i.status === 'resolved' &&
        legacyKind(i) &&
        i.handlingLevel !== 'xiaoqu' &&
        i.reportedMinute < 540 * 1440,
    );
    let unresolvedN: number;
    let resolvedN: number;
    if (p.name === NAMED.tiancun) {
      unresolvedN = open.length;
      resolvedN = Math.round((unresolvedN * TIANCUN_LEGACY_RATE) / (1 - TIANCUN_LEGACY_RATE));
      if (unresolvedN === 0 || resolvedN > solved.length) {
        throw new Error(`田村片区: ${open.length} open, ${solved.length} solved legacy candidates`);
      }
    } else {
      unresolvedN = Math.min(open.length, tagRng.int(1, 5));
      const rate = tagRng.float(0.55, 0.92);
      resolvedN = Math.min(
        solved.length,
        unresolvedN === 0 ? tagRng.int(2, 6) : Math.round((unresolvedN * rate) / (1 - rate)),
      );
    }
    for (const i of [...tagRng.sample(open, unresolvedN), ...tagRng.sample(solved, resolvedN)]) {
      issueTags.push({ issueId: i.id, tag: 'legacy', counterpartShequ: null });
    }

    // Disputes between 社区: every one the 片区 handled, a third of those a 社区 handled.
    const members = membersOf(p);
    for (const i of mine) {
      if (i.category !== 'disputes' || i.handlingLevel === 'xiaoqu') continue;
      if (i.handlingLevel === 'shequ' && !tagRng.chance(0.35)) continue;
      const own = xiaoquByCode.get(i.xiaoquCode)!.shequCode;
      const others = members.filter((c) => c !== own);
      if (others.length === 0) continue;
      issueTags.push({ issueId: i.id, tag: 'cross_shequ', counterpartShequ: tagRng.pick(others) });
    }
  }
  issueTags.sort((a, b) => a.issueId - b.issueId || compareText(a.tag, b.tag));
  const crossIds = new Set(issueTags.filter((t) => t.tag === 'cross_shequ').map((t) => t.issueId));

  // --- The monthly joint meeting, its rotating chair and its agenda.
  const meetRng = rng.fork('meetings');
  const meetings: Meeting[] = [];
  const agenda: Omit<AgendaItem, 'code'>[] = [];
  const allMonths = months();
  for (const p of demoAreas.pianqu) {
    const members = membersOf(p);
    const offset = meetRng.int(0, members.length - 1);
    const escalated = issues.filter(
      (i) => i.handlingLevel === 'pianqu' && pianquOfIssue(i) === p.code,
    );
    const pianquActivities = activities.filter(
      (a) => a.scope === 'pianqu' && a.areaCode === p.code,
    );
    for (const [m, month] of allMonths.entries()) {
      const weekdays = daysOfMonth(month).filter((d) => {
        const c = calendarDay(d);
        return c.weekday >= 1 && c.weekday <= 4 && c.day >= 6 && c.day <= 20;
      });
      const heldOn = meetRng.pick(weekdays);
      const chair = members[(offset + m) % members.length]!;
      meetings.push({ pianquCode: p.code, month, heldOn: isoDate(heldOn), chairShequ: chair });
      const chairName = shequByCode.get(chair)!.name;
      const past = month < currentMonth;
      const items: Omit<AgendaItem, 'code'>[] = [];

      // Key problems escalated since the last meeting go on the list.
      const raised = escalated.filter((i) => {
        const d = Math.floor(i.reportedMinute / 1440);
        return d < heldOn && d >= heldOn - 31;
      });
      for (const i of meetRng.sample(raised, Math.min(raised.length, 3))) {
        const x = xiaoquByCode.get(i.xiaoquCode)!;
        const s = shequByCode.get(x.shequCode)!;
        const dispute = crossIds.has(i.id);
        const status: AgendaItem['status'] =
          i.status === 'resolved' ? 'done' : past ? 'carried_over' : 'in_progress';
        items.push({
          pianquCode: p.code,
          month,
          title: `${x.name}${dispute ? '跨社区纠纷调解' : ISSUE_AGENDA[i.category]}`,
          ...issueOwner(i.category, s.code, s.name),
          status,
        });
      }
      // The standing items of a month.
      const standing: Omit<AgendaItem, 'code' | 'status' | 'pianquCode' | 'month'>[] = [];
      const next = pianquActivities.find((a) => a.day > heldOn && a.day <= heldOn + 45);
      if (next) {
        standing.push({
          title: `筹备${next.title}`,
          ownerKind: 'shequ',
          ownerCode: chair,
          ownerName: chairName,
        });
      }
      standing.push(
        {
          title: '信用积分片区内通兑结算',
          ownerKind: 'shequ',
          ownerCode: chair,
          ownerName: chairName,
        },
        {
          title: '历史遗留问题化解进度督办',
          ownerKind: 'role',
          ownerCode: 'deputy_secretary',
          ownerName: ROLE_OWNERS.deputy_secretary,
        },
        {
          title: '共享课程与场地排期',
          ownerKind: 'role',
          ownerCode: 'committee_office',
          ownerName: ROLE_OWNERS.committee_office,
        },
      );
      const monthNo = Number(month.slice(5));
      if (monthNo === 6) {
        standing.push({
          title: '旺季平急转换部署',
          ownerKind: 'department',
          ownerCode: 'police',
          ownerName: DEPARTMENT_OWNERS.police,
        });
      }
      if (monthNo === 11 || monthNo === 12) {
        standing.push({
          title: '冬季消防安全检查',
          ownerKind: 'department',
          ownerCode: 'fire',
          ownerName: DEPARTMENT_OWNERS.fire,
        });
      }
      if (monthNo === 3 || monthNo === 9) {
        standing.push({
          title: '沿街商户经营秩序联合整治',
          ownerKind: 'department',
          ownerCode: 'market',
          ownerName: DEPARTMENT_OWNERS.market,
        });
      }
      const pick = meetRng.sample(
        standing,
        Math.max(1, Math.min(standing.length, 4 - items.length)),
      );
      for (const s of pick) {
        const status: AgendaItem['status'] = past
          ? meetRng.chance(0.92)
            ? 'done'
            : 'carried_over'
          : meetRng.chance(0.5)
            ? 'pending'
            : 'in_progress';
        items.push({ pianquCode: p.code, month, ...s, status });
      }
      agenda.push(...items);
    }
  }
  meetings.sort((a, b) => compareText(a.pianquCode, b.pianquCode) || compareText(a.month, b.month));
  const agendaCoded = agenda
    .sort((a, b) => compareText(a.pianquCode, b.pianquCode) || compareText(a.month, b.month))
    .map((a, i) => ({ code: `YS${String(i + 1).padStart(5, '0')}`, ...a }));

  // --- Shared courses (from the 片区's shared_course activities) and rooms.
  const resRng = rng.fork('shared-resources');
  const resources: SharedResource[] = [];
  const resourceUses: ResourceUse[] = [];
  const weightOf = (code: string) =>
    xiaoqu.filter((x) => x.shequCode === code).reduce((s, x) => s + x.households, 0);
  for (const p of demoAreas.pianqu) {
    const members = membersOf(p);
    const courses = activities.filter(
      (a) => a.scope === 'pianqu' && a.areaCode === p.code && a.kind === 'shared_course',
    );
    const byTopic = new Map<string, Activity[]>();
    for (const a of courses) {
      const topic = a.title.split('：')[1] ?? a.title;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), a]);
    }
    for (const [topic, sessions] of byTopic) {
      const code = `GX${String(resources.length + 1).padStart(3, '0')}`;
      resources.push({
        code,
        pianquCode: p.code,
        kind: 'course',
        name: `共享课程：${topic}`,
        hostShequ: resRng.pick(members),
      });
      // Each session's attendance came from every member 社区, roughly by size.
      for (const a of sessions) {
        const parts = apportion(
          a.attendance,
          members.map((c) => Math.sqrt(weightOf(c)) * resRng.float(0.6, 1.4)),
          1,
        );
        members.forEach((c, k) =>
          resourceUses.push({
            resourceCode: code,
            shequCode: c,
            usedOn: isoDate(a.day),
            attendance: parts[k]!,
            activityCode: a.code,
          }),
        );
      }
    }
    const rooms = resRng.int(1, 2);
    for (const host of resRng.sample(members, rooms)) {
      const code = `GX${String(resources.length + 1).padStart(3, '0')}`;
      const hostName = shequByCode.get(host)!.name;
      resources.push({
        code,
        pianquCode: p.code,
        kind: 'room',
        name: `${hostName}${resRng.pick(['党群服务中心多功能厅', '共享活动室', '邻里议事厅'])}`,
        hostShequ: host,
      });
      for (const month of allMonths) {
        const days = daysOfMonth(month);
        for (const c of members) {
          const n = resRng.chance(c === host ? 0.8 : 0.45) ? resRng.int(1, 3) : 0;
          for (let k = 0; k < n; k++) {
            resourceUses.push({
              resourceCode: code,
              shequCode: c,
              usedOn: isoDate(resRng.pick(days)),
              attendance: resRng.int(8, 45),
              activityCode: null,
            });
          }
        }
      }
    }
  }
  resourceUses.sort(
    (a, b) =>
      compareText(a.resourceCode, b.resourceCode) ||
      compareText(a.usedOn, b.usedOn) ||
      compareText(a.shequCode, b.shequCode),
  );

  // --- 片区内通兑: part of a 小区's points redeemed at another 社区 of its 片区.
  const exRng = rng.fork('credit-exchanges');
  const creditExchanges: CreditExchange[] = [];
  const pianquMembers = new Map(demoAreas.pianqu.map((p) => [p.code, membersOf(p)]));
  for (const c of credits) {
    const x = xiaoquByCode.get(c.xiaoquCode)!;
    const others = pianquMembers.get(x.pianquCode)!.filter((s) => s !== x.shequCode);
    if (others.length === 0 || !exRng.chance(0.6)) continue;
    const total = Math.round(c.points * exRng.float(0.04, 0.15));
    if (total === 0) continue;
    const to = exRng.sample(others, Math.min(others.length, exRng.int(1, 2))).sort(compareText);
    const parts = apportion(
      total,
      to.map(() => exRng.float(0.5, 1.5)),
    );
    to.forEach((s, k) => {
      if (parts[k]! > 0) {
        creditExchanges.push({
          xiaoquCode: c.xiaoquCode,
          month: c.month,
          redeemedShequ: s,
          points: parts[k]!,
        });
      }
    });
  }

  // --- Party branches: one per 小区 (100% coverage), set up before the data set begins.
  const brRng = rng.fork('party-branches');
  const branches: PartyBranch[] = xiaoqu.map((x) => ({
    xiaoquCode: x.code,
    name: `${x.name}党支部`,
    members: Math.max(5, Math.round(x.households * brRng.float(0.03, 0.07))),
    establishedOn: isoDate(dayOf('2021-03-01') + brRng.int(0, 990)),
  }));

  return {
    issueTags,
    meetings,
    agenda: agendaCoded,
    resources,
    resourceUses,
    creditExchanges,
    branches,
    policies: POLICIES,
  };
}

/** Checks of the written governance data; throws on any failure, returns what passed. */
export function verifyGovernance(
  g: Governance,
  xiaoqu: Xiaoqu[],
  demoAreas: DemoAreas,
  issues: Issue[],
): string[] {
  const checks: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`governance check failed: ${what}`);
    checks.push(what);
  };
  const tiancun = demoAreas.pianqu.find((p) => p.name === NAMED.tiancun)!;
  const yinxing = demoAreas.pianqu.find((p) => p.name === NAMED.yinxing)!;
  const byId = new Map(issues.map((i) => [i.id, i]));
  const pianquOf = new Map(xiaoqu.map((x) => [x.code, x.pianquCode]));
  const legacy = g.issueTags.filter((t) => t.tag === 'legacy').map((t) => byId.get(t.issueId)!);
  const tiancunLegacy = legacy.filter((i) => pianquOf.get(i.xiaoquCode) === tiancun.code);
  const rate = tiancunLegacy.filter((i) => i.status === 'resolved').length / tiancunLegacy.length;
  check(
    Math.round(rate * 100) === 67,
    `田村片区 resolved ${Math.round(rate * 100)}% of ${tiancunLegacy.length} 历史遗留问题`,
  );
  check(
    g.meetings.length === demoAreas.pianqu.length * 36,
    `a joint meeting per 片区 and month, chaired in turn (${g.meetings.length})`,
  );
  const yinxingCourses = g.resources.filter(
    (r) => r.pianquCode === yinxing.code && r.kind === 'course',
  );
  const codes = new Set(yinxingCourses.map((r) => r.code));
  const yinxingUses = g.resourceUses.filter((u) => codes.has(u.resourceCode));
  const attendance = yinxingUses.reduce((s, u) => s + u.attendance, 0);
  check(
    yinxingCourses.length === 12 &&
      attendance >= 400 &&
      new Set(yinxingUses.map((u) => u.shequCode)).size === 4,
    `银杏片区: 12 shared courses, ${attendance} attendances from its 4 社区`,
  );
  const cross = g.issueTags.filter((t) => t.tag === 'cross_shequ');
  check(
    cross.every((t) => {
      const i = byId.get(t.issueId)!;
      return i.category === 'disputes' && t.counterpartShequ !== null;
    }),
    `${cross.length} 跨社区纠纷, each with the other 社区`,
  );
  return checks;
}
