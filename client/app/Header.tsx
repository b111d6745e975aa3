import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Lang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { recordEnded } from '../dataset/frame.ts';
import { Logo } from './Logo.tsx';
import { useNarrowScreen } from './use-narrow-screen.ts';
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
 * switch. On a narrow screen the bar keeps the name and the search, and the rest opens from a
 * menu button below it.
 */
export function Header({ illustrative, account, search, onLangChange }: HeaderProps) {
  const { t, lang } = useI18n();
  const { dataset } = useDataset();
  const ended = recordEnded(dataset);
  const narrow = useNarrowScreen();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const headerRef = useRef<HTMLElement>(null);
  const open = narrow && menuOpen;
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!headerRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <header
      ref={headerRef}
      className={`app-header${open ? ' app-header--menu-open' : ''}`}
      data-testid="app-header"
    >
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
      {search && (
        <div className="app-header__search" data-testid="header-search">
          {search}
        </div>
      )}
      {narrow && (
        <button
          type="button"
          className="app-header__menu"
          aria-expanded={open}
          aria-controls={menuId}
          aria-label={t('app.menu')}
          title={t('app.menu')}
          onClick={() => setMenuOpen(!menuOpen)}
          data-testid="header-menu"
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M3 5h14M3 10h14M3 15h14" />
          </svg>
        </button>
      )}
      <div
        className="app-header__tools"
        id={menuId}
        data-testid="header-tools"
        // A choice made in the open menu (a mode, the language, logging in) closes it.
        onClick={(e) => {
          if (open && (e.target as Element).closest('a, button')) setMenuOpen(false);
        }}
      >
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
