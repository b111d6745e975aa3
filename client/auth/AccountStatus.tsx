/**
 * Who is looking, in the header: the open demo's read-only note with a login button, the
 * big-screen mode, or the logged-in user's name and role with a logout button.
 */
import { areaRoutes, type Me } from '../../server/contract/index.ts';
import { useRouteQuery } from '../api/query.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import './account.css';

/** Props of {@link AccountStatus}. */
export interface AccountStatusProps {
  /** Who the server says this browser is; null shows nothing (not known yet, or logged out). */
  me: Me | null;
  /** Offers the login button to a demo visitor (not on the login page itself). */
  canLogIn: boolean;
  onLogin(): void;
  onLogout(): void;
}

export function AccountStatus({ me, canLogIn, onLogin, onLogout }: AccountStatusProps) {
  const { t } = useI18n();
  // An official's area by name (the session knows only its code).
  const areaCode = me?.role === 'official' ? me.areaCode : null;
  const area = useRouteQuery(areaRoutes.detail, areaCode ? { params: { code: areaCode } } : null);
  if (!me) return null;

  if (me.role === 'public') {
    if (!me.demo) return null;
    return (
      <div className="account">
        <span className="account__demo" title={t('account.demoHint')} data-testid="demo-badge">
          <svg className="account__icon" viewBox="0 0 16 16" aria-hidden="true">
            <path
              d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8Z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
            />
            <circle cx="8" cy="8" r="2" fill="currentColor" />
          </svg>
          {t('account.demo')}
        </span>
        {canLogIn && (
          <button
            type="button"
            className="header-button header-button--primary"
            onClick={onLogin}
            data-testid="login-button"
          >
            {t('account.login')}
          </button>
        )}
      </div>
    );
  }

  if (me.role === 'screen') {
    return (
      <div className="account">
        <span
          className="account__screen"
          title={t('account.screenHint')}
          data-testid="screen-badge"
        >
          <svg className="account__icon" viewBox="0 0 16 16" aria-hidden="true">
            <rect
              x="1.5"
              y="2.5"
              width="13"
              height="8.5"
              rx="1"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
            />
            <path d="M5.5 14h5M8 11v3" stroke="currentColor" strokeWidth="1.4" />
          </svg>
          {t('account.screen')}
        </span>
      </div>
    );
  }

  const name = me.displayName ?? me.username ?? '';
  return (
    <div className="account" data-testid="account">
      <span className="account__user" title={me.username ?? undefined}>
        <span className="account__avatar" aria-hidden="true">
          {Array.from(name)[0] ?? '?'}
        </span>
        <span className="visually-hidden">{t('account.signedIn')}</span>
        <span className="account__name" data-testid="account-name">
          {name}
        </span>
        <span className="account__role" data-testid="account-role">
          {t(`role.${me.role}`)}
          {areaCode ? ` · ${area.data?.code === areaCode ? area.data.name : areaCode}` : ''}
        </span>
      </span>
      <button
        type="button"
        className="header-button"
        onClick={onLogout}
        data-testid="logout-button"
      >
        {t('account.logout')}
      </button>
    </div>
  );
}
