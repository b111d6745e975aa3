import { describe, expect, it } from 'vitest';
import type { Me } from '../../server/contract/index.ts';
import {
  INITIAL_SESSION,
  mustLogIn,
  sessionIdentity,
  sessionReducer,
  type SessionEvent,
  type SessionState,
} from './session.ts';

const DEMO_VISITOR: Me = {
  role: 'public',
  username: null,
  displayName: null,
  areaCode: null,
  demo: true,
  loginRequired: false,
  detailIn: [],
};
const ANONYMOUS: Me = { ...DEMO_VISITOR, demo: false, loginRequired: true };
const OFFICIAL: Me = {
  role: 'official',
  username: 'chen',
  displayName: '陈书记',
  areaCode: 'PQ03',
  demo: false,
  loginRequired: true,
  detailIn: ['PQ03'],
};
const SCREEN: Me = { ...ANONYMOUS, role: 'screen' };

const run = (events: SessionEvent[], from: SessionState = INITIAL_SESSION) =>
  events.reduce(sessionReducer, from);

describe('sessionReducer', () => {
  it('shows the demo dashboard to a visitor when the demo is open', () => {
    expect(run([{ type: 'identified', me: DEMO_VISITOR }])).toEqual({
      view: 'dashboard',
      me: DEMO_VISITOR,
      notice: null,
    });
  });

  it('shows the login page to an anonymous visitor when a login is required', () => {
    expect(run([{ type: 'identified', me: ANONYMOUS }]).view).toBe('login');
  });

  it('shows the dashboard to someone already logged in', () => {
    expect(run([{ type: 'identified', me: OFFICIAL }]).view).toBe('dashboard');
  });

  it('shows the dashboard after a login', () => {
    const state = run([
      { type: 'identified', me: ANONYMOUS },
      { type: 'loggedIn', me: OFFICIAL },
    ]);
    expect(state).toEqual({ view: 'dashboard', me: OFFICIAL, notice: null });
  });

  it('goes to the login page with a note when a session expires', () => {
    const state = run([{ type: 'identified', me: OFFICIAL }, { type: 'expired' }]);
    expect(state).toEqual({ view: 'login', me: null, notice: 'expired' });
  });

  it('keeps the expiry note once the server says who we are now', () => {
    const state = run([
      { type: 'identified', me: OFFICIAL },
      { type: 'expired' },
      { type: 'identified', me: DEMO_VISITOR },
    ]);
    expect(state).toEqual({ view: 'login', me: DEMO_VISITOR, notice: 'expired' });
  });

  it('ignores a 401 that arrives when the dashboard is not shown', () => {
    const login = run([{ type: 'identified', me: ANONYMOUS }]);
    expect(sessionReducer(login, { type: 'expired' })).toBe(login);
  });

  it('shows a refused kiosk token on the login page, even when the demo is open', () => {
    const state = run([{ type: 'kioskRefused' }, { type: 'identified', me: DEMO_VISITOR }]);
    expect(state).toEqual({ view: 'login', me: DEMO_VISITOR, notice: 'kioskRefused' });
  });

  it('shows the dashboard in big-screen mode after a kiosk token was accepted', () => {
    expect(run([{ type: 'loggedIn', me: SCREEN }]).view).toBe('dashboard');
  });

  it('lets a demo visitor choose to log in, and go back', () => {
    const onDemo = run([{ type: 'identified', me: DEMO_VISITOR }]);
    const login = sessionReducer(onDemo, { type: 'loginChosen' });
    expect(login.view).toBe('login');
    expect(sessionReducer(login, { type: 'loginCancelled' }).view).toBe('dashboard');
  });

  it('offers no way back to a demo that is closed', () => {
    const login = run([{ type: 'identified', me: ANONYMOUS }]);
    expect(sessionReducer(login, { type: 'loginCancelled' })).toBe(login);
  });

  it('says the server is unreachable only while starting', () => {
    expect(run([{ type: 'unreachable' }]).view).toBe('unreachable');
    const dashboard = run([{ type: 'identified', me: OFFICIAL }]);
    expect(sessionReducer(dashboard, { type: 'unreachable' })).toBe(dashboard);
  });

  it('starts over after a logout', () => {
    const state = run([{ type: 'identified', me: OFFICIAL }, { type: 'restarting' }]);
    expect(state).toEqual(INITIAL_SESSION);
  });
});

describe('mustLogIn', () => {
  it('holds only for an anonymous visitor of a closed demo', () => {
    expect(mustLogIn(ANONYMOUS)).toBe(true);
    expect(mustLogIn(DEMO_VISITOR)).toBe(false);
    expect(mustLogIn(OFFICIAL)).toBe(false);
  });
});

describe('sessionIdentity', () => {
  it('changes with the user, so the dashboard is rebuilt for them', () => {
    expect(sessionIdentity(OFFICIAL)).not.toBe(sessionIdentity(DEMO_VISITOR));
    expect(sessionIdentity(OFFICIAL)).not.toBe(sessionIdentity({ ...OFFICIAL, username: 'wang' }));
    expect(sessionIdentity(SCREEN)).toBe(sessionIdentity({ ...SCREEN }));
  });
});
