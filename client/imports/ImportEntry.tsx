/**
 * The way into the data import (`?mode=import`): admins get the page; anyone else is told it
 * is theirs only, with a login for a visitor and the way back to the dashboard.
 */
import { Suspense } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { lazyMode } from '../app/lazy-mode.ts';
import { ModuleLoading } from '../app/ModuleLoading.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { mayImportData } from './access.ts';

/** The import page, a chunk of its own; the refusal below needs none of it. */
export const importPage = lazyMode(
  () => import('./ImportPage.tsx').then((m) => m.ImportPage),
  () => import('./i18n/index.ts').then((m) => m.IMPORTS_MESSAGES),
);
const ImportPage = importPage.Component;
import './imports.css';

/** Props of {@link ImportEntry}. */
export interface ImportEntryProps {
  me: Me | null;
  /** Shows the login page. */
  onLogin(): void;
}

export function ImportEntry({ me, onLogin }: ImportEntryProps) {
  const { t, lang } = useI18n();
  if (mayImportData(me))
    return (
      <Suspense fallback={<ModuleLoading />}>
        <ImportPage />
      </Suspense>
    );
  const anonymous = me === null || (me as Me).role === 'public';
  return (
    <main className="imports imports--message" data-testid="imports-denied">
      <div className="imports-denied">
        <h2>{t('imports.title')}</h2>
        <p>{t(anonymous ? 'imports.deniedLogin' : 'imports.denied')}</p>
        <div className="imports-denied__buttons">
          {anonymous && (
            <button
              type="button"
              className="imports-button imports-button--primary"
              onClick={onLogin}
              data-testid="imports-login"
            >
              {t('account.login')}
            </button>
          )}
          <a className="imports-button" href={`/?lang=${lang}`}>
            {t('imports.toDashboard')}
          </a>
        </div>
      </div>
    </main>
  );
}
