/**
 * The drill-down in a real browser: the built client served by the whole app on a seeded
 * database, driven by Chromium (software WebGL). Every number the panel shows is checked
 * against SQL written here, independently of the API's own statistics query.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { sqlCount as one } from '../support/test-app.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  numberOf as statOf,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';
import {
  areasOf,
  clickFirstVisible,
  pixelOf,
  waitForRest,
  waitForSelection,
} from '../support/map-page.ts';

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

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open } = useBrowser({ server });
  let zoneCode: string;

  beforeAll(async () => {
    const [zone] = await server.db.query<{ code: string }>(
      "SELECT code FROM area WHERE level = 'chengqu'",
    );
    zoneCode = zone!.code;
  });

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
    'closes the area tooltip when the pointer leaves the map for the panel',
    async () => {
      const page = await open('/');
      await waitForSelection(page, zoneCode);
      const tip = page.getByRole('tooltip');
      let shown = false;
      for (const pianqu of await areasOf(server.db, 'pianqu', zoneCode)) {
        const at = await pixelOf(page, [pianqu.lon, pianqu.lat]);
        if (!at.onMap) continue;
        await page.mouse.move(at.x, at.y, { steps: 3 });
        shown = await tip
          .waitFor({ timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (shown) break;
      }
      expect(shown).toBe(true);
      const panel = await page.getByTestId('layer-panel').boundingBox();
      expect(panel).not.toBeNull();
      await page.mouse.move(panel!.x + panel!.width / 2, panel!.y + panel!.height / 2, {
        steps: 1,
      });
      await tip.waitFor({ state: 'detached', timeout: WAIT });
      expect(await tip.count()).toBe(0);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'keeps the camera the user zoomed when the layer panel folds',
    async () => {
      const page = await open('/');
      await waitForSelection(page, zoneCode);
      const camera = () =>
        page.evaluate(() => {
          const map = window.__atlas!.map;
          const c = map.getCenter();
          return { zoom: map.getZoom(), lon: c.lng, lat: c.lat };
        });
      const before = await camera();
      const canvas = await page.locator('.map-view__canvas canvas').boundingBox();
      await page.mouse.move(canvas!.x + canvas!.width / 2, canvas!.y + canvas!.height / 2);
      await page.mouse.wheel(0, -400);
      await expect
        .poll(async () => (await camera()).zoom, { timeout: WAIT })
        .toBeGreaterThan(before.zoom + 0.2);
      await waitForRest(page);
      const zoomed = await camera();
      await page.getByTestId('layer-panel-fold').click();
      await expect
        .poll(() => page.getByTestId('layer-panel-fold').getAttribute('aria-expanded'))
        .toBe('false');
      await waitForRest(page);
      const after = await camera();
      expect(after.zoom).toBeCloseTo(zoomed.zoom, 6);
      expect(after.lon).toBeCloseTo(zoomed.lon, 6);
      expect(after.lat).toBeCloseTo(zoomed.lat, 6);
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

  it(
    'veils the world outside the zone (区域遮罩) and keeps the camera on the zone and a margin',
    async () => {
      const [pianqu] = await areasOf(server.db, 'pianqu', zoneCode);
      const page = await open(`/?area=${pianqu!.code}`);
      await waitForSelection(page, pianqu!.code, pianqu!.name);
      const [zone] = await server.db.query<{ w: number; s: number; e: number; n: number }>(
        `SELECT ST_XMin(e)::float8 AS w, ST_YMin(e)::float8 AS s, ST_XMax(e)::float8 AS e,
                ST_YMax(e)::float8 AS n
           FROM (SELECT ST_Extent(geom)::geometry AS e FROM area WHERE level = 'pianqu') x`,
      );
      // Two steps out from the start, then asked for the other side of the world.
      const seen = await page.evaluate(async ({ w, s, e, n }) => {
        const m = window.__atlas!.map;
        const settle = () => new Promise<void>((done) => m.once('idle', () => done()));
        m.jumpTo({ zoom: m.getZoom() - 2 });
        await settle();
        const outside = m.project([w - (e - w) * 0.3, (s + n) / 2]);
        const inside = m.project([(w + e) / 2, (s + n) / 2]);
        const maskAt = (p: { x: number; y: number }) =>
          m.queryRenderedFeatures([p.x, p.y], { layers: ['zone-mask'] }).length > 0;
        const masked = { outside: maskAt(outside), inside: maskAt(inside) };
        m.jumpTo({ center: [w - 40, s - 20], zoom: 3 });
        await settle();
        const c = m.getCenter();
        return { masked, zoom: m.getZoom(), center: [c.lng, c.lat], min: m.getMinZoom() };
      }, zone!);
      expect(seen.masked).toEqual({ outside: true, inside: false });
      expect(seen.zoom).toBeGreaterThanOrEqual(seen.min);
      // The camera went no further than the zone's box and a margin of its size.
      const [lng, lat] = seen.center as [number, number];
      const spanX = zone!.e - zone!.w;
      const spanY = zone!.n - zone!.s;
      expect(lng).toBeGreaterThan(zone!.w - 3 * spanX);
      expect(lat).toBeGreaterThan(zone!.s - 3 * spanY);
      await page.evaluate(() => {
        const m = window.__atlas!.map;
        m.jumpTo({ zoom: m.getZoom() + 0.5 });
      });
      await page.screenshot({ path: join(RESULTS, 'drilldown-mask-zoomed-out.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
