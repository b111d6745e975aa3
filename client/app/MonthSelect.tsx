/** A labelled choice of one month (`YYYY-MM`) from a list, as the time filters offer it. */
import type { ReactNode } from 'react';

/** Props of {@link MonthSelect}. */
export interface MonthSelectProps {
  label: ReactNode;
  /** The label's class: the layer panel and the profile header lay it out differently. */
  className: string;
  months: readonly string[];
  value: string | null;
  /** The option for "no month" (any), if the filter may be open at this end. */
  anyLabel?: string;
  onChange(month: string | null): void;
  testId: string;
}

export function MonthSelect(props: MonthSelectProps) {
  const { label, className, months, value, anyLabel, onChange, testId } = props;
  return (
    <label className={className}>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        data-testid={testId}
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {months.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}
