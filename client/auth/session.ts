/**
 * Who is looking, as pure state: the answer of `GET /api/auth/me` (or of a login or a kiosk
 * token) decides whether the page shows the dashboard or the login page. The effects that ask
 * the server live in use-session.ts; this module only decides.
 */
import type { Me } from '../../server/contract/index.ts';

/**
 * What the page shows: `starting` while it asks who the visitor is, `unreachable` when it
 * could not ask (retried by itself), `login` the login page, `dashboard` the map and panels.
 */
export type SessionView = 'starting' | 'unreachable' | 'login' | 'dashboard';

/** Why the login page is shown, as a note above the form: none, an expired session, a refused kiosk token. */
export type SessionNotice = 'expired' | 'kioskRefused' | null;

/** The session as the page sees it. */
export interface SessionState {
  view: SessionView;
  /** Who the server last said this browser is; null until it said, and after a session expired. */
  me: Me | null;
  /** The note the login page shows (default none). */
  notice: SessionNotice;
}

/** Before the server has been asked. */
export const INITIAL_SESSION: SessionState = { view: 'starting', me: null, notice: null };

/** What happened to the session. */
export type SessionEvent =
  /** `GET /api/auth/me` answered. */
  | { type: 'identified'; me: Me }
  /** The server (or its database) could not say who we are. */
  | { type: 'unreachable' }
  /** A login, or a kiosk token exchange, succeeded. */
  | { type: 'loggedIn'; me: Me }
  /** The server refused the kiosk token of the page's address. */
  | { type: 'kioskRefused' }
  /** A visitor of the open demo asked to log in. */
  | { type: 'loginChosen' }
  /** …and went back to the demo instead. */
  | { type: 'loginCancelled' }
  /** A data request answered 401: the session ended (expired, revoked, or the demo closed). */
  | { type: 'expired' }
  /** Ask the server again who we are (after a logout, or to retry). */
  | { type: 'restarting' };

/** Whether this visitor must log in before seeing anything: anonymous, and the demo is closed. */
export function mustLogIn(me: Me): boolean {
  return me.role === 'public' && !me.demo;
}

/** Whether the session belongs to someone (a user or a screen), not an anonymous visitor. */
export function isSignedIn(me: Me | null): me is Me {
  return me !== null && me.role !== 'public';
}

/** The next session state. */
export function sessionReducer(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'identified': {
      const { me } = event;
      if (isSignedIn(me)) return { view: 'dashboard', me, notice: null };
      // An anonymous visitor sees the demo, unless they must log in, or have just been told why
      // they are not signed in (expired session, refused token): the note must be seen.
      const toLogin = mustLogIn(me) || state.notice !== null || state.view === 'login';
      return { view: toLogin ? 'login' : 'dashboard', me, notice: toLogin ? state.notice : null };
    }
    case 'unreachable':
      return state.view === 'starting' ? { ...state, view: 'unreachable' } : state;
    case 'loggedIn':
      return { view: 'dashboard', me: event.me, notice: null };
    case 'kioskRefused':
      return { ...state, notice: 'kioskRefused' };
    case 'loginChosen':
      return state.view === 'dashboard' ? { ...state, view: 'login', notice: null } : state;
    case 'loginCancelled':
      return state.view === 'login' && state.me?.demo
        ? { ...state, view: 'dashboard', notice: null }
        : state;
    case 'expired':
      if (state.view !== 'dashboard') return state;
      // Who we were is no longer true; the login page asks the server again for the demo link.
      return { view: 'login', me: null, notice: isSignedIn(state.me) ? 'expired' : null };
    case 'restarting':
      return { view: 'starting', me: null, notice: state.notice };
  }
}

/**
 * A key that changes whenever someone else is looking: the dashboard is rebuilt for them,
 * since what a session may see depends on its role and area.
 */
export function sessionIdentity(me: Me | null): string {
  if (!me) return 'nobody';
  return `${me.role}:${me.username ?? ''}:${me.areaCode ?? ''}`;
}
