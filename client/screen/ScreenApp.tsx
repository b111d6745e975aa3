/**
 * The command center's big screen (`/?mode=screen`): one address a duty officer opens on the
 * wall and never touches again. Signs in like the dashboard (a kiosk token in the address is
 * exchanged for a session and taken out of it, and exchanged again when the session ends),
 * watches the connection, and shows the screen at any wall size.
 */
import { useEffect, useMemo, useState } from 'react';
import { useDataset } from '../dataset/use-dataset.ts';
import { kioskTokenOf } from '../auth/kiosk-url.ts';
import { SessionPages } from '../auth/SessionPages.tsx';
import { sessionIdentity } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { useConnection } from '../connection/use-connection.ts';
import { useInvalidateOn, useVersionChanges } from '../api/query.ts';
import { translator } from '../i18n/i18n.ts';
import { I18nContext } from '../i18n/use-i18n.ts';
import {
  EMPTY_VOCABULARY,
  VocabularyContext,
  useVocabularyLoader,
} from '../i18n/use-vocabulary.ts';
import { parseScreenParams } from './screen-params.ts';
import { ScreenView } from './ScreenView.tsx';
import './screen.css';

function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: innerWidth, height: innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: innerWidth, height: innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

export function ScreenApp() {
  // Read before any effect rewrites the address (the token is then taken out of it).
  const [kioskToken] = useState(() => kioskTokenOf(location.search));
  const { frame } = useDataset();
  const [params] = useState(() => parseScreenParams(location.search, frame));
  const connection = useConnection();
  // Another data set loaded (the health check's version moved): every answer is read again.
  useInvalidateOn(useVersionChanges(connection.state.health?.dataVersion));
  const vocabulary = useVocabularyLoader();
  const tr = useMemo(
    () => translator(params.lang, frame.timeZone, vocabulary),
    [params.lang, frame.timeZone, vocabulary],
  );
  const session = useSession(kioskToken);
  const { view, me } = session.state;
  const { width, height } = useWindowSize();

  useEffect(() => {
    document.documentElement.lang = params.lang;
    document.title = tr.t('screen.title');
    document.documentElement.classList.add('screen-mode');
    return () => document.documentElement.classList.remove('screen-mode');
  }, [params.lang, tr]);

  return (
    <I18nContext.Provider value={tr}>
      <VocabularyContext.Provider value={vocabulary ?? EMPTY_VOCABULARY}>
        <div className="screen" data-view={view}>
          {view === 'dashboard' && (
            <ScreenView
              // Someone else signed in sees what they may see: a screen of their own.
              key={sessionIdentity(me)}
              params={params}
              width={width}
              height={height}
              connection={connection}
            />
          )}
          <SessionPages session={session} />
        </div>
      </VocabularyContext.Provider>
    </I18nContext.Provider>
  );
}
