/**
 * The zone's clock, whatever the browser's (issue 16): a browser set to another time zone than
 * the data set's opens the duty time and the tourism month and hour on the zone's now, and the
 * big screen's clock shows the zone's time. The browser here runs 16 hours behind Asia/Shanghai
 * (America/Los_Angeles), so a client reading its own clock shows another hour, and most of the
 * day another date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../server/contract/index.ts';
import { zoneMinute } from '../../server/contract/zone-time.ts';
import {
  HAS_CHROMIUM,
  TIMEOUT,
  WAIT,
  browserSuite,
  useBrowser,
  useTestServer,
} from '../support/browser.ts';

const SUITE = browserSuite("the zone's clock in a browser elsewhere", 'clock.test.ts');
const BROWSER_ZONE = 'America/Los_Angeles';

describe.skipIf(!HAS_CHROMIUM)(SUITE, () => {
  const server = useTestServer();
  const { open } = useBrowser({ server, context: { timezoneId: BROWSER_ZONE } });
  let zone: string;

  beforeAll(async () => {
    const res = await fetch(`${server.url}/api/dataset`);
    zone = ((await res.json()) as Dataset).timeZone;
  });

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
