/**
 * An official's area, chosen from the real areas: first the level (片区, 社区, 小区), then the
 * area of that level, each 社区 and 小区 named with its parent.
 */
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import {
  SCOPE_LEVELS,
  areaOptions,
  levelOf,
  type AreaChoice,
  type ScopeLevel,
} from './admin-state.ts';

/** Props of {@link AreaPicker}. */
export interface AreaPickerProps {
  areas: readonly AreaChoice[];
  value: string | null;
  onChange(code: string | null): void;
  /** Test id prefix of the two selects (`-level`, `-code`). */
  testId: string;
}

export function AreaPicker({ areas, value, onChange, testId }: AreaPickerProps) {
  const { t } = useI18n();
  const [level, setLevel] = useState<ScopeLevel>(() => levelOf(areas, value) ?? 'pianqu');
  const options = useMemo(() => areaOptions(areas, level), [areas, level]);
  return (
    <div className="admin-area">
      <select
        aria-label={t('admin.users.areaLevel')}
        value={level}
        onChange={(e) => {
          setLevel(e.target.value as ScopeLevel);
          onChange(null);
        }}
        data-testid={`${testId}-level`}
      >
        {SCOPE_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`level.${l}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('admin.users.area')}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        data-testid={`${testId}-code`}
      >
        <option value="">{t('admin.users.areaChoose')}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
