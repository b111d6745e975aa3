import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import './delay-banner.css';

/** Props of {@link DelayBanner}. */
export interface DelayBannerProps {
  /** What is unreachable: the database (the server said so) or the server itself. */
  cause: 'database' | 'server' | null;
  /** When the data last arrived (ms since the epoch); null if it never did. */
  lastGoodAt: number | null;
}

/**
 * The "data delayed" banner, shown while the server or its database is unreachable: a strip
 * under the header, prominent but blocking nothing, since the last data stays on screen. It says
 * what is unreachable and when the data last arrived.
 */
export function DelayBanner({ cause, lastGoodAt }: DelayBannerProps) {
  const { t, clock } = useI18n();
  // Ticks so that a date appears in front of the time once midnight has passed.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="delay-banner" role="status" data-testid="delay-banner">
      <span className="delay-banner__pulse" aria-hidden="true" />
      <div className="delay-banner__text">
        <strong className="delay-banner__title">
          {t(cause === 'server' ? 'delay.server' : 'delay.database')}
        </strong>
        <span className="delay-banner__meta">
          {lastGoodAt !== null && (
            <>
              <span data-testid="delay-last-good">
                {t('delay.lastGood', { time: clock(lastGoodAt, now) })}
              </span>
              <span aria-hidden="true"> · </span>
            </>
          )}
          {t('delay.keeping')}
        </span>
      </div>
    </div>
  );
}

/**
 * The banner's glyphs, laid out once while the server is up, bold and regular: the font subsets
 * load on demand from this server, and during an outage they could not (boxes instead of text).
 */
export function DelayBannerGlyphs() {
  const { t } = useI18n();
  return (
    <span className="visually-hidden" aria-hidden="true">
      <strong>
        {t('delay.server')}
        {t('delay.database')}
      </strong>
      {t('delay.lastGood', { time: '0123456789:' })}
      {t('delay.keeping')}
    </span>
  );
}
