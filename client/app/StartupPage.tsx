import { useI18n } from '../i18n/use-i18n.ts';

/** Props of {@link StartupPage}. */
export interface StartupPageProps {
  /** The server could not say who we are yet; it is asked again by itself. */
  unreachable: boolean;
}

/** What the page shows while it asks the server who is looking. */
export function StartupPage({ unreachable }: StartupPageProps) {
  const { t } = useI18n();
  return (
    <main className="startup-page" data-testid="startup-page" aria-busy={!unreachable}>
      <div className={`startup-page__message${unreachable ? ' startup-page__message--warn' : ''}`}>
        <span className="startup-page__spinner" aria-hidden="true" />
        <span role="status">{t(unreachable ? 'startup.unreachable' : 'startup.connecting')}</span>
      </div>
    </main>
  );
}
