/**
 * The drill-down in a real browser: the built client served by the whole app on a seeded
 * database, driven by Chromium (software WebGL). Every number the panel shows is checked
 * against SQL written here, independently of the API's own statistics query.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { startTestServer } from '../support/test-server.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
} from '../support/browser.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITE = browserSuite('drill-down in the browser', 'drilldown.test.ts');

/** The figures the panel shows, as the database counts them. */
interface Expected {
  pianqu?: number;
  shequ?: number;
  xiaoqu: number;
  sites: number;
  workers: number;
  staff: number;
  issuesTotal: number;
  issuesResolved: number;
  escalatedResolved: number;
}

/** The lineage column that holds an area's code, by level (fixed identifiers, never input). */
const LINEAGE_COLUMN = {
  chengqu: 'chengqu_code',
  pianqu: 'pianqu_code',
  shequ: 'shequ_code',
} as const;

async function one(db: Db, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  return row?.n ?? 0;
}

/** Counts everything in the subtree of an area straight from the tables. */
async function expectedFor(
  db: Db,
  level: keyof typeof LINEAGE_COLUMN,
  code: string,
): Promise<Expected> {
  const col = LINEAGE_COLUMN[level];
  const inSubtree = `xiaoqu_code IN (SELECT xiaoqu_code FROM xiaoqu_lineage WHERE ${col} = $1)`;
  const expected: Expected = {
    xiaoqu: await one(db, `SELECT count(*)::int AS n FROM xiaoqu_lineage WHERE ${col} = $1`, [
      code,
    ]),
    sites: await one(db, `SELECT count(*)::int AS n FROM site WHERE ${inSubtree}`, [code]),
    workers: await one(
      db,
      `SELECT coalesce(sum(count), 0)::int AS n FROM worker_post WHERE ${inSubtree}`,
      [code],
    ),
    staff: await one(db, `SELECT count(*)::int AS n FROM staff WHERE ${inSubtree}`, [code]),
    issuesTotal: await one(db, `SELECT count(*)::int AS n FROM issue WHERE ${inSubtree}`, [code]),
    issuesResolved: await one(
      db,
      `SELECT count(*)::int AS n FROM issue WHERE status = 'resolved' AND ${inSubtree}`,
      [code],
    ),
    escalatedResolved: await one(
      db,
      `SELECT count(*)::int AS n FROM issue
       WHERE status = 'resolved' AND handling_level = 'pianqu' AND ${inSubtree}`,
      [code],
    ),
  };
  if (level === 'chengqu') {
    const byLevel = 'SELECT count(*)::int AS n FROM area WHERE level = $1';
    expected.pianqu = await one(db, byLevel, ['pianqu']);
    expected.shequ = await one(db, byLevel, ['shequ']);
    expected.xiaoqu = await one(db, byLevel, ['xiaoqu']);
  } else if (level === 'pianqu') {
    expected.shequ = await one(
      db,
      'SELECT count(*)::int AS n FROM area WHERE level = $1 AND parent_code = $2',
      ['shequ', code],
    );
  }
  return expected;
}

/** The number in a `data-testid` element, read the way a user reads it (digits only). */
async function statOf(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  const digits = text.replace(/\D/g, '');
  if (digits === '') throw new Error(`stat ${testId} shows no number: "${text}"`);
  return Number(digits);
}

async function expectPanelShows(page: Page, expected: Expected): Promise<void> {
  const shown: Partial<Expected> = {
    xiaoqu: await statOf(page, 'stat-xiaoqu'),
    sites: await statOf(page, 'stat-sites'),
    workers: await statOf(page, 'stat-workers'),
    staff: await statOf(page, 'stat-staff'),
    issuesTotal: await statOf(page, 'stat-issues-total'),
    issuesResolved: await statOf(page, 'stat-issues-resolved'),
    escalatedResolved: await statOf(page, 'stat-escalated-resolved'),
  };
  if (expected.pianqu !== undefined) shown.pianqu = await statOf(page, 'stat-pianqu');
  if (expected.shequ !== undefined) shown.shequ = await statOf(page, 'stat-shequ');
  expect(shown).toEqual(expected);
}

/** Waits until the map has drawn and the selection `code` is loaded, fitted and in the panel. */
async function waitForSelection(page: Page, code: string, name: string): Promise<void> {
  await page.waitForFunction(
    (c) => window.__atlas?.ready === true && window.__atlas.selected === c,
    code,
    {
      timeout: WAIT,
    },
  );
  await page.locator('[data-testid="area-panel"][data-ready="true"]').waitFor({ timeout: WAIT });
  await expect.poll(() => page.getByTestId('panel-title').textContent()).toBe(name);
}

/** Where an area's label point is on the page, and whether the map is what is there. */
async function pixelOf(page: Page, lonLat: [number, number]) {
  return page.evaluate(([lon, lat]) => {
    const map = window.__atlas!.map;
    const p = map.project([lon, lat]);
    const box = map.getContainer().getBoundingClientRect();
    const x = box.left + p.x;
    const y = box.top + p.y;
    const hit = document.elementFromPoint(x, y);
    return { x, y, onMap: hit === map.getCanvas() };
  }, lonLat);
}

interface AreaRow {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

async function areasOf(db: Db, level: string, parent: string): Promise<AreaRow[]> {
  return db.query<AreaRow>(
    `SELECT code, name, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = $1 AND parent_code = $2 ORDER BY code`,
    [level, parent],
  );
}

/**
 * Clicks the first of `areas` (in code order) whose label point the map shows, uncovered by the
 * panel or the legend, and returns it.
 */
async function clickFirstVisible(page: Page, areas: AreaRow[]): Promise<AreaRow> {
  // A click during the fly-to animation would land on whatever passes under the pointer.
  await page.waitForFunction(
    () => {
      const map = window.__atlas?.map;
      return !!map && !map.isMoving() && map.areTilesLoaded();
    },
    undefined,
    { timeout: WAIT },
  );
  for (const area of areas) {
    const at = await pixelOf(page, [area.lon, area.lat]);
    if (!at.onMap) continue;
    await page.mouse.click(at.x, at.y);
    return area;
  }
  throw new Error(`none of ${areas.map((a) => a.code).join(', ')} is visible on the map`);
}

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let context: BrowserContext;
  let profile: string;
  let zoneCode: string;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // The client the test server serves (TEST_CLIENT_DIR lets a work tree build its own).
    const clientDir = process.env.TEST_CLIENT_DIR ?? join(ROOT, 'dist/client');
    if (!existsSync(join(clientDir, 'index.html'))) {
      throw new Error(`${clientDir} is missing: build the client first (npx vite build)`);
    }
    mkdirSync(RESULTS, { recursive: true });
    server = await startTestServer();
    profile = mkdtempSync(join(tmpdir(), 'pianqu-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const [zone] = await server.db.query<{ code: string }>(
      "SELECT code FROM area WHERE level = 'chengqu'",
    );
    zoneCode = zone!.code;
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  afterEach(() => {
    pageErrors = [];
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url + path);
    return page;
  }

  it(
    "shows the zone's counts from the database at start",
    async () => {
      const page = await open('/');
      const [zone] = await server.db.query<{ name: string }>(
        'SELECT name FROM area WHERE code = $1',
        [zoneCode],
      );
      await waitForSelection(page, zoneCode, zone!.name);
      await expectPanelShows(page, await expectedFor(server.db, 'chengqu', zoneCode));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.title()).toBe('片区一张图');
      await page.screenshot({ path: join(RESULTS, 'drilldown-zone.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'selects a 片区 clicked on the map and shows its counts',
    async () => {
      const page = await open('/');
      const [zone] = await server.db.query<{ name: string }>(
        'SELECT name FROM area WHERE code = $1',
        [zoneCode],
      );
      await waitForSelection(page, zoneCode, zone!.name);

      const pianqu = await clickFirstVisible(page, await areasOf(server.db, 'pianqu', zoneCode));
      await waitForSelection(page, pianqu.code, pianqu.name);
      expect(new URL(page.url()).searchParams.get('area')).toBe(pianqu.code);
      await expectPanelShows(page, await expectedFor(server.db, 'pianqu', pianqu.code));
      await expect(page.getByTestId('breadcrumb').textContent()).resolves.toContain(zone!.name);
      await page.screenshot({ path: join(RESULTS, 'drilldown-pianqu.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'selects a 社区 clicked on the map and keeps it on reload',
    async () => {
      const [pianqu] = await areasOf(server.db, 'pianqu', zoneCode);
      const page = await open(`/?area=${pianqu!.code}`);
      await waitForSelection(page, pianqu!.code, pianqu!.name);

      const shequ = await clickFirstVisible(page, await areasOf(server.db, 'shequ', pianqu!.code));
      await waitForSelection(page, shequ.code, shequ.name);
      expect(new URL(page.url()).searchParams.get('area')).toBe(shequ.code);
      const expected = await expectedFor(server.db, 'shequ', shequ.code);
      await expectPanelShows(page, expected);
      const crumbs = await page.getByTestId('breadcrumb').textContent();
      expect(crumbs).toContain(pianqu!.name);
      await page.screenshot({ path: join(RESULTS, 'drilldown-shequ.png') });

      await page.reload();
      await waitForSelection(page, shequ.code, shequ.name);
      await expectPanelShows(page, expected);
      await page.screenshot({ path: join(RESULTS, 'drilldown-reload.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'goes back to the previous selection with the browser back button',
    async () => {
      const [pianqu] = await areasOf(server.db, 'pianqu', zoneCode);
      const page = await open(`/?area=${pianqu!.code}`);
      await waitForSelection(page, pianqu!.code, pianqu!.name);
      const shequ = await clickFirstVisible(page, await areasOf(server.db, 'shequ', pianqu!.code));
      await waitForSelection(page, shequ.code, shequ.name);

      await page.goBack();
      await waitForSelection(page, pianqu!.code, pianqu!.name);
      expect(new URL(page.url()).searchParams.get('area')).toBe(pianqu!.code);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
