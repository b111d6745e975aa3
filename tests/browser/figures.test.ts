/**
 * The numbers a user reads, in a real browser, against SQL written here on the same database
 * (issue 15): the replayed panel's 未解决 and the map legend's largest 片区 for two months, and
 * the big screen's KPIs. Screenshots of both replays in test-results/figures-*.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthEnd } from '../../client/state/linked-filters.ts';
import { recordMonth } from '../support/demo-record.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  numberOf,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';

const SUITE = browserSuite('figures a user reads, against SQL', 'figures.test.ts');

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { open, closeContext } = useBrowser({ server });

  /** Issues reported by the end of day `to` (local) and not resolved by then, per 片区. */
  async function unresolvedAt(to: string) {
    return server.db.query<{ pianqu: string; n: number }>(
      `WITH RECURSIVE up AS (
         SELECT x.code AS xiaoqu, x.parent_code AS code FROM area x WHERE x.level = 'xiaoqu'
         UNION ALL
         SELECT up.xiaoqu, a.parent_code FROM up JOIN area a ON a.code = up.code
         WHERE a.level <> 'pianqu'
       )
       SELECT p.code AS pianqu, count(i.id)::int AS n
       FROM area p
       LEFT JOIN up ON up.code = p.code
       LEFT JOIN issue i ON i.xiaoqu_code = up.xiaoqu
         AND ((i.reported_at AT TIME ZONE 'UTC') + interval '8 hours')::date <= $1::date
         AND (i.resolved_at IS NULL
              OR ((i.resolved_at AT TIME ZONE 'UTC') + interval '8 hours')::date > $1::date)
       WHERE p.level = 'pianqu'
       GROUP BY p.code`,
      [to],
    );
  }

  it(
    'replays two months: the panel’s 未解决, its 统计截至 and the map legend equal SQL',
    async () => {
      for (const month of [recordMonth(16), recordMonth(26)]) {
        const page = await open(`/?at=${month}`);
        await page.waitForFunction(() => window.__atlas?.ready === true, undefined, {
          timeout: WAIT,
        });
        await page
          .locator('[data-testid="area-panel"][data-ready="true"]')
          .waitFor({ timeout: WAIT });
        const perPianqu = await unresolvedAt(monthEnd(month));
        const zone = perPianqu.reduce((a, r) => a + r.n, 0);
        expect(zone, month).toBeGreaterThan(0);
        await expect
          .poll(() => numberOf(page, 'stat-issues-unresolved'), { timeout: WAIT })
          .toBe(zone);
        expect(await page.getByTestId('panel-replay').textContent()).toContain(month);
        // The map is coloured by the same month: its legend runs up to the largest 片区.
        await expect
          .poll(() => numberOf(page, 'legend-max'), { timeout: WAIT })
          .toBe(Math.max(...perPianqu.map((r) => r.n)));
        await page.screenshot({ path: join(RESULTS, `figures-replay-${month}.png`) });
        await closeContext();
      }
    },
    TIMEOUT,
  );

  it(
    'shows the big screen’s KPIs as SQL counts them',
    async () => {
      const page = await open('/?mode=screen', {
        viewport: { width: 1920, height: 1080 },
      });
      await page.waitForFunction(() => window.__atlas?.ready === true, undefined, {
        timeout: WAIT,
      });
      const [sql] = await server.db.query<Record<string, number>>(
        `WITH today AS (SELECT ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date AS d)
         SELECT
           (SELECT count(*) FROM issue)::int AS "issuesTotal",
           (SELECT count(*) FROM issue WHERE resolved_at IS NOT NULL)::int AS "issuesResolved",
           (SELECT count(*) FROM issue WHERE resolved_at IS NULL)::int AS "issuesOpen",
           (SELECT count(*) FROM issue WHERE resolved_at IS NULL AND handling_level = 'pianqu')::int
             AS "issuesEscalatedOpen",
           (SELECT count(*) FROM issue, today
             WHERE resolved_at IS NOT NULL
               AND date_trunc('year', ((resolved_at AT TIME ZONE 'UTC') + interval '8 hours')::date)
                 = date_trunc('year', today.d))::int AS "issuesResolvedThisYear",
           (SELECT count(*) FROM site)::int AS sites,
           (SELECT count(*) FROM staff)::int AS staff,
           (SELECT coalesce(sum(count), 0) FROM worker_post)::int AS workers,
           (SELECT count(*) FROM area WHERE level = 'xiaoqu' AND has_party_branch)::int AS "partyBranches"`,
      );
      for (const [kpi, value] of Object.entries(sql!)) {
        await expect
          .poll(() => numberOf(page, `kpi-${kpi}`), { timeout: WAIT, message: kpi })
          .toBe(value);
      }
    },
    TIMEOUT,
  );
});
