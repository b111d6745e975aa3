import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { WAIT } from './browser.ts';

/**
 * Waits on what the pages publish for tests (`window.__atlas`, `window.__planner`), never on
 * a fixed time: each wait has WAIT, which a slow software-WebGL frame stays well inside.
 */

/** Waits until the dashboard's map has drawn for the first time. */
export async function waitForAtlas(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__atlas?.ready === true, undefined, { timeout: WAIT });
}

/** Waits for the dashboard's map to rest with its tiles loaded. */
export async function waitForRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__atlas?.map;
      return !!map && !map.isMoving() && map.areTilesLoaded() && map.loaded();
    },
    undefined,
    { timeout: WAIT },
  );
}

/** Waits for the first drawing, then for the map to be at rest with its tiles loaded. */
export async function waitForMap(page: Page): Promise<void> {
  await waitForAtlas(page);
  await waitForRest(page);
}

/**
 * Waits until the map has drawn the selection `code` and the panel shows its data; with
 * `name`, until the panel's title is that name too.
 */
export async function waitForSelection(page: Page, code: string, name?: string): Promise<void> {
  await page.waitForFunction(
    (c) => window.__atlas?.ready === true && window.__atlas.selected === c,
    code,
    { timeout: WAIT },
  );
  await page.locator('[data-testid="area-panel"][data-ready="true"]').waitFor({ timeout: WAIT });
  if (name !== undefined) {
    await expect.poll(() => page.getByTestId('panel-title').textContent()).toBe(name);
  }
}

/**
 * Waits for the map to rest, then for two more frames: deck.gl draws its layers on the frame
 * after their data arrives, so a screenshot taken then shows them.
 */
export async function waitForFrames(page: Page): Promise<void> {
  await waitForRest(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

/** Waits until the planner's workbench has loaded and its map has drawn the plan at rest. */
export async function waitForPlanner(page: Page): Promise<void> {
  await page.locator('[data-testid="planner"][data-ready="true"]').waitFor({ timeout: WAIT });
  await page.waitForFunction(
    () => {
      const h = window.__planner;
      return !!h && h.ready && !h.map.isMoving() && h.map.loaded();
    },
    undefined,
    { timeout: WAIT },
  );
}

/** Where a point is on the page, and whether the map (dashboard or planner) is what is there. */
export async function pixelOf(
  page: Page,
  lonLat: readonly [number, number],
  which: 'atlas' | 'planner' = 'atlas',
): Promise<{ x: number; y: number; onMap: boolean }> {
  return page.evaluate(
    ([[lon, lat], w]) => {
      const map = (w === 'planner' ? window.__planner : window.__atlas)!.map;
      const p = map.project([lon, lat]);
      const container = map.getContainer();
      const box = container.getBoundingClientRect();
      // The big screen scales its map up by CSS: map pixels are then larger than page pixels.
      const scale = container.offsetWidth > 0 ? box.width / container.offsetWidth : 1;
      const x = box.left + p.x * scale;
      const y = box.top + p.y * scale;
      return { x, y, onMap: document.elementFromPoint(x, y) === map.getCanvas() };
    },
    [lonLat, which] as const,
  );
}

/** An area and its label point. */
export interface AreaPoint {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

/** The areas of `level` under `parent`, in code order, with their label points. */
export function areasOf(db: Db, level: string, parent: string): Promise<AreaPoint[]> {
  return db.query<AreaPoint>(
    `SELECT code, name, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = $1 AND parent_code = $2 ORDER BY code`,
    [level, parent],
  );
}

/**
 * Clicks the first of `areas` whose label point the map shows, uncovered by the panel or the
 * legend, and returns it. It waits for the map to rest first: a click during the fly-to
 * animation would land on whatever passes under the pointer.
 */
export async function clickFirstVisible<T extends Pick<AreaPoint, 'code' | 'lon' | 'lat'>>(
  page: Page,
  areas: T[],
): Promise<T> {
  await waitForMap(page);
  for (const area of areas) {
    const at = await pixelOf(page, [area.lon, area.lat]);
    if (!at.onMap) continue;
    await page.mouse.click(at.x, at.y);
    return area;
  }
  throw new Error(`none of ${areas.map((a) => a.code).join(', ')} is visible on the map`);
}
