import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Me } from '../../server/contract/index.ts';
import {
  ApiError,
  exchangeKioskToken,
  fetchMe,
  logout as postLogout,
  subscribeApiOutcomes,
} from '../api/api.ts';
import { withoutKioskToken } from './kiosk-url.ts';
import { retryDelay } from '../connection/retry.ts';
import {
  INITIAL_SESSION,
  isSignedIn,
  sessionIdentity,
  sessionReducer,
  type SessionState,
} from './session.ts';

/** How often a signed-in page checks that its session still holds (ms). */
const SESSION_CHECK_MS = 60_000;

/** What {@link useSession} gives the app. */
export interface Session {
  state: SessionState;
  /** A login succeeded: show the dashboard for this user. */
  loggedIn(me: Me): void;
  /** Ends the session, then asks the server again who we are (demo or login page). */
  logout(): Promise<void>;
  /** A demo visitor asked for the login page. */
  chooseLogin(): void;
  /** …and went back to the demo. */
  cancelLogin(): void;
}

/** A big screen's kiosk token, kept in memory for the page's life (never in the address). */
interface KioskToken {
  token: string;
  /** `pending` until the server accepted it (again), `refused` once it did not. */
  state: 'pending' | 'accepted' | 'refused';
}

/**
 * The session: who is looking (`GET /api/auth/me`), the kiosk token of a big screen's link,
 * logins and logouts, and the way back to the login page when a data request answers 401.
 *
 * `kioskToken` is the token the page was opened with (read once, before anything else); it is
 * removed from the address at once and exchanged for a session. If that session later expires
 * the screen exchanges the token again by itself, since nobody is there to log in.
 */
export function useSession(kioskToken: string | null): Session {
  const [state, dispatch] = useReducer(sessionReducer, INITIAL_SESSION);
  const [attempt, setAttempt] = useState(0);
  const kiosk = useRef<KioskToken | null>(
    kioskToken ? { token: kioskToken, state: 'pending' } : null,
  );
  const viewRef = useRef(state.view);
  const meRef = useRef(state.me);
  useEffect(() => {
    viewRef.current = state.view;
    meRef.current = state.me;
  }, [state.view, state.me]);

  const restart = useCallback(() => {
    dispatch({ type: 'restarting' });
    setAttempt((n) => n + 1);
  }, []);

  // The token must stay neither in the address bar nor in the history: replace the entry.
  useEffect(() => {
    if (kioskToken) history.replaceState(history.state, '', withoutKioskToken(location));
  }, [kioskToken]);

  // Who are we? (Exchanging the kiosk token first, when the page has one still to exchange.)
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const identify = async () => {
      const k = kiosk.current;
      if (k?.state === 'pending') {
        try {
          const me = await exchangeKioskToken(k.token, signal);
          k.state = 'accepted';
          dispatch({ type: 'loggedIn', me });
          return;
        } catch (error) {
          if (signal.aborted) return;
          const refused =
            error instanceof ApiError && (error.status === 401 || error.status === 400);
          if (!refused) {
            dispatch({ type: 'unreachable' });
            return;
          }
          k.state = 'refused';
          dispatch({ type: 'kioskRefused' });
        }
      }
      try {
        const me = await fetchMe(signal);
        dispatch({ type: 'identified', me });
      } catch {
        if (!signal.aborted) dispatch({ type: 'unreachable' });
      }
    };
    void identify();
    return () => controller.abort();
  }, [attempt]);

  // Could not ask: ask again shortly, for as long as it takes (an unattended screen may start
  // before its server).
  useEffect(() => {
    if (state.view !== 'unreachable') return;
    // Asked again sooner at first, then less often, up to 10 s while the server stays away.
    const timer = setTimeout(
      () => setAttempt((n) => n + 1),
      retryDelay(attempt + 1, Math.random(), 10_000),
    );
    return () => clearTimeout(timer);
  }, [state.view, attempt]);

  // The session is over (expired, revoked): back to the login page, saying so.
  const sessionLost = useCallback(() => {
    if (viewRef.current !== 'dashboard') return;
    const k = kiosk.current;
    if (meRef.current?.role === 'screen' && k?.state === 'accepted') {
      // A big screen logs itself in again with the token it was opened with.
      k.state = 'pending';
      restart();
      return;
    }
    dispatch({ type: 'expired' });
    // Ask who we are now, for the login page's way back to the demo.
    setAttempt((n) => n + 1);
  }, [restart]);

  // A data request answered 401.
  useEffect(
    () =>
      subscribeApiOutcomes((outcome) => {
        if (!outcome.ok && outcome.error.status === 401) sessionLost();
      }),
    [sessionLost],
  );

  // With the open demo on, an expired session gets no 401 (the data is public): the server
  // quietly answers as to a visitor. Ask now and then whether we are still who we were.
  const signedIn = state.view === 'dashboard' && isSignedIn(state.me);
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      fetchMe(controller.signal).then(
        (me) => {
          if (!isSignedIn(me)) sessionLost();
          else if (sessionIdentity(me) !== sessionIdentity(meRef.current))
            dispatch({ type: 'identified', me });
        },
        // An outage: the connection banner tells it, and the next look will do.
        () => {},
      );
    }, SESSION_CHECK_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [signedIn, sessionLost]);

  const loggedIn = useCallback((me: Me) => {
    dispatch({ type: 'loggedIn', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await postLogout();
    } catch (error) {
      // The server will end the session by itself; the page asks who we are all the same.
      console.warn('logout:', error);
    }
    if (kiosk.current) kiosk.current.state = 'refused';
    restart();
  }, [restart]);

  const chooseLogin = useCallback(() => dispatch({ type: 'loginChosen' }), []);
  const cancelLogin = useCallback(() => dispatch({ type: 'loginCancelled' }), []);

  return { state, loggedIn, logout, chooseLogin, cancelLogin };
}
