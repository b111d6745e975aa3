/**
 * What a mode kept for some roles (the workbench, the data import, the admin page) shows anyone else: that it
 * is theirs only, with a login for a visitor and the way back to the dashboard.
 */
import type { Me } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import './mode-denied.css';

/** Props of {@link ModeDenied}. */
export interface ModeDeniedProps {
  me: Me | null;
  /** Shows the login page. */
  onLogin(): void;
  /** The mode: its page class, test-id prefix and messages (`<block>.title`, …). */
  block: 'planner' | 'imports' | 'admin';
  /** The mode's button class (`button`, `imports-button`, `admin-button`); `--primary` is added for the login. */
  button: string;
}

export function ModeDenied({ me, onLogin, block, button }: ModeDeniedProps) {
  const { t, lang } = useI18n();
  const anonymous = me === null || me.role === 'public';
  return (
    <main className={`${block} mode-message`} data-testid={`${block}-denied`}>
      <div className="mode-denied">
        <h2>{t(`${block}.title`)}</h2>
        <p>{t(anonymous ? `${block}.deniedLogin` : `${block}.denied`)}</p>
        <div className="mode-denied__buttons">
          {anonymous && (
            <button
              type="button"
              className={`${button} ${button}--primary`}
              onClick={onLogin}
              data-testid={`${block}-login`}
            >
              {t('account.login')}
            </button>
          )}
          <a className={button} href={`/?lang=${lang}`}>
            {t(`${block}.toDashboard`)}
          </a>
        </div>
      </div>
    </main>
  );
}
