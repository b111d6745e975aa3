/** A duty schedule in the form SQL evaluates (see migration 004). */
export interface DutyRule {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Minutes of the day, start inclusive, end exclusive (1440 = midnight). */
  start: number;
  end: number;
  /** Only in the tourist peak season (July, August, 1–7 October). */
  peakOnly: boolean;
}

const DAYS: [RegExp, number[]][] = [
  [/周一至周五/, [1, 2, 3, 4, 5]],
  // Public holidays are not modelled: a weekend rule covers Saturdays and Sundays.
  [/周末/, [6, 7]],
  [/每日/, [1, 2, 3, 4, 5, 6, 7]],
];

/**
 * Parses the duty schedules the data uses ("周一至周五 08:30-17:30", "周末及节假日 09:00-21:00",
 * "旺季每日 08:00-22:00", "每日 00:00-24:00 轮班"). Throws, naming the text, on anything else,
 * so that a schedule is never silently read as "always" or "never".
 */
export function parseDuty(text: string): DutyRule {
  const days = DAYS.find(([re]) => re.test(text))?.[1];
  const hours = /([0-2]\d):([0-5]\d)\s*-\s*([0-2]\d):([0-5]\d)/.exec(text);
  if (!days || !hours) throw new Error(`duty schedule not understood: "${text}"`);
  const start = Number(hours[1]) * 60 + Number(hours[2]);
  const end = Number(hours[3]) * 60 + Number(hours[4]);
  if (start >= end || end > 1440) throw new Error(`duty hours out of order: "${text}"`);
  return { days, start, end, peakOnly: /旺季/.test(text) };
}
