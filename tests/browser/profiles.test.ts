/**
 * Area profiles in a real browser: the drill-down 片区 → 社区 → 小区 through the panel with each
 * level's figures checked against the API, the linked views (a category bar and a brush on the
 * monthly chart filter the map, one button clears), search by pinyin initials, the compare view,
 * the CSV and PNG exports, the 导出数据 menu (xlsx, GCJ-02 boundaries), and the back button
 * walking the drill-down up again. Screenshots at 1920x1080 and 1366x768 in
 * test-results/profiles-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaProfile, Compare } from '../../server/contract/index.ts';
import { monthEnd } from '../../client/state/linked-filters.ts';
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
import { waitForRest, waitForSelection } from '../support/map-page.ts';

const SUITE = browserSuite('area profiles in the browser', 'profiles.test.ts');

/** The figures every level's panel shows, from the API's profile, as the panel reads them. */
async function expectFigures(page: Page, profile: AreaProfile): Promise<void> {
  const f = profile.figures;
  const shown = {
    households: await numberOf(page, 'stat-households'),
    sites: await numberOf(page, 'stat-sites'),
    workers: await numberOf(page, 'stat-workers'),
    staff: await numberOf(page, 'stat-staff'),
    issues: await numberOf(page, 'stat-issues-total'),
    resolved: await numberOf(page, 'stat-issues-resolved'),
    escalatedResolved: await numberOf(page, 'stat-escalated-resolved'),
    credits: await numberOf(page, 'stat-credits-earned'),
  };
  expect(shown).toEqual({
    households: f.households,
    sites: f.sites,
    workers: f.workers,
    staff: f.staff,
    issues: f.issues.total,
    resolved: f.issues.resolved,
    escalatedResolved: f.issues.escalatedResolved,
    credits: f.credits.earned,
  });
}

/** The width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open: openPage, closeContext } = useBrowser({ server });
  /** 西文化小区 and its 社区, 片区 and zone, from the database. */
  let lineage: { xiaoqu: string; shequ: string; pianqu: string; zone: string };
  const names = new Map<string, string>();

  beforeAll(async () => {
    const [row] = await server.db.query<{
      xiaoqu: string;
      shequ: string;
      pianqu: string;
      zone: string;
    }>(
      `SELECT l.xiaoqu_code AS xiaoqu, l.shequ_code AS shequ, l.pianqu_code AS pianqu,
              l.chengqu_code AS zone
       FROM xiaoqu_lineage l JOIN area a ON a.code = l.xiaoqu_code
       WHERE a.name = '西文化小区'`,
    );
    lineage = row!;
    for (const r of await server.db.query<{ code: string; name: string }>(
      'SELECT code, name FROM area',
    )) {
      names.set(r.code, r.name);
    }
  });

  const open = (path: string, viewport = { width: 1280, height: 800 }) =>
    openPage(path, { viewport });

  async function apiProfile(page: Page, code: string, query = ''): Promise<AreaProfile> {
    const response = await page.request.get(
      `${server.url}/api/areas/${code}/profile${query ? `?${query}` : ''}`,
    );
    expect(response.status()).toBe(200);
    return (await response.json()) as AreaProfile;
  }

  /** Clicks the row of `code` in the panel's list of areas below (the drill-down in the panel). */
  async function drillTo(page: Page, code: string): Promise<void> {
    const name = names.get(code)!;
    await page
      .getByTestId('children')
      .getByRole('button')
      .filter({ has: page.locator('.child-list__name', { hasText: name }) })
      .first()
      .click();
    await waitForSelection(page, code, name);
  }

  it(
    'drills 片区 → 社区 → 小区 with every profile from the API, and back walks up again',
    async () => {
      const { zone, pianqu, shequ, xiaoqu } = lineage;
      const page = await open('/');
      await waitForSelection(page, zone, names.get(zone)!);
      await expectFigures(page, await apiProfile(page, zone));

      // 片区: the four duties, the agenda with its chair, the member 社区.
      await drillTo(page, pianqu);
      expect(new URL(page.url()).searchParams.get('area')).toBe(pianqu);
      const p = await apiProfile(page, pianqu);
      await expectFigures(page, p);
      if (p.level !== 'pianqu') throw new Error(`${pianqu} is not a 片区`);
      expect(await numberOf(page, 'duty-keyProblems-value')).toBe(p.duties.keyProblems.solved);
      expect(await numberOf(page, 'duty-activities-value')).toBe(p.duties.activities.held);
      expect(await page.getByTestId('children').getByRole('button').count()).toBe(p.members.length);
      expect(await page.getByTestId('agenda-item').count()).toBe(Math.min(8, p.agenda.length));
      if (p.meetings.length > 0) {
        expect(await page.getByTestId('agenda-chair').textContent()).toContain(
          p.meetings[0]!.chairName,
        );
      }
      expect(await page.getByTestId('resource-item').count()).toBe(p.sharedResources.length);
      await page.screenshot({ path: join(RESULTS, 'profiles-pianqu.png') });

      // 社区: its 小区, and the comparison with the 片区 average.
      await drillTo(page, shequ);
      const s = await apiProfile(page, shequ);
      await expectFigures(page, s);
      if (s.level !== 'shequ') throw new Error(`${shequ} is not a 社区`);
      expect(await page.getByTestId('children').getByRole('button').count()).toBe(
        s.xiaoquList.length,
      );
      const households = s.comparison.find((c) => c.key === 'households')!;
      expect(await page.getByTestId('vs-households').textContent()).toContain(
        households.value!.toLocaleString('zh-CN'),
      );

      // 小区: policy, branch, issue list.
      await drillTo(page, xiaoqu);
      const x = await apiProfile(page, xiaoqu);
      await expectFigures(page, x);
      if (x.level !== 'xiaoqu') throw new Error(`${xiaoqu} is not a 小区`);
      expect(await page.getByTestId('issue-item').count()).toBe(Math.min(12, x.issues.length));
      expect(await page.getByTestId('branch').textContent()).toContain(x.partyBranch.name);
      if (x.policy)
        expect(await page.getByTestId('policy').textContent()).toContain(x.policy.title);
      await page.screenshot({ path: join(RESULTS, 'profiles-xiaoqu.png') });

      // Back walks the drill-down up, one level a step.
      await page.goBack();
      await waitForSelection(page, shequ, names.get(shequ)!);
      await page.goBack();
      await waitForSelection(page, pianqu, names.get(pianqu)!);
      await page.goBack();
      await waitForSelection(page, zone, names.get(zone)!);
      expect(new URL(page.url()).searchParams.get('area')).toBeNull();
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a category bar and a brush on the monthly chart filter the map; one button clears them',
    async () => {
      const { pianqu } = lineage;
      const page = await open(`/?area=${pianqu}`);
      await waitForSelection(page, pianqu, names.get(pianqu)!);

      // A category bar: the issue overlay comes on, filtered to that category, in the URL.
      await page.getByTestId('issues-bar-parking').click();
      await expect.poll(() => page.url(), { timeout: WAIT }).toContain('cat=parking');
      expect(new URL(page.url()).searchParams.get('ov')).toContain('issues');
      expect(await page.getByTestId('overlay-toggle-issues').isChecked()).toBe(true);
      await expect
        .poll(() =>
          page.evaluate(() => window.__atlas!.map.getLayoutProperty('issue-points', 'visibility')),
        )
        .toBe('visible');
      const parking = await apiProfile(page, pianqu, 'category=parking');
      await page.getByTestId('panel-filtered').waitFor({ timeout: WAIT });
      await expect
        .poll(() => numberOf(page, 'stat-issues-total'), { timeout: WAIT })
        .toBe(parking.figures.issues.total);

      // A brush over the monthly chart: the months go to the URL, the window becomes a range.
      await page.locator('[data-testid="area-panel"][data-ready="true"]').waitFor();
      const brush = page.getByTestId('monthly-chart-brush');
      await brush.scrollIntoViewIfNeeded();
      const box = (await page.getByTestId('monthly-chart').boundingBox())!;
      const y = box.y + box.height * 0.45;
      await page.mouse.move(box.x + box.width * 0.3, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.45, y, { steps: 4 });
      await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
      await page.mouse.up();
      await expect.poll(() => page.url(), { timeout: WAIT }).toMatch(/from=\d{4}-\d{2}/);
      const params = new URL(page.url()).searchParams;
      const from = params.get('from')!;
      const to = params.get('to')!;
      expect(from <= to).toBe(true);
      expect(await page.getByTestId('window-range').getAttribute('aria-pressed')).toBe('true');
      const brushed = await apiProfile(
        page,
        pianqu,
        `window=range&from=${from}-01&to=${monthEnd(to)}&category=parking`,
      );
      await expect
        .poll(() => numberOf(page, 'stat-issues-total'), { timeout: WAIT })
        .toBe(brushed.figures.issues.total);
      await page.screenshot({ path: join(RESULTS, 'profiles-linked.png') });

      // The same bar again clears the category; "清除筛选" clears everything but the selection.
      await page.getByTestId('issues-bar-parking').click();
      await expect.poll(() => page.url(), { timeout: WAIT }).not.toContain('cat=');
      await page.getByTestId('issues-bar-roads').click();
      await expect.poll(() => page.url(), { timeout: WAIT }).toContain('cat=roads');
      await page.getByTestId('clear-filters').click();
      await expect
        .poll(() => {
          const p = new URL(page.url()).searchParams;
          return [p.get('cat'), p.get('from'), p.get('to'), p.get('area')];
        })
        .toEqual([null, null, null, pianqu]);
      await expect
        .poll(() => numberOf(page, 'stat-issues-total'), { timeout: WAIT })
        .toBe((await apiProfile(page, pianqu)).figures.issues.total);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'finds 西文化小区 by its pinyin initials and flies to it',
    async () => {
      const { zone, xiaoqu } = lineage;
      const page = await open('/');
      await waitForSelection(page, zone, names.get(zone)!);
      await page.getByTestId('search-input').fill('xwh');
      const results = page.getByTestId('search-result');
      await expect
        .poll(() => results.allTextContents(), { timeout: WAIT })
        .toContainEqual(expect.stringContaining('西文化小区'));
      const codes = await results.evaluateAll((els) =>
        els.map((e) => (e as HTMLElement).dataset.code),
      );
      const index = codes.indexOf(xiaoqu);
      expect(index).toBeGreaterThanOrEqual(0);
      // The kind and the parents are shown.
      expect(await results.nth(index).textContent()).toContain(names.get(lineage.shequ)!);
      for (let i = 0; i < index; i++) await page.getByTestId('search-input').press('ArrowDown');
      await page.getByTestId('search-input').press('Enter');
      await waitForSelection(page, xiaoqu, '西文化小区');
      expect(new URL(page.url()).searchParams.get('area')).toBe(xiaoqu);
      await expect.poll(() => results.count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'puts two 片区 side by side; the compare view is in the URL and back closes it',
    async () => {
      const { zone, pianqu } = lineage;
      const [other] = await server.db.query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' AND code <> $1 ORDER BY code LIMIT 1`,
        [pianqu],
      );
      const page = await open(`/?area=${pianqu}`);
      await waitForSelection(page, pianqu, names.get(pianqu)!);
      await page.getByTestId('add-compare').click();
      await expect.poll(() => page.url()).toContain(`cmp=${pianqu}`);
      await page
        .getByTestId('breadcrumb')
        .getByRole('button', { name: names.get(zone)! })
        .click();
      await waitForSelection(page, zone, names.get(zone)!);
      await drillTo(page, other!.code);
      await page.getByTestId('add-compare').click();
      await page.getByTestId('compare-open').click();
      await expect.poll(() => page.url()).toContain(`cmp=${pianqu},${other!.code}&view=compare`);
      await page.locator('[data-testid="compare-view"][data-ready="true"]').waitFor({
        timeout: WAIT,
      });
      const compare = (await (
        await page.request.get(`${server.url}/api/compare?codes=${pianqu},${other!.code}`)
      ).json()) as Compare;
      for (const a of compare.areas) {
        expect(await numberOf(page, `compare-issues.total-${a.code}`)).toBe(a.figures.issues.total);
        expect(await numberOf(page, `compare-households-${a.code}`)).toBe(a.figures.households);
      }
      await page.screenshot({ path: join(RESULTS, 'profiles-compare.png') });

      await page.goBack();
      await expect.poll(() => page.getByTestId('compare-view').count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('cmp')).toBe(`${pianqu},${other!.code}`);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'exports the profile as CSV (with a BOM) and the map view with its legend as PNG',
    async () => {
      const { pianqu } = lineage;
      const page = await open(`/?area=${pianqu}`);
      await waitForSelection(page, pianqu, names.get(pianqu)!);

      const [csv] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT }),
        page.getByTestId('export-csv').click(),
      ]);
      const text = readFileSync((await csv.path())!, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = text.slice(1).trim().split(/\r?\n/);
      expect(rows.length).toBeGreaterThan(10);
      expect(text).toContain(names.get(pianqu)!);
      const p = await apiProfile(page, pianqu);
      expect(rows.some((r) => r.split(',').includes(String(p.figures.issues.total)))).toBe(true);

      await waitForRest(page);
      const [png] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT }),
        page.getByTestId('export-png').click(),
      ]);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      const bytes = readFileSync((await png.path())!);
      writeFileSync(join(RESULTS, 'profiles-export.png'), bytes);
      const size = pngSize(bytes);
      const canvas = await page.evaluate(() => {
        const c = window.__atlas!.map.getCanvas();
        return { width: c.width, height: c.height };
      });
      expect(size).toEqual(canvas);
      expect(size.width).toBeGreaterThan(800);
      // A drawn map compresses far less than an empty canvas.
      expect(bytes.length).toBeGreaterThan(50_000);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'exports the level’s table and boundaries from the 导出数据 menu, named in Chinese, in GCJ-02 on request',
    async () => {
      const { shequ } = lineage;
      const page = await open(`/?area=${shequ}&win=year`, { width: 1366, height: 768 });
      await waitForSelection(page, shequ, names.get(shequ)!);
      await page.getByTestId('export-menu').locator('summary').click();
      const [xlsx] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT }),
        page.getByTestId('export-table-xlsx').click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/^社区指标-\d{4}\.xlsx$/);
      expect(
        readFileSync((await xlsx.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      await page.getByTestId('export-crs').selectOption('gcj02');
      await page.screenshot({ path: join(RESULTS, 'profiles-export-menu-1366.png') });
      const [geojson] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT }),
        page.getByTestId('export-boundaries-geojson').click(),
      ]);
      expect(geojson.suggestedFilename()).toMatch(/^社区边界-\d{4}-gcj02\.geojson$/);
      const fc = JSON.parse(readFileSync((await geojson.path())!, 'utf8'));
      expect(fc.coordinateSystem).toBe('gcj02');
      expect(fc.features.some((f: { id: string }) => f.id === shequ)).toBe(true);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'fits the profile, its filters and the compare view at 1920x1080 and 1366x768',
    async () => {
      const { pianqu } = lineage;
      const [other] = await server.db.query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' AND code <> $1 ORDER BY code LIMIT 1`,
        [pianqu],
      );
      for (const [width, height] of [
        [1920, 1080],
        [1366, 768],
      ] as const) {
        const page = await open(
          `/?area=${pianqu}&ov=issues&cat=roads&from=2025-01&to=2025-06&cmp=${pianqu},${other!.code}`,
          { width, height },
        );
        await waitForSelection(page, pianqu, names.get(pianqu)!);
        await waitForRest(page);
        await page.screenshot({ path: join(RESULTS, `profiles-${width}.png`) });
        // Nothing in the panel's header spills out of it.
        const overflow = await page.evaluate(() => {
          const panel = document
            .querySelector('[data-testid="area-panel"]')!
            .getBoundingClientRect();
          return [...document.querySelectorAll('.profile-header *')]
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.width > 0 && (r.right > panel.right + 1 || r.left < panel.left - 1))
            .length;
        });
        expect(overflow).toBe(0);
        await closeContext();
      }
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
