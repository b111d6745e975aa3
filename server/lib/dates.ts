/**
 * A problem with a local time `YYYY-MM-DDTHH:MM` that its pattern cannot see (30 February), or
 * null. The schema checks the shape; this checks the calendar, before SQL would fail on it.
 */
export function localTimeProblem(name: string, value: string): string | null {
  const d = new Date(`${value}:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 16) !== value
    ? `${name} ${value} is not a date and time that exists`
    : null;
}

/** A problem with a date `YYYY-MM-DD` that its pattern cannot see (30 February), or null. */
export function dateProblem(name: string, value: string): string | null {
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value
    ? `${name} ${value} is not a date that exists`
    : null;
}
