import type { ReactNode } from 'react';
import type { Lang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { recordEnded } from '../dataset/frame.ts';
import { Logo } from './Logo.tsx';
import './header.css';

/** Props of {@link Header}. */
export interface HeaderProps {
  /** Shows the 示意数据 badge (the data set is the illustrative demo). */
  illustrative: boolean;
  /** Who is looking (demo note, big-screen mode, or the user with logout); default none. */
  account?: ReactNode;
  /** The search box, in the middle of the bar (default none). */
  search?: ReactNode;
  onLangChange(lang: Lang): void;
}

/**
 * The dark top bar: product name, the zone, the data-set note, who is looking and the language
 * switch.
 */
export function Header({ illustrative, account, search, onLangChange }: HeaderProps) {
  const { t, lang } = useI18n();
  const { dataset } = useDataset();
  const ended = recordEnded(dataset);
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <Logo className="app-header__logo" />
        <h1 className="app-header__title">{t('app.title')}</h1>
        <span
          className="app-header__subtitle"
          title={t('app.subtitle', { zone: dataset.zone?.name ?? dataset.name ?? '' })}
        >
          {t('app.subtitle', { zone: dataset.zone?.name ?? dataset.name ?? '' })}
        </span>
      </div>
      {search && <div className="app-header__search">{search}</div>}
      <div className="app-header__tools">
        {ended && (
          <span className="badge" title={t('app.recordEndsHint')} data-testid="record-ends">
            {t('app.recordEnds', { date: ended })}
          </span>
        )}
        {illustrative && (
          <span className="badge" title={t('app.illustrativeHint')} data-testid="illustrative">
            {t('app.illustrative')}
          </span>
        )}
        {account}
        <button
          type="button"
          className="lang-switch"
          title={t('app.langSwitchHint')}
          onClick={() => onLangChange(lang === 'zh-CN' ? 'en' : 'zh-CN')}
          data-testid="lang-switch"
          lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
        >
          {t('app.langSwitch')}
        </button>
      </div>
    </header>
  );
}
