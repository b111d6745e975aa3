import { useI18n } from '../i18n/use-i18n.ts';

/** What a mode shows while its code downloads (the start-up page's look, a different line). */
export function ModuleLoading() {
  const { t } = useI18n();
  return (
    <main className="startup-page" data-testid="module-loading" aria-busy="true">
      <div className="startup-page__message">
        <span className="startup-page__spinner" aria-hidden="true" />
        <span role="status">{t('app.loadingModule')}</span>
      </div>
    </main>
  );
}
