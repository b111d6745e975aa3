import type { Db } from '../../db/db.ts';
import { sqlFile, sqlQueries } from '../../db/sql-files.ts';
import {
  HANDLING_LEVELS,
  type AreaFigures,
  type FigureWindow,
  type ScreenPianquRank,
  type ScreenSummary,
} from '../../contract/index.ts';
import { DEFAULT_PEAK_THRESHOLD, tourismRepository } from '../tourism/repository.ts';
import { emptyFigures, figuresRepository } from '../figures/repository.ts';
import { zoneTimeZone } from '../dataset/repository.ts';

const SUMMARY = sqlFile(new URL('./summary.sql', import.meta.url));
const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'snapshot',
  'latestEventId',
  'zoneAndPianqu',
]);

const ALL: FigureWindow = { kind: 'all', from: null, to: null };

/** 片区 ranked by a share, best first; none to divide by last; ties by code. */
function ranked(
  rows: { code: string; name: string; total: number; resolved: number }[],
): ScreenPianquRank[] {
  return rows
    .map((r) => ({ ...r, rate: r.total === 0 ? null : r.resolved / r.total }))
    .sort(
      (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
}

/**
 * The big screen's figures. Every area figure on it (KPIs, categories, rankings, the issue path)
 * is read from the figures engine, the one the dashboard's panels read, so a KPI and a panel
 * under one label show one number.
 */
export function screenRepository(db: Db) {
  return {
    /**
     * The summary and the newest event id, read in one snapshot (REPEATABLE READ): event ids
     * increase in commit order, so the figures include exactly the events up to that id, and a
     * client streaming from it neither misses a change nor counts one twice.
     */
    async summary(): Promise<ScreenSummary> {
      return db.transaction(async (tx) => {
        await tx.query(SQL.snapshot);
        const [{ latest }] = (await tx.query<{ latest: number }>(SQL.latestEventId)) as [
          { latest: number },
        ];
        const [{ summary }] = (await tx.query<{
          summary: Pick<ScreenSummary, 'at' | 'issuesByMonth' | 'tourism'> & { today: string };
        }>(SUMMARY, [await zoneTimeZone(tx)])) as [
          { summary: Pick<ScreenSummary, 'at' | 'issuesByMonth' | 'tourism'> & { today: string } },
        ];
        const { today, ...rest } = summary;
        const areas = await tx.query<{ code: string; name: string; level: string }>(
          SQL.zoneAndPianqu,
        );
        const zone = areas.find((a) => a.level === 'chengqu') ?? null;
        const pianqu = areas.filter((a) => a.level === 'pianqu');
        const engine = figuresRepository(tx);
        const year: FigureWindow = { kind: 'year', from: `${today.slice(0, 4)}-01-01`, to: today };
        const [all, thisYear] = await Promise.all([
          engine.figures([...(zone ? [zone.code] : []), ...pianqu.map((p) => p.code)], ALL),
          zone ? engine.figures([zone.code], year) : Promise.resolve(new Map()),
        ]);
        const z: AreaFigures = (zone && all.get(zone.code)) ?? emptyFigures();
        const zy: AreaFigures = (zone && thisYear.get(zone.code)) ?? emptyFigures();
        const of = (code: string) => all.get(code) ?? emptyFigures();
        /** Every 片区 ranked by a share of its figures: [of how many, how many]. */
        const rankPianqu = (pick: (f: AreaFigures) => [number, number]) =>
          ranked(
            pianqu.map((p) => {
              const [total, resolved] = pick(of(p.code));
              return { code: p.code, name: p.name, total, resolved };
            }),
          );
        // Peak mode now; staff on duty is left out (staff posts are per-area detail).
        const peak = await tourismRepository(tx).peak(rest.at, DEFAULT_PEAK_THRESHOLD, () => false);
        const levels = z.issues.byHandlingLevel;
        const rank = (level: string) => HANDLING_LEVELS.indexOf(level as never);
        return {
          latestEventId: Number(latest),
          at: rest.at,
          kpis: {
            partyBranches: z.partyBranches,
            xiaoqu: z.xiaoqu,
            workers: z.workers,
            sites: z.sites,
            staff: z.staff,
            issuesTotal: z.issues.total,
            issuesResolved: z.issues.resolved,
            issuesResolvedThisYear: zy.issues.resolvedInWindow,
            issuesOpen: z.issues.unresolved,
            issuesEscalatedOpen: z.issues.escalatedOpen,
            microActivities: z.microActivities,
            pianquActivities: z.pianquActivities,
            pianqu: z.pianqu,
            shequ: z.shequ,
            projectsCompleted: z.projectsCompleted,
            projectsClaimed: z.projects,
          },
          issuesByMonth: rest.issuesByMonth,
          categories: z.issues.byCategory.map((c) => ({
            category: c.category,
            total: c.total,
            resolved: c.resolved,
            open: c.total - c.resolved,
          })),
          pianquByResolution: rankPianqu((f) => [f.issues.total, f.issues.resolved]),
          pianquByLegacy: rankPianqu((f) => [f.issues.legacy, f.issues.legacyResolved]),
          // Handled at a level or above: every issue starts in its 小区; one handled by the 社区
          // or the 片区 was escalated there.
          issuePath: levels.map((l) => ({
            level: l.level,
            reached: levels
              .filter((m) => rank(m.level) >= rank(l.level))
              .reduce((a, m) => a + m.total, 0),
            resolved: l.resolved,
            open: l.total - l.resolved,
          })),
          tourism: rest.tourism,
          peak: {
            threshold: peak.threshold,
            xiaoqu: peak.xiaoqu
              .filter((x) => x.peakMode)
              .map(({ code, name, visitors, position }) => ({ code, name, visitors, position })),
          },
        };
      });
    },
  };
}
