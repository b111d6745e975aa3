/**
 * The login page: shown instead of the map when the visitor must log in, after a session
 * expired, when a kiosk token was refused, or when a visitor of the open demo asks for it.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Me } from '../../server/contract/index.ts';
import { login } from '../api/api.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { loginProblem, type LoginProblem } from './login-problem.ts';
import { ServerDetail } from '../api/ServerDetail.tsx';
import type { SessionNotice } from './session.ts';
import { Logo } from '../app/Logo.tsx';
import './login.css';

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  /** A note above the form: the session expired, or the kiosk token was refused (default none). */
  notice: SessionNotice;
  /** Offers the way back to the read-only demo (when the server runs it). */
  demoAvailable: boolean;
  onLoggedIn(me: Me): void;
  onBackToDemo(): void;
}

export function LoginPage({ notice, demoAvailable, onLoggedIn, onBackToDemo }: LoginPageProps) {
  const { t } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  /** What the last try threw: the server's words under the sentence. */
  const [failure, setFailure] = useState<unknown>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    usernameRef.current?.focus();
    return () => {
      mounted.current = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const name = username.trim();
    if (name === '' || password === '') {
      setProblem({ key: 'login.missing', detail: null, wrongCredentials: false });
      setFailure(null);
      (name === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setSending(true);
    setProblem(null);
    setFailure(null);
    try {
      const me = await login({ username: name, password });
      if (mounted.current) onLoggedIn(me);
    } catch (error) {
      if (!mounted.current) return;
      const found = loginProblem(error);
      setProblem(found);
      setFailure(error);
      setSending(false);
      if (found.wrongCredentials) setPassword('');
      // Back where the user types the next try; the alert below is read out.
      requestAnimationFrame(() => passwordRef.current?.focus());
    }
  };

  const errorId = `${id}-error`;
  const invalid = problem !== null;
  return (
    <main className="login-page" data-testid="login-page">
      <section className="login-card" aria-labelledby={`${id}-title`}>
        <div className="login-card__brand" aria-hidden="true">
          <Logo className="login-card__logo" />
          <span>{t('app.title')}</span>
        </div>
        <h2 className="login-card__title" id={`${id}-title`}>
          {t('login.title')}
        </h2>
        <p className="login-card__lead">{t('login.lead')}</p>

        {notice && (
          <div
            className={`login-notice login-notice--${notice === 'kioskRefused' ? 'error' : 'info'}`}
            role={notice === 'kioskRefused' ? 'alert' : 'status'}
            data-testid="login-notice"
          >
            {t(notice === 'expired' ? 'login.expired' : 'login.kioskRefused')}
          </div>
        )}

        <form className="login-form" onSubmit={submit} noValidate aria-busy={sending}>
          <label className="login-form__label" htmlFor={`${id}-username`}>
            {t('login.username')}
          </label>
          <input
            ref={usernameRef}
            id={`${id}-username`}
            className="login-form__input"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={40}
            value={username}
            readOnly={sending}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
          <label className="login-form__label" htmlFor={`${id}-password`}>
            {t('login.password')}
          </label>
          <input
            ref={passwordRef}
            id={`${id}-password`}
            className="login-form__input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
            value={password}
            readOnly={sending}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
          <div id={errorId} role="alert" className="login-form__alert">
            {problem && (
              <div className="login-error" data-testid="login-error">
                <p className="login-error__summary">{t(problem.key, problem.params)}</p>
                {failure !== null && (
                  <ServerDetail
                    error={failure}
                    shown={t(problem.key, problem.params)}
                    className="login-error__detail"
                  />
                )}
              </div>
            )}
          </div>
          <button
            type="submit"
            className="login-form__submit"
            disabled={sending}
            data-testid="login-submit"
          >
            {sending ? t('login.sending') : t('login.submit')}
          </button>
        </form>

        {demoAvailable && (
          <button
            type="button"
            className="login-card__demo"
            onClick={onBackToDemo}
            data-testid="back-to-demo"
          >
            {t('login.backToDemo')}
          </button>
        )}
        <p className="login-card__foot">{t('login.footnote')}</p>
      </section>
    </main>
  );
}
