import { addDays, addYears } from '../../server/db/demo-calendar.ts';
import { demoLoadDay } from '../../server/db/seed.ts';

/**
 * The months of the seeded demo's record, which runs up to its load day (the day the test
 * database was seeded: test-db.ts keys its dump on it). Tests name months by their place in
 * the record, so they hold on any date: `recordMonth(4)` is the fifth month, `recordMonth(-1)`
 * the last (the current one).
 */
const lastDay = await demoLoadDay();
const firstDay = addDays(addYears(lastDay, -3), 1);

const months: string[] = [];
for (let d = `${firstDay.slice(0, 7)}-01`; d <= lastDay; d = addDays(d, 31).slice(0, 8) + '01') {
  months.push(d.slice(0, 7));
}

export const RECORD = { firstDay, lastDay, months } as const;

export function recordMonth(k: number): string {
  const m = months[k < 0 ? months.length + k : k];
  if (m === undefined) throw new Error(`the record has no month ${k}`);
  return m;
}
