import { useI18n } from '../i18n/use-i18n.ts';
import type { MessageKey, MessageParams, Translator } from '../i18n/i18n.ts';
import { ApiError } from './call.ts';
import './server-detail.css';

/** Parameters that hold a role's key (`role.required`): said by the role's name. */
const ROLE_PARAMS = new Set(['role', 'yours']);

function namedRoles(params: MessageParams, t: Translator['t']): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      ROLE_PARAMS.has(name) ? t(`role.${value}` as MessageKey) : value,
    ]),
  );
}

/** Props of {@link ServerDetail}. */
export interface ServerDetailProps {
  /** What was thrown. */
  error: unknown;
  /** The sentence already shown above it: a problem sentence equal to it is not repeated. */
  shown?: string;
  /** Class of the paragraph, as the surrounding card styles it. */
  className: string;
}

/**
 * What the server said about a failure, in the UI's language: the sentence of the problem's
 * code (`problem.<code>`), and the server's own words (English) folded away as a technical
 * detail, so nothing it said is lost and no English shows in the Chinese UI. A problem
 * without a code shows only the folded detail.
 */
export function ServerDetail({ error, shown, className }: ServerDetailProps) {
  const { t } = useI18n();
  const apiError = error instanceof ApiError ? error : null;
  const said = apiError?.code
    ? t(`problem.${apiError.code}` as MessageKey, namedRoles(apiError.params, t))
    : null;
  const original = apiError ? apiError.serverMessage : String(error);
  return (
    <>
      {said && said !== shown && (
        <p className={className} data-testid="error-problem">
          {said}
        </p>
      )}
      {original && (
        <details className={`${className} server-detail`}>
          <summary>{t('error.technical')}</summary>
          <span lang="en">{original}</span>
        </details>
      )}
    </>
  );
}
