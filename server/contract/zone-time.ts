/**
 * The zone's clock: local dates and times in the data set's IANA time zone (`dataset.time_zone`,
 * served as `GET /api/dataset`'s `timeZone`). Pure, on Intl's time zone data, so the server and
 * the browser read the same day whatever clock the machine itself is set to. Imported by the
 * client too.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The canonical spelling of a known IANA name (`asia/shanghai` → `Asia/Shanghai`). */
export function canonicalTimeZone(timeZone: string): string {
  return format(timeZone).resolvedOptions().timeZone;
}

/** Whether `timeZone` is an IANA name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall time of an instant in `timeZone`: `YYYY-MM-DDTHH:MM:SS`. */
export function zoneWallTime(timeZone: string, now: Date = new Date()): string {
  const parts = format(timeZone).formatToParts(now);
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)!.value;
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}:${p('second')}`;
}

/** Today in the zone, `YYYY-MM-DD`. */
export function zoneToday(timeZone: string, now: Date = new Date()): string {
  return zoneWallTime(timeZone, now).slice(0, 10);
}

/** The zone's current month, `YYYY-MM`. */
export function zoneMonth(timeZone: string, now: Date = new Date()): string {
  return zoneWallTime(timeZone, now).slice(0, 7);
}

/** The zone's date and time to the minute, `YYYY-MM-DDTHH:MM`. */
export function zoneMinute(timeZone: string, now: Date = new Date()): string {
  return zoneWallTime(timeZone, now).slice(0, 16);
}

/** Minutes the zone's clock is ahead of UTC at an instant. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const wall = Date.parse(`${zoneWallTime(timeZone, at)}Z`);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** `+08:00` style text of an offset in minutes. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The instant a local wall time `YYYY-MM-DDTHH:MM[:SS]` of the zone stands for, as ISO text
 * with the zone's offset then (`2024-03-05T14:20:00+08:00`). Two passes settle the offset
 * across a daylight-saving change; a wall time a change skips or repeats takes one of the two
 * offsets around it (records are rarely stamped in that hour, and either names a real instant).
 */
export function zoneInstant(timeZone: string, wallTime: string): string {
  const wall = wallTime.length === 16 ? `${wallTime}:00` : wallTime;
  const asUtc = Date.parse(`${wall}Z`);
  let offset = zoneOffsetMinutes(timeZone, new Date(asUtc));
  offset = zoneOffsetMinutes(timeZone, new Date(asUtc - offset * 60_000));
  return `${wall}${offsetText(offset)}`;
}

/** An instant as ISO text in the zone's wall time with its offset then (`…T14:20:00+08:00`). */
export function zoneLocalIso(timeZone: string, at: Date): string {
  return `${zoneWallTime(timeZone, at)}${offsetText(zoneOffsetMinutes(timeZone, at))}`;
}
