/** Small pieces the overlay legends share. */
import { useI18n } from '../../i18n/use-i18n.ts';

/**
 * A colour ramp with its two ends, for sequential scales. When nothing is counted (`empty`) it
 * says so instead: a "0–0" ramp reads as a broken legend.
 */
export function Ramp({
  colours,
  low,
  high,
  testId,
  empty = false,
}: {
  colours: string[];
  low: string;
  high: string;
  testId?: string;
  empty?: boolean;
}) {
  const { t } = useI18n();
  if (empty) {
    return (
      <p className="layer-panel__note" data-testid={testId && `${testId}-empty`}>
        {t('layers.flat')}
      </p>
    );
  }
  return (
    <div className="layer-ramp">
      <span>{low}</span>
      <div
        className="layer-ramp__bar"
        style={{ background: `linear-gradient(to right, ${colours.join(', ')})` }}
      />
      <span data-testid={testId}>{high}</span>
    </div>
  );
}

/** A small notice of a layer that failed to load. */
export function LayerError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return <p className="layer-panel__note layer-panel__note--error">{t('layers.failed')}</p>;
}
