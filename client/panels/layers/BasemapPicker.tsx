import type { OnlineBasemap } from '../../../server/contract/index.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import type { BasemapChoice } from '../../map/online-basemap.ts';

/** Props of {@link BasemapPicker}. */
export interface BasemapPickerProps {
  /** The online basemaps this server offers; none: nothing to choose, nothing is shown. */
  offered: readonly OnlineBasemap[];
  choice: BasemapChoice;
  onChoose(choice: BasemapChoice): void;
}

/** The basemap under the areas: the offline one, or an online one the server offers. */
export function BasemapPicker({ offered, choice, onChoose }: BasemapPickerProps) {
  const { t } = useI18n();
  if (offered.length === 0) return null;
  const options: { id: BasemapChoice; label: string }[] = [
    { id: 'offline', label: t('layers.basemap.offline') },
    ...offered.map((b) => ({ id: b.id, label: b.name ?? t(`layers.basemap.${b.id}`) })),
  ];
  // A choice the server no longer offers falls back to the offline basemap.
  const current = options.some((o) => o.id === choice) ? choice : 'offline';
  return (
    <fieldset className="basemap-picker" data-testid="basemap-picker">
      <legend className="basemap-picker__title">{t('layers.basemap.title')}</legend>
      {options.map((o) => (
        <label key={o.id} className="basemap-picker__option">
          <input
            type="radio"
            name="basemap"
            value={o.id}
            checked={current === o.id}
            onChange={() => onChoose(o.id)}
            data-testid={`basemap-${o.id}`}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
