/**
 * The app shell: reads the selection from the URL, finds out who is looking, watches the
 * connection, and shows the header with the dashboard, the login page or the start-up screen.
 * State changes go through the pure updaters of state/ and auth/ and into the browser history.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { useInvalidateOn, useVersionChanges } from '../api/query.ts';
import { AccountStatus } from '../auth/AccountStatus.tsx';
import { kioskTokenOf } from '../auth/kiosk-url.ts';
import { SessionPages } from '../auth/SessionPages.tsx';
import { isSignedIn, sessionIdentity } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { DelayBanner, DelayBannerGlyphs } from '../connection/DelayBanner.tsx';
import { useConnection } from '../connection/use-connection.ts';
import { DEFAULT_LANG, isLang, translator, type Lang } from '../i18n/i18n.ts';
import { I18nContext } from '../i18n/use-i18n.ts';
import {
  EMPTY_VOCABULARY,
  VocabularyContext,
  useVocabularyLoader,
} from '../i18n/use-vocabulary.ts';
import {
  historyAction,
  parseUrlState,
  selectArea,
  serializeUrlState,
  setLang,
  setMetric,
  setOverlays,
  type Metric,
  type UrlState,
} from '../state/url-state.ts';
import { withKnownCategories } from '../layers/issues/state.ts';
import type { OverlayState } from '../state/overlays.ts';
import { PlannerEntry, mayPlan, plannerApp } from '../planner/PlannerEntry.tsx';
import { ImportEntry, importPage } from '../imports/ImportEntry.tsx';
import { mayImportData } from '../imports/access.ts';
import { AdminEntry, adminPage } from '../admin/AdminEntry.tsx';
import { mayAdminister } from '../admin/access.ts';
import { Header } from './Header.tsx';
import { lazyMode } from './lazy-mode.ts';
import { ModuleLoading } from './ModuleLoading.tsx';
import { useNarrowScreen } from './use-narrow-screen.ts';
import { SearchBox } from '../panels/search/SearchBox.tsx';
import type { SiteFocus } from '../panels/search/site-focus.ts';
import type { SearchResult } from '../../server/contract/index.ts';
import { datasetRoutes, routeKey } from '../../server/contract/index.ts';
import { isScreenMode } from '../screen/screen-params.ts';
import { DatasetGate } from '../dataset/DatasetGate.tsx';
import { useDataset } from '../dataset/use-dataset.ts';

// Each mode in a chunk of its own: the dashboard's and the screen's deck.gl layers, the
// workbench and the data import are downloaded only by the address that shows them.
const dashboard = lazyMode(
  () => import('./Dashboard.tsx').then((m) => m.Dashboard),
  () => import('./i18n/index.ts').then((m) => m.DASHBOARD_MESSAGES),
);
const screenApp = lazyMode(
  () => import('../screen/ScreenApp.tsx').then((m) => m.ScreenApp),
  () => import('../screen/i18n/index.ts').then((m) => m.SCREEN_MESSAGES),
);
const Dashboard = dashboard.Component;
const ScreenApp = screenApp.Component;

/**
 * Width of the side panel (px) by window width; the CSS uses the same breakpoints. A narrow
 * screen has no side panel (the profile is a bottom sheet over the map).
 */
function panelWidth(windowWidth: number, narrow: boolean): number {
  if (narrow) return 0;
  return windowWidth >= 1600 ? 440 : 380;
}

/**
 * Someone else looking: what they may see differs, so nothing read for the one before is
 * shown to them (the first identity resets nothing).
 */
function useResetOnIdentity(identity: string): void {
  const client = useQueryClient();
  // The last one known: 'nobody' (not yet known, or logged out) is nobody's identity, so the
  // first who is known after a (re)mount resets nothing.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (identity === 'nobody') return;
    const before = seen.current;
    seen.current = identity;
    if (before === null || before === identity) return;
    // The data set is the same whoever looks; resetting it would unmount the app behind its
    // gate and lose the session's notice (an expired session's login page).
    const dataset = routeKey(datasetRoutes.describe);
    void client.resetQueries({ predicate: (q) => q.queryKey[0] !== dataset });
  }, [client, identity]);
}

function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/** The big screen (`?mode=screen`) or the dashboard, chosen once from the address. */
export function App() {
  const [screen] = useState(() => isScreenMode(location.search));
  if (!screen)
    return (
      <DatasetGate>
        <MapApp />
      </DatasetGate>
    );
  // The screen provides its own language once loaded; its loading line follows the address.
  const lang = new URLSearchParams(location.search).get('lang');
  return (
    <Suspense
      fallback={
        <I18nContext.Provider value={translator(isLang(lang) ? lang : DEFAULT_LANG)}>
          <div className="app">
            <ModuleLoading />
          </div>
        </I18nContext.Provider>
      }
    >
      <DatasetGate>
        <ScreenApp />
      </DatasetGate>
    </Suspense>
  );
}

function MapApp() {
  // Read before any effect rewrites the address (the token is then taken out of it).
  const [kioskToken] = useState(() => kioskTokenOf(location.search));
  const { frame } = useDataset();
  const [url, setUrl] = useState<UrlState>(() => parseUrlState(location.search, frame));
  // The planner's workbench (`?mode=plan`), the data import (`?mode=import`) and the admin
  // page (`?mode=admin`) keep their mode through every rewrite of the address.
  const [pageMode] = useState(() => new URLSearchParams(location.search).get('mode'));
  const planMode = pageMode === 'plan';
  const importMode = pageMode === 'import';
  const adminMode = pageMode === 'admin';
  const withMode = useCallback(
    (search: string) =>
      planMode || importMode || adminMode ? `${search}&mode=${pageMode}` : search,
    [planMode, importMode, adminMode, pageMode],
  );
  const connection = useConnection();
  // Read once at start (and after a data load), named by the translator, listed by components.
  const vocabulary = useVocabularyLoader();
  const tr = useMemo(
    () => translator(url.lang, frame.timeZone, vocabulary),
    [url.lang, frame.timeZone, vocabulary],
  );
  useEffect(() => {
    // The mode's code downloads while the session is asked for, not after.
    void (
      planMode ? plannerApp : importMode ? importPage : adminMode ? adminPage : dashboard
    ).preload();
  }, [planMode, importMode, adminMode]);

  // The URL is the state: write it on every change, read it on back/forward.
  const navigate = useCallback(
    (next: UrlState) => {
      const action = historyAction(url, next, frame);
      if (action === 'none') return;
      const search = withMode(serializeUrlState(next, frame));
      if (action === 'push') history.pushState(null, '', search);
      else history.replaceState(null, '', search);
      setUrl(next);
    },
    [url, withMode, frame],
  );
  useEffect(() => {
    // A hand-typed or shared URL is normalised in place (e.g. the language written out).
    history.replaceState(
      null,
      '',
      withMode(serializeUrlState(parseUrlState(location.search, frame), frame)),
    );
    const onPopState = () => setUrl(parseUrlState(location.search, frame));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [withMode, frame]);

  useEffect(() => {
    document.documentElement.lang = url.lang;
    document.title = tr.t('app.title');
  }, [url.lang, tr]);

  useEffect(() => {
    // A link naming a category this data set lacks would be refused by every issue request.
    if (!vocabulary) return;
    const known = withKnownCategories(
      url.overlays,
      vocabulary.issueCategory.map((c) => c.key),
    );
    if (known !== url.overlays) navigate({ ...url, overlays: known });
  }, [vocabulary, url, navigate]);

  const onSelect = useCallback((code: string) => navigate(selectArea(url, code)), [navigate, url]);
  // A search result selects its area (a site: its 小区), and a site is flown to and marked.
  const [siteFocus, setSiteFocus] = useState<SiteFocus | null>(null);
  const onSearchChoose = useCallback(
    (r: SearchResult) => {
      setSiteFocus(
        r.kind === 'site'
          ? { code: r.code, name: r.name, areaCode: r.areaCode, center: r.center }
          : null,
      );
      navigate(selectArea(url, r.areaCode));
    },
    [navigate, url],
  );
  const onLangChange = useCallback((lang: Lang) => navigate(setLang(url, lang)), [navigate, url]);
  const onMetricChange = useCallback(
    (metric: Metric) => navigate(setMetric(url, metric)),
    [navigate, url],
  );

  const onOverlaysChange = useCallback(
    (overlays: OverlayState) => navigate(setOverlays(url, overlays)),
    [navigate, url],
  );

  const session = useSession(kioskToken);
  const { view, me } = session.state;
  // Back after an outage, or another data set loaded: every answer on screen is read again.
  useInvalidateOn(connection.state.recoveries);
  useInvalidateOn(useVersionChanges(connection.state.health?.dataVersion));
  useResetOnIdentity(sessionIdentity(me));
  const { checkNow } = connection;
  const onMapSourceError = useCallback(
    (status: number) => {
      if (status === 0 || status === 502 || status === 503 || status === 504) checkNow();
    },
    [checkNow],
  );

  const windowWidth = useWindowWidth();
  const narrow = useNarrowScreen();
  const delayed = connection.state.status === 'delayed';

  return (
    <I18nContext.Provider value={tr}>
      <VocabularyContext.Provider value={vocabulary ?? EMPTY_VOCABULARY}>
        <div
          className="app"
          style={{ '--panel-width': `${panelWidth(windowWidth, narrow)}px` } as CSSProperties}
          data-view={view}
        >
          <Header
            illustrative={connection.state.health?.dataSource === 'demo'}
            account={
              <>
                {mayAdminister(me) && view === 'dashboard' && !importMode && (
                  <a
                    className="header-button"
                    href={adminMode ? `/?lang=${url.lang}` : `/?lang=${url.lang}&mode=admin`}
                    data-testid="admin-link"
                  >
                    {tr.t(adminMode ? 'admin.toDashboard' : 'admin.open')}
                  </a>
                )}
                {mayImportData(me) && view === 'dashboard' && !adminMode && (
                  <a
                    className="header-button"
                    href={importMode ? `/?lang=${url.lang}` : `/?lang=${url.lang}&mode=import`}
                    data-testid="imports-link"
                  >
                    {tr.t(importMode ? 'imports.toDashboard' : 'imports.open')}
                  </a>
                )}
                {mayPlan(me) && view === 'dashboard' && !importMode && !adminMode && (
                  <a
                    className="header-button"
                    href={planMode ? `/?lang=${url.lang}` : `/?lang=${url.lang}&mode=plan`}
                    data-testid="planner-link"
                  >
                    {tr.t(planMode ? 'planner.toDashboard' : 'planner.openWorkbench')}
                  </a>
                )}
                <AccountStatus
                  me={me}
                  canLogIn={view === 'dashboard'}
                  onLogin={session.chooseLogin}
                  onLogout={() => void session.logout()}
                />
              </>
            }
            search={
              // The workbench has no area selection for a search to set.
              view === 'dashboard' && !planMode && !importMode && !adminMode ? (
                <SearchBox onChoose={onSearchChoose} />
              ) : undefined
            }
            onLangChange={onLangChange}
          />
          {delayed ? (
            <DelayBanner cause={connection.state.cause} lastGoodAt={connection.state.lastGoodAt} />
          ) : (
            <DelayBannerGlyphs />
          )}
          {view === 'dashboard' && planMode && (
            <PlannerEntry key={sessionIdentity(me)} me={me} onLogin={session.chooseLogin} />
          )}
          {view === 'dashboard' && importMode && (
            <ImportEntry key={sessionIdentity(me)} me={me} onLogin={session.chooseLogin} />
          )}
          {view === 'dashboard' && adminMode && (
            <AdminEntry key={sessionIdentity(me)} me={me} onLogin={session.chooseLogin} />
          )}
          {view === 'dashboard' && !planMode && !importMode && !adminMode && (
            <Suspense fallback={<ModuleLoading />}>
              <Dashboard
                // Someone else looking gets a dashboard of their own: what they may see differs.
                key={sessionIdentity(me)}
                url={url}
                detailIn={me?.detailIn ?? []}
                signedIn={isSignedIn(me)}
                panelWidth={panelWidth(windowWidth, narrow)}
                recoveries={connection.state.recoveries}
                delayed={delayed}
                onSelect={onSelect}
                onMetricChange={onMetricChange}
                onOverlaysChange={onOverlaysChange}
                onUrlChange={navigate}
                siteFocus={siteFocus}
                onMapSourceError={onMapSourceError}
              />
            </Suspense>
          )}
          <SessionPages session={session} />
        </div>
      </VocabularyContext.Provider>
    </I18nContext.Provider>
  );
}
