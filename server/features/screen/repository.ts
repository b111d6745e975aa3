import { readFileSync } from 'node:fs';
import type { Db } from '../../db/db.ts';
import type { ScreenSummary } from '../../contract/index.ts';
import { HANDLING_LEVELS, ISSUE_CATEGORIES } from '../../contract/index.ts';
import { DEFAULT_PEAK_THRESHOLD, tourismRepository } from '../tourism/repository.ts';

const SUMMARY = readFileSync(new URL('./summary.sql', import.meta.url), 'utf8');
const LEGACY = readFileSync(new URL('./legacy.sql', import.meta.url), 'utf8');

/** The big screen's figures, all counted in the database. */
export function screenRepository(db: Db) {
  return {
    /**
     * The summary and the newest event id, read in one snapshot (REPEATABLE READ): event ids
     * increase in commit order, so the figures include exactly the events up to that id, and a
     * client streaming from it neither misses a change nor counts one twice.
     */
    async summary(): Promise<ScreenSummary> {
      return db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const [{ latest }] = (await tx.query<{ latest: number }>(
          `SELECT greatest(coalesce((SELECT max(id) FROM event), 0), r.pruned_through)::int8 AS latest
           FROM event_retention r`,
        )) as [{ latest: number }];
        const [{ summary }] = (await tx.query<{
          summary: Omit<ScreenSummary, 'latestEventId' | 'pianquByLegacy' | 'peak'>;
        }>(SUMMARY, [ISSUE_CATEGORIES, HANDLING_LEVELS])) as [
          { summary: Omit<ScreenSummary, 'latestEventId' | 'pianquByLegacy' | 'peak'> },
        ];
        // The legacy flag (issue_tag, migration 005) may be missing from an older schema.
        const [{ tagged }] = (await tx.query<{ tagged: boolean }>(
          "SELECT to_regclass('issue_tag') IS NOT NULL AS tagged",
        )) as [{ tagged: boolean }];
        const pianquByLegacy = tagged
          ? await tx.query<ScreenSummary['pianquByResolution'][number]>(LEGACY)
          : null;
        // Peak mode now; staff on duty is left out (staff posts are for officials).
        const peak = await tourismRepository(tx).peak(summary.at, DEFAULT_PEAK_THRESHOLD, false);
        return {
          latestEventId: Number(latest),
          ...summary,
          pianquByLegacy,
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
