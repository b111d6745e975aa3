/**
 * Why a login failed, in the UI's words: a sentence from the catalogue for the kind of refusal,
 * and the server's own message (English) as the detail, so nothing it said is lost (e.g. after how
 * many wrong passwords an account is locked, and for how long).
 */
import { ApiError } from '../api/api.ts';
import type { MessageKey, MessageParams } from '../i18n/i18n.ts';

/** A login failure as the login page shows it. */
export interface LoginProblem {
  /** The sentence that explains it. */
  key: MessageKey;
  params?: MessageParams;
  /** The server's message, when it sent one. */
  detail: string | null;
  /** Whether the password was wrong: the page clears it for the next try. */
  wrongCredentials: boolean;
}

/** Explains what `POST /api/auth/login` threw. */
export function loginProblem(error: unknown): LoginProblem {
  if (!(error instanceof ApiError)) {
    return { key: 'error.unknown', detail: String(error), wrongCredentials: false };
  }
  const detail = error.serverMessage;
  // The server's sentence for the problem, in the UI's language, says most (the lock's rule,
  // the limit): it is the summary.
  if (error.code === 'login.refused' || error.code === 'request.tooMany') {
    return {
      key: `problem.${error.code}`,
      params: error.params,
      detail,
      wrongCredentials: error.code === 'login.refused',
    };
  }
  switch (error.status) {
    // Also a locked account: the server answers every refused login alike, so that the
    // answer does not tell which usernames exist; the sentence names the lock.
    case 401:
      return { key: 'login.wrong', detail, wrongCredentials: true };
    case 429:
      return error.retryAfterS !== null
        ? {
            key: 'login.tooMany',
            params: { seconds: error.retryAfterS },
            detail,
            wrongCredentials: false,
          }
        : { key: 'login.tooManyLater', detail, wrongCredentials: false };
    case 400:
      return { key: 'login.invalid', detail, wrongCredentials: false };
    default:
      return { key: error.messageKey, detail, wrongCredentials: false };
  }
}
