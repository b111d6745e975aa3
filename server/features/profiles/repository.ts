import type { Queryable } from '../../db/db.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';
import {
  WORKER_ROLES,
  type AreaLevel,
  type AreaProfile,
  type ChengquProfile,
  type CompoundType,
  type PianquComparison,
  type PianquProfile,
  type PianquRank,
  type ProfileFigures,
  type ProfileWindow,
  type ShequProfile,
  type XiaoquProfile,
} from '../../contract/index.ts';
import { DEFAULT_PEAK_THRESHOLD, tourismRepository } from '../tourism/repository.ts';
import type { ZoneClock } from '../dataset/repository.ts';
import { figuresRepository, NO_FILTER, type IssueLists } from '../figures/repository.ts';

const PIANQU = sqlFile(new URL('./pianqu.sql', import.meta.url));
const XIAOQU = sqlFile(new URL('./xiaoqu.sql', import.meta.url));
const HEAD = sqlFile(new URL('../areas/area-detail.sql', import.meta.url));
const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'childCodes',
  'childCompoundTypes',
]);

/** Issues listed in a 小区 profile at most (the figures count them all). */
export const ISSUE_LIST_LIMIT = 200;

/** What a profile is asked for: the window, the filters, the clock, who asks. */
export interface ProfileRequest {
  window: ProfileWindow;
  filters: IssueLists;
  /** The zone's clock when it was asked: today, and now for the peak-mode check. */
  clock: ZoneClock;
  /** May this caller see the staff posts of this area (the scoping rule of auth/roles.ts)? */
  staffVisible: (code: string) => Promise<boolean>;
}

interface Head {
  code: string;
  name: string;
  level: AreaLevel;
  street: string | null;
  compound_type: CompoundType | null;
  bbox: [number, number, number, number];
  chain: { code: string; name: string; level: AreaLevel }[];
  children: { code: string; name: string; level: AreaLevel }[];
}

/** Area profiles, comparisons and exports, all counted in SQL over the 小区 of a subtree. */
export function profilesRepository(db: Queryable) {
  const tourism = tourismRepository(db);

  async function head(code: string): Promise<Head | null> {
    const [row] = await db.query<Head>(HEAD, [code]);
    return row ?? null;
  }

  const engine = figuresRepository(db);

  const childrenOf = async (code: string) =>
    (await db.query<{ code: string }>(SQL.childCodes, [code])).map((r) => r.code);

  async function base(h: Head, req: ProfileRequest) {
    const [f, s] = await Promise.all([
      engine.figures([h.code], req.window, req.filters, req.clock),
      engine.series([h.code], req.window, req.filters, req.clock),
    ]);
    const own = f.get(h.code)!;
    return {
      common: {
        area: {
          code: h.code,
          name: h.name,
          level: h.level,
          street: h.street,
          chain: h.chain,
          bbox: h.bbox,
        },
        window: req.window,
        figures: own,
        series: s.get(h.code) ?? [],
      },
    };
  }

  async function chengqu(h: Head, req: ProfileRequest): Promise<ChengquProfile> {
    const { common } = await base(h, req);
    const pianqu = h.children.map((c) => c.code);
    const f = await engine.figures(pianqu, req.window, req.filters, req.clock);
    const ranked = h.children
      .map((c) => ({ c, f: f.get(c.code)! }))
      .sort(
        (a, b) =>
          (b.f.issues.resolutionRate ?? -1) - (a.f.issues.resolutionRate ?? -1) ||
          b.f.issues.resolved - a.f.issues.resolved ||
          (a.c.code < b.c.code ? -1 : 1),
      );
    const pianquRanking: PianquRank[] = ranked.map(({ c, f: x }, i) => ({
      code: c.code,
      name: c.name,
      rank: i + 1,
      shequ: x.shequ,
      xiaoqu: x.xiaoqu,
      households: x.households,
      workers: x.workers,
      issues: x.issues.total,
      resolved: x.issues.resolved,
      resolutionRate: x.issues.resolutionRate,
      legacyRate: x.issues.legacyRate,
      escalatedResolved: x.issues.escalatedResolved,
      activities: x.microActivities + x.pianquActivities,
      creditPoints: x.credits.earned,
      perWorker: x.issues.perWorker,
    }));
    return { level: 'chengqu', ...common, pianquRanking };
  }

  async function pianqu(h: Head, req: ProfileRequest): Promise<PianquProfile> {
    const { common } = await base(h, req);
    const members = h.children.map((c) => c.code);
    const [mf, [parts]] = await Promise.all([
      engine.figures(members, req.window, req.filters, req.clock),
      db.query<{
        parts: Pick<PianquProfile, 'meetings' | 'agenda' | 'sharedResources' | 'creditExchanges'>;
      }>(PIANQU, [h.code, req.window.from, req.window.to]),
    ]);
    const fig = common.figures;
    return {
      level: 'pianqu',
      ...common,
      members: h.children.map((c) => {
        const x = mf.get(c.code)!;
        return {
          code: c.code,
          name: c.name,
          xiaoqu: x.xiaoqu,
          households: x.households,
          workers: x.workers,
          issues: x.issues.total,
          resolved: x.issues.resolved,
          resolutionRate: x.issues.resolutionRate,
          creditPoints: x.credits.earned,
        };
      }),
      duties: {
        legacy: {
          found: fig.issues.legacy,
          resolved: fig.issues.legacyResolved,
          rate: fig.issues.legacyRate,
        },
        disputes: { total: fig.issues.crossShequDisputes, mediated: fig.issues.crossShequMediated },
        keyProblems: { escalated: fig.issues.escalated, solved: fig.issues.escalatedResolved },
        activities: { held: fig.pianquActivities, attendance: fig.pianquAttendance },
      },
      ...parts!.parts,
    };
  }

  async function shequ(h: Head, req: ProfileRequest): Promise<ShequProfile> {
    const { common } = await base(h, req);
    const xiaoqu = h.children.map((c) => c.code);
    const pianquCode = h.chain[h.chain.length - 1]!.code;
    const siblings = await childrenOf(pianquCode);
    const [xf, sf, types] = await Promise.all([
      engine.figures(xiaoqu, req.window, req.filters, req.clock),
      engine.figures(siblings, req.window, req.filters, req.clock),
      db.query<{ code: string; compound_type: CompoundType | null }>(SQL.childCompoundTypes, [
        h.code,
      ]),
    ]);
    const typeOf = new Map(types.map((t) => [t.code, t.compound_type]));
    const pick: Record<PianquComparison['key'], (f: ProfileFigures) => number | null> = {
      households: (f) => f.households,
      workers: (f) => f.workers,
      sites: (f) => f.sites,
      staff: (f) => f.staff,
      issues: (f) => f.issues.total,
      resolutionRate: (f) => f.issues.resolutionRate,
      perWorker: (f) => f.issues.perWorker,
      microActivities: (f) => f.microActivities,
      creditPoints: (f) => f.credits.earned,
    };
    const all = siblings.map((c) => sf.get(c)!);
    const own = sf.get(h.code)!;
    const comparison = (Object.keys(pick) as PianquComparison['key'][]).map((key) => {
      const values = all.map(pick[key]).filter((v): v is number => v !== null);
      return {
        key,
        value: pick[key](own),
        pianquAverage: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      };
    });
    return {
      level: 'shequ',
      ...common,
      xiaoquList: h.children.map((c) => {
        const x = xf.get(c.code)!;
        return {
          code: c.code,
          name: c.name,
          compoundType: typeOf.get(c.code) ?? null,
          households: x.households,
          workers: x.workers,
          sites: x.sites,
          issues: x.issues.total,
          unresolved: x.issues.unresolved,
          resolutionRate: x.issues.resolutionRate,
        };
      }),
      comparison,
    };
  }

  async function xiaoqu(h: Head, req: ProfileRequest): Promise<XiaoquProfile> {
    const { common } = await base(h, req);
    const [[row], staffVisible] = await Promise.all([
      db.query<{
        parts: Omit<
          XiaoquProfile,
          | 'level'
          | 'area'
          | 'window'
          | 'figures'
          | 'series'
          | 'compoundType'
          | 'peak'
          | 'issueLimit'
        > & { staff: NonNullable<XiaoquProfile['staff']> };
      }>(XIAOQU, [
        h.code,
        req.window.from,
        req.window.to,
        WORKER_ROLES,
        ISSUE_LIST_LIMIT,
        req.filters.categories,
        req.filters.statuses,
        req.filters.levels,
        req.clock.timeZone,
      ]),
      req.staffVisible(h.code),
    ]);
    const parts = row!.parts;
    let peak: XiaoquProfile['peak'] = null;
    if (h.compound_type === 'coastal') {
      const all = await tourism.peak(
        req.clock.minute,
        DEFAULT_PEAK_THRESHOLD,
        (code) => staffVisible && code === h.code,
      );
      const mine = all.xiaoqu.find((x) => x.code === h.code);
      if (mine) {
        peak = {
          at: req.clock.minute,
          threshold: all.threshold,
          visitors: mine.visitors,
          peakMode: mine.peakMode,
          staffOnDuty: mine.staffOnDuty,
          short: mine.short,
        };
      }
    }
    return {
      level: 'xiaoqu',
      ...common,
      compoundType: h.compound_type,
      ...parts,
      staff: staffVisible ? parts.staff : null,
      issueLimit: ISSUE_LIST_LIMIT,
      peak,
    };
  }

  return {
    /** The profile of one area, or null when there is no such area. */
    async profile(code: string, req: ProfileRequest): Promise<AreaProfile | null> {
      const h = await head(code);
      if (!h) return null;
      switch (h.level) {
        case 'chengqu':
          return chengqu(h, req);
        case 'pianqu':
          return pianqu(h, req);
        case 'shequ':
          return shequ(h, req);
        case 'xiaoqu':
          return xiaoqu(h, req);
      }
    },

    /** Headline figures and monthly series of several areas, side by side. */
    async compare(codes: string[], window: ProfileWindow, clock: ZoneClock) {
      const [f, s] = await Promise.all([
        engine.figures(codes, window, NO_FILTER, clock),
        engine.series(codes, window, NO_FILTER, clock),
      ]);
      return codes.map((code) => ({
        code,
        figures: f.get(code)!,
        series: s.get(code) ?? [],
      }));
    },
  };
}

export type ProfilesRepository = ReturnType<typeof profilesRepository>;
