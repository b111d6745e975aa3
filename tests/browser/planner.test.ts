/**
 * The planner's workbench in a real browser: a planner moves one 社区 to a neighbouring 片区 by
 * clicking it, sees both 片区's population change by that 社区's population (as the API gives
 * it), undoes and redoes the move, saves the scenario, compares it with the current
 * configuration (the moved 社区 listed) and exports its CSV. Anyone else is told the workbench
 * is not theirs. The built client is served by the whole app on a seeded database.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PlannerUnits, ScenarioSummary } from '../../server/contract/planner.ts';
import { createUser } from '../support/sessions.ts';
import {
  HAS_CHROMIUM,
  RESULTS,
  TIMEOUT,
  WAIT,
  browserSuite,
  logIn,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';
import { pixelOf as pixelOnMap, waitForPlanner } from '../support/map-page.ts';

const SUITE = browserSuite("the planner's workbench in the browser", 'planner.test.ts');

/** The population a metrics row shows for a 片区 (its data attribute holds the exact figure). */
async function populationOf(page: Page, pianqu: string): Promise<number> {
  const value = await page
    .getByTestId(`metrics-row-${pianqu}`)
    .getAttribute('data-population', { timeout: WAIT });
  return Number(value);
}

/** Where a point is on the page, and whether the planner map is what is there. */
const pixelOf = (page: Page, lonLat: readonly [number, number]) =>
  pixelOnMap(page, lonLat, 'planner');

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { pageErrors, open, newPage } = useBrowser({
    server,
    context: { viewport: { width: 1920, height: 1080 } },
  });

  /** The workbench of a new planner, loaded and drawn. */
  async function openAsPlanner() {
    const user = await createUser(server.db, 'planner');
    const page = await newPage();
    await logIn(page, server, user);
    await page.goto(`${server.url}/?mode=plan`);
    await waitForPlanner(page);
    return { page, user };
  }

  it(
    'tells a visitor who is not a planner that the workbench is not theirs',
    async () => {
      const page = await open('/?mode=plan');
      await page.getByTestId('planner-denied').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('planner-login').isVisible()).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'refuses a move out of a locked 片区 with a note, and paints 社区 with the brush in one undo step',
    async () => {
      const { page } = await openAsPlanner();
      const units = (await (
        await page.request.get(`${server.url}/api/planner/units`)
      ).json()) as PlannerUnits;
      const byCode = new Map(units.units.map((u) => [u.code, u]));
      // Two touching 社区 of different 片区, the first one's label on the map.
      let found: { a: string; b: string; x: number; y: number } | null = null;
      for (const e of [...units.adjacency].sort((x, y) => y.sharedM - x.sharedM)) {
        if (byCode.get(e.a)!.pianquCode === byCode.get(e.b)!.pianquCode) continue;
        const at = await pixelOf(page, byCode.get(e.a)!.labelPoint);
        if (at.onMap) {
          found = { a: e.a, b: e.b, x: at.x, y: at.y };
          break;
        }
      }
      if (!found) throw new Error('no 社区 beside another 片区 is visible on the map');
      const from = byCode.get(found.a)!.pianquCode;
      const to = byCode.get(found.b)!.pianquCode;
      const before = await populationOf(page, from);
      const toBefore = await populationOf(page, to);

      await page.getByTestId(`lock-${from}`).click();
      await page.getByTestId('target-district').selectOption(to);
      await page.mouse.click(found.x, found.y);
      await page.getByTestId('planner-toast').waitFor({ timeout: WAIT });
      await expect(page.getByTestId('planner-toast').textContent()).resolves.toContain('锁定');
      expect(await populationOf(page, from)).toBe(before);
      await page.getByTestId(`lock-${from}`).click();

      // A drag of the brush from the 社区 towards its neighbour moves at least that 社区.
      const target = await pixelOf(page, byCode.get(found.b)!.labelPoint);
      await page.getByTestId('tool-brush').click();
      await page.mouse.move(found.x, found.y);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) {
        await page.mouse.move(
          found.x + ((target.x - found.x) * i) / 16,
          found.y + ((target.y - found.y) * i) / 16,
        );
      }
      await page.mouse.up();
      await expect.poll(() => populationOf(page, from)).toBeLessThan(before);
      // The whole stroke is one step: one undo puts everything back.
      await page.getByTestId('undo').click();
      await expect.poll(() => populationOf(page, from)).toBe(before);
      await expect.poll(() => populationOf(page, to)).toBe(toBefore);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'moves a 社区 by clicking, shows the metrics change, undoes, redoes, saves, compares and exports',
    async () => {
      const { page, user } = await openAsPlanner();

      const units = (await (
        await page.request.get(`${server.url}/api/planner/units`)
      ).json()) as PlannerUnits;
      const byCode = new Map(units.units.map((u) => [u.code, u]));
      const size = new Map<string, number>();
      for (const u of units.units) size.set(u.pianquCode, (size.get(u.pianquCode) ?? 0) + 1);

      // A 社区 whose 片区 keeps others, beside a 社区 of another 片区, its label on the map.
      const pairs = units.adjacency
        .flatMap(
          (e) =>
            [
              [e.a, e.b, e.sharedM],
              [e.b, e.a, e.sharedM],
            ] as const,
        )
        .filter(([a, b]) => byCode.get(a)!.pianquCode !== byCode.get(b)!.pianquCode)
        .filter(([a]) => size.get(byCode.get(a)!.pianquCode)! > 1)
        .sort((x, y) => y[2] - x[2] || (x[0] < y[0] ? -1 : 1));
      let chosen: { unit: string; from: string; to: string; x: number; y: number } | null = null;
      for (const [a, b] of pairs) {
        const at = await pixelOf(page, byCode.get(a)!.labelPoint);
        if (!at.onMap) continue;
        chosen = {
          unit: a,
          from: byCode.get(a)!.pianquCode,
          to: byCode.get(b)!.pianquCode,
          x: at.x,
          y: at.y,
        };
        break;
      }
      if (!chosen) throw new Error('no 社区 beside another 片区 is visible on the map');
      const moved = byCode.get(chosen.unit)!;
      const population = moved.figures.population;

      const fromBefore = await populationOf(page, chosen.from);
      const toBefore = await populationOf(page, chosen.to);
      await page.getByTestId('target-district').selectOption(chosen.to);
      await page.mouse.click(chosen.x, chosen.y);

      // Both 片区 change by the 社区's population.
      await expect.poll(() => populationOf(page, chosen.from)).toBe(fromBefore - population);
      await expect.poll(() => populationOf(page, chosen.to)).toBe(toBefore + population);
      await expect.poll(() => page.getByTestId('move-time').textContent()).toMatch(/ms/);
      await page.screenshot({ path: join(RESULTS, 'planner-moved-1920.png') });

      await page.getByTestId('undo').click();
      await expect.poll(() => populationOf(page, chosen.from)).toBe(fromBefore);
      await expect.poll(() => populationOf(page, chosen.to)).toBe(toBefore);
      await page.getByTestId('redo').click();
      await expect.poll(() => populationOf(page, chosen.to)).toBe(toBefore + population);
      // The same from the keyboard.
      await page.keyboard.press('Control+z');
      await expect.poll(() => populationOf(page, chosen.to)).toBe(toBefore);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => populationOf(page, chosen.to)).toBe(toBefore + population);
      await expect.poll(() => populationOf(page, chosen.from)).toBe(fromBefore - population);

      // Save.
      const name = `测试方案 ${user.username}`;
      await page.getByTestId('save-button').click();
      await page.getByTestId('save-name').fill(name);
      await page.getByTestId('save-notes').fill('browser test');
      await page.getByTestId('save-confirm').click();
      await expect.poll(() => page.getByTestId('scenario-title').textContent()).toContain(name);

      // Compare with the current configuration: the moved 社区 is listed.
      const list = (await (
        await page.request.get(`${server.url}/api/planner/scenarios`)
      ).json()) as ScenarioSummary[];
      const saved = list.find((s) => s.name === name);
      expect(saved).toBeDefined();
      await page.getByTestId('tab-scenarios').click();
      await page.getByTestId(`compare-check-${saved!.id}`).check();
      await page.getByTestId('compare-button').click();
      await page.getByTestId('compare-ready').waitFor({ timeout: WAIT });
      const row = page.getByTestId(`moved-${chosen.unit}`);
      await row.waitFor({ timeout: WAIT });
      await expect(row.textContent()).resolves.toContain(moved.name);
      await page.screenshot({ path: join(RESULTS, 'planner-compare-1920.png') });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: join(RESULTS, 'planner-compare-1366.png') });
      await page.getByTestId('compare-close').click();
      await waitForPlanner(page);
      await page.screenshot({ path: join(RESULTS, 'planner-1366.png') });
      await page.setViewportSize({ width: 1920, height: 1080 });

      // Export the assignment CSV from the link the workbench offers.
      const href = await page.getByTestId('export-csv').getAttribute('href');
      expect(href).toBeTruthy();
      const csv = await (await page.request.get(server.url + href!)).text();
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe('shequ_code,pianqu_code');
      const rows = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
      expect(rows.size).toBe(units.units.length);
      expect(rows.get(chosen.unit)).toBe(chosen.to);
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'fits the brush to the map when it is taken: an 18 px stroke inside a 社区 takes that 社区 alone',
    async () => {
      const { page } = await openAsPlanner();
      const units = (await (
        await page.request.get(`${server.url}/api/planner/units`)
      ).json()) as PlannerUnits;
      const byCode = new Map(units.units.map((u) => [u.code, u]));
      const size = new Map<string, number>();
      for (const u of units.units) size.set(u.pianquCode, (size.get(u.pianquCode) ?? 0) + 1);
      // The largest 社区 on the map whose 片区 keeps others, and a neighbouring 片区.
      let chosen: { unit: string; to: string; x: number; y: number } | null = null;
      for (const u of [...units.units].sort((a, b) => b.areaM2 - a.areaM2)) {
        if (size.get(u.pianquCode)! < 2) continue;
        const edge = units.adjacency.find(
          (e) =>
            (e.a === u.code || e.b === u.code) &&
            byCode.get(e.a === u.code ? e.b : e.a)!.pianquCode !== u.pianquCode,
        );
        if (!edge) continue;
        const at = await pixelOf(page, u.labelPoint);
        if (!at.onMap) continue;
        const other = byCode.get(edge.a === u.code ? edge.b : edge.a)!;
        chosen = { unit: u.code, to: other.pianquCode, x: at.x, y: at.y };
        break;
      }
      if (!chosen) throw new Error('no 社区 with a neighbour in another 片区 is on the map');
      const unit = byCode.get(chosen.unit)!;
      const fromBefore = await populationOf(page, unit.pianquCode);
      const toBefore = await populationOf(page, chosen.to);

      await page.getByTestId('target-district').selectOption(chosen.to);
      await page.getByTestId('tool-brush').click();
      await expect
        .poll(() => page.getByTestId('brush-radius-value').textContent(), { timeout: WAIT })
        .toMatch(/^\d+ px$/);
      await page.mouse.move(chosen.x - 9, chosen.y);
      await page.mouse.down();
      for (let dx = -6; dx <= 9; dx += 3) await page.mouse.move(chosen.x + dx, chosen.y);
      await page.mouse.up();
      await expect
        .poll(() => populationOf(page, chosen.to))
        .toBe(toBefore + unit.figures.population);
      expect(await populationOf(page, unit.pianquCode)).toBe(fromBefore - unit.figures.population);
      await page.screenshot({ path: join(RESULTS, 'planner-brush-1920.png') });
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'lays the comparison of three plans out without overlap or cut-off at 1366, 1600 and 1920 wide',
    async () => {
      const { page } = await openAsPlanner();
      const units = (await (
        await page.request.get(`${server.url}/api/planner/units`)
      ).json()) as PlannerUnits;
      const of = Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode]));
      const borders = units.adjacency.filter((e) => of[e.a] !== of[e.b]);
      const ids: number[] = [];
      for (const [i, edge] of borders.slice(0, 2).entries()) {
        const res = await page.request.post(`${server.url}/api/planner/scenarios`, {
          headers: { origin: server.url },
          data: {
            name: `布局方案${i + 1}`,
            baseVersion: units.version.id,
            assignment: { ...of, [edge.a]: of[edge.b] },
            pianqu: units.pianqu,
          },
        });
        expect(res.status()).toBe(201);
        ids.push(((await res.json()) as { id: number }).id);
      }
      await page.getByTestId('tab-scenarios').click();
      for (const id of ids) await page.getByTestId(`compare-check-${id}`).check();
      await page.getByTestId('compare-button').click();
      await page.getByTestId('compare-ready').waitFor({ timeout: WAIT });
      // Each small map draws its 社区 as shapes inside it, none covering the whole map (a
      // spherical renderer given RFC 7946 rings fills everything outside them instead).
      const covering = await page.evaluate(() =>
        [...document.querySelectorAll<SVGSVGElement>('svg.compare-map')].map((svg) => {
          const frame = svg.getBoundingClientRect();
          const shapes = [...svg.querySelectorAll<SVGPathElement>('path[fill]:not([fill="none"])')];
          const widest = Math.max(...shapes.map((p) => p.getBoundingClientRect().width));
          return { shapes: shapes.length, share: widest / frame.width };
        }),
      );
      expect(covering).toHaveLength(3);
      for (const map of covering) {
        expect(map.shapes).toBe(units.units.length);
        expect(map.share).toBeLessThan(0.6);
      }

      for (const [width, height] of [
        [1366, 768],
        [1600, 900],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        const boxes = await page.evaluate(() =>
          ['compare-metrics', 'compare-population', 'moved-list'].map((id) => {
            const el = document.querySelector(`[data-testid="${id}"]`)!;
            const box = (el.closest('.compare-tables__cell') ?? el).getBoundingClientRect();
            const cell = el.closest('.compare-tables__cell') as HTMLElement;
            return {
              id,
              left: box.left,
              right: box.right,
              top: box.top,
              bottom: box.bottom,
              // What the box shows of its content: all of it, nothing cut or scrolled away.
              cut: cell.scrollWidth - cell.clientWidth,
              page: document.documentElement.clientWidth,
            };
          }),
        );
        for (const b of boxes) {
          expect(b.cut, `${b.id} at ${width}`).toBeLessThanOrEqual(1);
          expect(b.right, `${b.id} at ${width}`).toBeLessThanOrEqual(b.page);
        }
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            const apart =
              a.right <= b.left + 0.5 ||
              b.right <= a.left + 0.5 ||
              a.bottom <= b.top + 0.5 ||
              b.bottom <= a.top + 0.5;
            expect(apart, `${a.id} and ${b.id} overlap at ${width}×${height}`).toBe(true);
          }
        }
        await page.screenshot({ path: join(RESULTS, `planner-compare3-${width}.png`) });
      }
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  // Last: it applies a plan, so the boundary version changes under the cases above.
  it(
    'lists each problem of a plan in the apply dialog, and applies only once the planner accepts them',
    async () => {
      const { page } = await openAsPlanner();
      const units = (await (
        await page.request.get(`${server.url}/api/planner/units`)
      ).json()) as PlannerUnits;
      const of = Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode]));
      // One 社区 alone in a new 片区 lies far outside the population band.
      const lone = units.units.find(
        (u) => units.units.filter((x) => x.pianquCode === u.pianquCode).length > 2,
      )!;
      const saved = await page.request.post(`${server.url}/api/planner/scenarios`, {
        headers: { origin: server.url },
        data: {
          name: '单社区方案',
          baseVersion: units.version.id,
          assignment: { ...of, [lone.code]: 'PQGUARD' },
          pianqu: [...units.pianqu, { code: 'PQGUARD', name: '守护片区', isNew: true }],
        },
      });
      expect(saved.status()).toBe(201);
      const scenario = (await saved.json()) as { id: number };

      await page.getByTestId('tab-scenarios').click();
      await page.getByTestId(`open-${scenario.id}`).click();
      await expect
        .poll(() => page.getByTestId('scenario-title').textContent())
        .toContain('单社区方案');
      await page.getByTestId('apply-button').click();
      const warning = page.getByTestId('apply-warning-outsideBand:PQGUARD');
      await warning.waitFor({ timeout: WAIT });
      expect(await warning.textContent()).toContain('守护片区');
      const confirm = page.getByTestId('apply-confirm');
      expect(await confirm.isDisabled()).toBe(true);
      await page.screenshot({ path: join(RESULTS, 'planner-apply-guard-1920.png') });

      await page.getByTestId('apply-accept').check();
      await confirm.click();
      const applied = page.waitForResponse(
        (r) => r.url().endsWith(`/api/planner/scenarios/${scenario.id}/apply`),
        { timeout: WAIT },
      );
      await confirm.click();
      expect((await applied).status()).toBe(200);
      const audit = await server.db.query<{ detail: { overrides: string[] } }>(
        `SELECT detail FROM audit_log WHERE action = 'planner.apply' AND target = $1`,
        [`scenario:${scenario.id}`],
      );
      expect(audit[0]!.detail.overrides).toContain('outsideBand:PQGUARD');
      expect(pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );
});
