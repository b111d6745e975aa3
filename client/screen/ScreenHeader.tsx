import { useEffect, useState } from 'react';
import { DelayBanner, DelayBannerGlyphs } from '../connection/DelayBanner.tsx';
import { useDataset } from '../dataset/use-dataset.ts';
import { recordEnded } from '../dataset/frame.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import './screen-header.css';

/** Props of {@link ScreenHeader}. */
export interface ScreenHeaderProps {
  /** Device pixels per design pixel. */
  scale: number;
  /** Size in design pixels. */
  width: number;
  height: number;
  /** The stream's state: `live`, `connecting` or `delayed`. */
  status: 'live' | 'connecting' | 'delayed';
  /** Show the delay banner: the stream or the server is unreachable. */
  delay: { cause: 'database' | 'server' | null; lastGoodAt: number | null } | null;
  /** The data set is the illustrative demo. */
  illustrative: boolean;
  /** When the figures were counted (local `YYYY-MM-DDTHH:MM`), or null before. */
  at: string | null;
}

/** The screen's title strip: name, live state or the delay banner, the figures' time, a clock. */
export function ScreenHeader({
  scale,
  width,
  height,
  status,
  delay,
  illustrative,
  at,
}: ScreenHeaderProps) {
  const { t, clock } = useI18n();
  const { dataset } = useDataset();
  const ended = recordEnded(dataset);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <header
      className="screen-header"
      style={{ width, height, transform: `scale(${scale})` }}
      data-testid="screen-header"
    >
      <div className="screen-header__title">
        <h1>{t('screen.title')}</h1>
        <span className="screen-header__subtitle">
          {t('app.subtitle', { zone: dataset.zone?.name ?? dataset.name ?? '' })}
        </span>
        {illustrative && <span className="screen-header__badge">{t('app.illustrative')}</span>}
      </div>
      <div className="screen-header__middle">
        {delay ? (
          <DelayBanner cause={delay.cause} lastGoodAt={delay.lastGoodAt} />
        ) : (
          <span className={`screen-status screen-status--${status}`} data-testid="screen-status">
            <i className="screen-status__dot" aria-hidden="true" />
            {t(status === 'live' ? 'screen.live' : 'screen.connecting')}
          </span>
        )}
      </div>
      <DelayBannerGlyphs />
      <div className="screen-header__time">
        {ended && (
          <span className="screen-header__at" data-testid="record-ends">
            {t('app.recordEnds', { date: ended })}
          </span>
        )}
        {at && (
          <span className="screen-header__at">
            {t('screen.dataAt', { time: at.replace('T', ' ') })}
          </span>
        )}
        <time className="screen-header__clock">{clock(now, now)}</time>
      </div>
    </header>
  );
}
