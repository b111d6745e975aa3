/**
 * The zone's clock, whatever the browser's (issue 16): a browser set to another time zone than
 * the data set's opens the duty time and the tourism month and hour on the zone's now, and the
 * big screen's clock shows the zone's time. The browser here runs 16 hours behind Asia/Shanghai
 * (America/Los_Angeles), so a client reading its own clock shows another hour, and most of the
 * day another date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../server/contract/index.ts';
import { zoneMinute } from '../../server/contract/zone-time.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  HAS_CHROMIUM,
  TIMEOUT,
  WAIT,
  browserSuite,
} from '../support/browser.ts';

const SUITE = browserSuite("the zone's clock in a browser elsewhere", 'clock.test.ts');
const BROWSER_ZONE = 'America/Los_Angeles';

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  let server: TestServer;
  let zone: string;
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/dataset`);
    zone = ((await res.json()) as Dataset).timeZone;
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    profileDir = mkdtempSync(join(tmpdir(), 'atlas-clock-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: CHROMIUM_ARGS,
      locale: 'zh-CN',
      timezoneId: BROWSER_ZONE,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}${path}`);
    return page;
  }

  /** The zone's minute before and after `read`: the value read must be one of the two. */
  async function aroundNow<T>(read: () => Promise<T>): Promise<{ value: T; now: string[] }> {
    const before = zoneMinute(zone);
    const value = await read();
    return { value, now: [before, zoneMinute(zone)] };
  }

  it(
    "opens the duty time on the zone's date and hour",
    async () => {
      const page = await open('/?ov=staff');
      await page.getByTestId('staff-date').waitFor({ timeout: WAIT });
      const { value, now } = await aroundNow(async () => ({
        date: await page.getByTestId('staff-date').inputValue(),
        hour: await page.getByTestId('staff-hour-label').textContent(),
      }));
      // The page was made a moment before: its now is the earlier reading's or later.
      const shown = `${value.date}T${value.hour!.padStart(5, '0').slice(0, 2)}`;
      expect(now.map((m) => m.slice(0, 13))).toContain(shown);
      expect(zoneMinute(BROWSER_ZONE).slice(0, 13)).not.toBe(shown);
    },
    TIMEOUT,
  );

  it(
    "opens the tourism month and hour on the zone's",
    async () => {
      const page = await open('/?ov=tourism');
      await page.getByTestId('tourism-hour-label').waitFor({ timeout: WAIT });
      const { value, now } = await aroundNow(async () => ({
        month: Number(await page.getByTestId('tourism-month-slider').inputValue()),
        hour: Number(await page.getByTestId('tourism-hour-slider').inputValue()),
      }));
      const expected = now.map((m) => ({
        month: Number(m.slice(5, 7)),
        hour: Number(m.slice(11, 13)),
      }));
      expect(expected).toContainEqual(value);
    },
    TIMEOUT,
  );

  it(
    "shows the zone's time on the big screen's clock",
    async () => {
      const page = await open('/?mode=screen&tour=off');
      const clock = page.locator('.screen-header__clock');
      await clock.waitFor({ timeout: WAIT });
      const { value, now } = await aroundNow(async () => (await clock.textContent())!);
      // `HH:MM:SS` on the zone's day.
      expect(now.map((m) => m.slice(11, 16))).toContain(value.slice(-8, -3));
    },
    TIMEOUT,
  );
});
