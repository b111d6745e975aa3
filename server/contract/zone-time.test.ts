import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  offsetText,
  zoneInstant,
  zoneLocalIso,
  zoneMinute,
  zoneMonth,
  zoneOffsetMinutes,
  zoneToday,
  zoneWallTime,
} from './zone-time.ts';

/** Zones with whole, half and quarter hours, with and without daylight saving, either side of UTC. */
const ZONES = [
  'Asia/Urumqi',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Honolulu',
  'UTC',
] as const;

const HOUR = 3_600_000;

/** Instants to the second (the wall time's precision) over the years a record may cover. */
const instant = fc
  .integer({ min: Date.UTC(1972, 0, 1) / 1000, max: Date.UTC(2037, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000));

/** The instants near `at` (half-hour and hour steps, as DST shifts go) showing the same wall time. */
function twins(timeZone: string, at: Date): number[] {
  const wall = zoneWallTime(timeZone, at);
  return [-HOUR, -HOUR / 2, HOUR / 2, HOUR]
    .map((d) => at.getTime() + d)
    .filter((t) => zoneWallTime(timeZone, new Date(t)) === wall);
}

/** The last Sunday of a month at 01:00 UTC: when the EU changes its clocks (since 1996). */
function euChange(year: number, month: 3 | 10): number {
  const lastDay = new Date(Date.UTC(year, month, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR;
}

function checkRoundTrip(timeZone: string, at: Date): void {
  const wall = zoneWallTime(timeZone, at);
  const text = zoneInstant(timeZone, wall);
  const back = Date.parse(text);
  // The text names its instant by the zone's own offset then, and shows the same wall time.
  expect(text.slice(0, 19)).toBe(wall);
  expect(text.slice(19)).toBe(offsetText(zoneOffsetMinutes(timeZone, new Date(back))));
  expect(zoneWallTime(timeZone, new Date(back))).toBe(wall);
  // A wall time the clock shows once is that instant; one it shows twice, either of them.
  const others = twins(timeZone, at);
  if (others.length === 0) expect(back).toBe(at.getTime());
  else expect([at.getTime(), ...others]).toContain(back);
}

describe('zoneInstant and zoneWallTime', () => {
  it('round-trip for any instant in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (timeZone, at) => {
        checkRoundTrip(timeZone, at);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trip within hours of Berlin's clock changes, the repeated hour included", () => {
    const near = fc
      .record({
        year: fc.integer({ min: 1996, max: 2037 }),
        month: fc.constantFrom(3 as const, 10 as const),
        seconds: fc.integer({ min: -3 * 3600, max: 3 * 3600 }),
      })
      .map(({ year, month, seconds }) => new Date(euChange(year, month) + seconds * 1000));
    fc.assert(
      fc.property(near, (at) => checkRoundTrip('Europe/Berlin', at)),
      { numRuns: 500 },
    );
  });

  it('reads a wall time to the minute as its first second', () => {
    expect(zoneInstant('Asia/Urumqi', '2020-02-29T23:05')).toBe('2020-02-29T23:05:00+06:00');
  });

  it('gives summer and winter offsets in a zone with daylight saving', () => {
    expect(zoneInstant('Europe/Berlin', '2024-07-01T12:00')).toBe('2024-07-01T12:00:00+02:00');
    expect(zoneInstant('Europe/Berlin', '2024-01-01T12:00')).toBe('2024-01-01T12:00:00+01:00');
  });

  it('maps a wall time skipped by daylight saving to an instant at the gap', () => {
    // Berlin went from 02:00 CET straight to 03:00 CEST on 2024-03-31 (01:00 UTC): 02:30 never
    // showed. Either reading of it (as CET or as CEST) is an instant half an hour from the change.
    const change = Date.UTC(2024, 2, 31, 1);
    const text = zoneInstant('Europe/Berlin', '2024-03-31T02:30');
    expect(['+01:00', '+02:00']).toContain(text.slice(19));
    expect(Math.abs(Date.parse(text) - change)).toBe(HOUR / 2);
    expect(zoneWallTime('Europe/Berlin', new Date(Date.parse(text)))).not.toBe(
      '2024-03-31T02:30:00',
    );
  });
});

describe('zoneLocalIso', () => {
  it('names the same instant, in the wall time of the zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (timeZone, at) => {
        const text = zoneLocalIso(timeZone, at);
        expect(Date.parse(text)).toBe(at.getTime());
        expect(text.slice(0, 19)).toBe(zoneWallTime(timeZone, at));
      }),
      { numRuns: 500 },
    );
  });

  it("tells the two passes of Berlin's repeated hour apart by their offsets", () => {
    expect(zoneLocalIso('Europe/Berlin', new Date('2024-10-27T00:30:00Z'))).toBe(
      '2024-10-27T02:30:00+02:00',
    );
    expect(zoneLocalIso('Europe/Berlin', new Date('2024-10-27T01:30:00Z'))).toBe(
      '2024-10-27T02:30:00+01:00',
    );
  });
});

describe('wall time, day, month and minute', () => {
  it('read the zone, not the machine, either side of midnight', () => {
    const at = new Date('2024-12-31T17:30:45Z');
    expect(zoneWallTime('Asia/Urumqi', at)).toBe('2024-12-31T23:30:45');
    expect(zoneWallTime('Asia/Kathmandu', at)).toBe('2024-12-31T23:15:45');
    expect(zoneToday('Asia/Tokyo', at)).toBe('2025-01-01');
    expect(zoneMonth('Asia/Tokyo', at)).toBe('2025-01');
    expect(zoneMonth('America/New_York', at)).toBe('2024-12');
    expect(zoneMinute('Asia/Urumqi', at)).toBe('2024-12-31T23:30');
  });

  it('writes midnight as 00, not 24', () => {
    expect(zoneWallTime('UTC', new Date('2024-05-01T00:00:00Z'))).toBe('2024-05-01T00:00:00');
  });
});

describe('zoneOffsetMinutes', () => {
  it('follows daylight saving', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2024-07-01T00:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2024-01-01T00:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('America/New_York', new Date('2024-01-01T00:00:00Z'))).toBe(-300);
  });

  it('keeps half and quarter hours', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    expect(zoneOffsetMinutes('Asia/Kathmandu', at)).toBe(345);
    expect(zoneOffsetMinutes('America/St_Johns', at)).toBe(-210);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(zoneOffsetMinutes('Asia/Urumqi', new Date('2024-01-01T00:00:00.999Z'))).toBe(360);
  });
});

describe('offsetText', () => {
  it('writes the sign, hours and minutes', () => {
    expect(offsetText(360)).toBe('+06:00');
    expect(offsetText(0)).toBe('+00:00');
    expect(offsetText(345)).toBe('+05:45');
    expect(offsetText(-210)).toBe('-03:30');
    expect(offsetText(-600)).toBe('-10:00');
    expect(offsetText(840)).toBe('+14:00');
  });

  it('reads back as the minutes it was written from', () => {
    fc.assert(
      fc.property(fc.integer({ min: -14 * 60, max: 14 * 60 }), (minutes) => {
        const m = /^([+-])(\d{2}):(\d{2})$/.exec(offsetText(minutes));
        expect(m).not.toBeNull();
        const [, sign, hh, mm] = m!;
        expect((sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm))).toBe(minutes);
      }),
    );
  });
});

describe('isTimeZone', () => {
  it('knows IANA names', () => {
    for (const zone of ZONES) expect(isTimeZone(zone)).toBe(true);
  });

  it('rejects names that are not time zones', () => {
    expect(isTimeZone('Mars/Base')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Asia/Nowhere')).toBe(false);
  });
});
