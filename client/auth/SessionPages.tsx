/**
 * What every mode shows while no one may see its view yet: the login page, or the startup page
 * while the server is being reached. The dashboard and the wall screen both put it below their
 * own view.
 */
import { StartupPage } from '../app/StartupPage.tsx';
import { LoginPage } from './LoginPage.tsx';
import type { Session } from './use-session.ts';

export function SessionPages({ session }: { session: Session }) {
  const { view, me, notice } = session.state;
  return (
    <>
      {view === 'login' && (
        <LoginPage
          notice={notice}
          demoAvailable={me?.demo === true}
          onLoggedIn={session.loggedIn}
          onBackToDemo={session.cancelLogin}
        />
      )}
      {(view === 'starting' || view === 'unreachable') && (
        <StartupPage unreachable={view === 'unreachable'} />
      )}
    </>
  );
}
