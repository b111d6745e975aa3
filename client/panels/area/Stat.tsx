import type { ReactNode } from 'react';

/** Props of {@link Stat}. */
export interface StatProps {
  /** What is counted. */
  label: string;
  /** The formatted number: the only text of the element with `testId`. */
  value: string;
  /** `data-testid` of the number, e.g. `stat-sites`. */
  testId: string;
  /** A line under the number (e.g. "12 completed"). */
  note?: ReactNode;
  /** Colours the number: good news green, a warning orange (default: neither). */
  tone?: 'default' | 'good' | 'warn';
  /** Columns of the grid the tile spans (default 1). */
  span?: number;
}

/** One key figure of the panel: a label and a number from the API. */
export function Stat({ label, value, testId, note, tone = 'default', span = 1 }: StatProps) {
  return (
    <div
      className={`stat stat--${tone}`}
      style={span > 1 ? { gridColumn: `span ${span}` } : undefined}
    >
      <div className="stat__label">{label}</div>
      <div className="stat__value" data-testid={testId}>
        {value}
      </div>
      {note && <div className="stat__note">{note}</div>}
    </div>
  );
}
