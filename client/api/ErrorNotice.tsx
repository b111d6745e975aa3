import { useI18n } from '../i18n/use-i18n.ts';
import { ApiError } from './api.ts';
import { ServerDetail } from './ServerDetail.tsx';
import './error-notice.css';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  /** What was thrown: an {@link ApiError} is explained in the UI language. */
  error: unknown;
  /** Offers a retry button when given. */
  onRetry?: () => void;
  /** Extra class for placement. */
  className?: string;
}

/**
 * Explains a failed request: a sentence in the UI language for the kind of failure, then what
 * the server said, in the UI's language where the problem has a code (`ServerDetail`).
 */
export function ErrorNotice({ error, onRetry, className }: ErrorNoticeProps) {
  const { t } = useI18n();
  const apiError = error instanceof ApiError ? error : null;
  const summary = apiError ? t(apiError.messageKey) : t('error.unknown');
  return (
    <div className={`error-notice ${className ?? ''}`} role="alert" data-testid="error">
      <div className="error-notice__title">{t('error.title')}</div>
      <p className="error-notice__summary">{summary}</p>
      <ServerDetail error={error} shown={summary} className="error-notice__detail" />
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
