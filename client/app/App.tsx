/**
 * The app view: reads the selection from the URL, loads what it needs from the API, and lays
 * out the header, the map and the area panel. State changes go through the pure updaters of
 * state/url-state.ts and into the browser history.
 */
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { PaddingOptions } from 'maplibre-gl';
import { bbox, featureCollection } from '@turf/turf';
import { fetchAreaDetail, fetchAreas, fetchBasemap, fetchHealth } from '../api/api.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useApi } from '../api/use-api.ts';
import { translator, type Lang } from '../i18n/i18n.ts';
import { I18nContext } from '../i18n/use-i18n.ts';
import { areaColourScale } from '../layers/areas/area-colours.ts';
import { AreaLegend } from '../layers/areas/AreaLegend.tsx';
import { MapView, type MapContent } from '../map/MapView.tsx';
import { zoneOutline } from '../map/zone-outline.ts';
import { AreaPanel } from '../panels/area/AreaPanel.tsx';
import { LEVEL_ZOOM, areaScope, contextScope, scopeKey } from '../state/scope.ts';
import {
  historyAction,
  parseUrlState,
  selectArea,
  serializeUrlState,
  setLang,
  setMetric,
  type Metric,
  type UrlState,
} from '../state/url-state.ts';
import { Header } from './Header.tsx';

/** Width of the side panel (px) by window width; the CSS uses the same breakpoint. */
function panelWidth(windowWidth: number): number {
  return windowWidth >= 1600 ? 440 : 380;
}

/** The [west, south, east, north] around some areas and a bbox. */
function extentOf(
  features: readonly GeoJSON.Feature[],
  around: readonly [number, number, number, number],
): [number, number, number, number] {
  const [w, s, e, n] = bbox(featureCollection([...features]));
  return [
    Math.min(w, around[0]),
    Math.min(s, around[1]),
    Math.max(e, around[2]),
    Math.max(n, around[3]),
  ];
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

export function App() {
  const [url, setUrl] = useState<UrlState>(() => parseUrlState(location.search));
  const tr = useMemo(() => translator(url.lang), [url.lang]);

  // The URL is the state: write it on every change, read it on back/forward.
  const navigate = useCallback(
    (next: UrlState) => {
      const action = historyAction(url, next);
      if (action === 'none') return;
      const search = serializeUrlState(next);
      if (action === 'push') history.pushState(null, '', search);
      else history.replaceState(null, '', search);
      setUrl(next);
    },
    [url],
  );
  useEffect(() => {
    // A hand-typed or shared URL is normalised in place (e.g. the language written out).
    history.replaceState(null, '', serializeUrlState(parseUrlState(location.search)));
    const onPopState = () => setUrl(parseUrlState(location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    document.documentElement.lang = url.lang;
    document.title = tr.t('app.title');
  }, [url.lang, tr]);

  const onSelect = useCallback((code: string) => navigate(selectArea(url, code)), [navigate, url]);
  const onLangChange = useCallback((lang: Lang) => navigate(setLang(url, lang)), [navigate, url]);
  const onMetricChange = useCallback(
    (metric: Metric) => navigate(setMetric(url, metric)),
    [navigate, url],
  );

  // What every view needs once.
  const health = useApi('health', (signal) => fetchHealth(signal));
  const basemap = useApi('basemap', (signal) => fetchBasemap(signal));
  // Unsimplified: 片区 simplified one by one leave hairline gaps that their union would keep.
  const pianqu = useApi('pianqu', () => fetchAreas({ level: 'pianqu' }));
  const zone = useMemo(
    () => (pianqu.data ? zoneOutline(pianqu.data.features) : null),
    [pianqu.data],
  );

  // The selection, then the polygons it draws.
  const detailKey = `detail:${url.area}`;
  const detail = useApi(detailKey, (signal) => fetchAreaDetail(url.area, signal));
  const freshDetail = detail.dataKey === detailKey ? detail.data : null;
  const scope = freshDetail ? areaScope(freshDetail) : null;
  const context = freshDetail ? contextScope(freshDetail) : null;
  const areasKey = scope ? scopeKey(scope) : null;
  const contextKey = context ? scopeKey(context) : null;
  const areas = useApi(areasKey, () =>
    fetchAreas({ level: scope!.level, parent: scope!.parent, zoom: LEVEL_ZOOM[scope!.level] }),
  );
  const contextAreas = useApi(contextKey, () =>
    fetchAreas({
      level: context!.level,
      parent: context!.parent,
      zoom: LEVEL_ZOOM[context!.level],
    }),
  );

  // The map keeps drawing the previous selection until everything of the next has arrived.
  const [content, setContent] = useState<MapContent | null>(null);
  const areasReady = areas.dataKey === areasKey && areas.data !== null;
  const contextSettled =
    contextKey === null || contextAreas.dataKey === contextKey || contextAreas.error !== null;
  useEffect(() => {
    if (!freshDetail || !scope || !areasReady || !contextSettled) return;
    const around =
      context && contextAreas.dataKey === contextKey && contextAreas.data
        ? contextAreas.data.features
        : [];
    setContent({
      code: freshDetail.code,
      // A 小区 is shown among the other 小区 of its 社区, so the user sees where it is.
      bbox: scope.selected ? extentOf(areas.data!.features, freshDetail.bbox) : freshDetail.bbox,
      areas: areas.data!.features,
      context: around.filter((f) => f.properties.code !== context?.exclude),
      focus: around.find((f) => f.properties.code === context?.exclude) ?? null,
      selected: scope.selected,
    });
    // Keyed by what was loaded; the objects derived from it are recomputed each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [freshDetail, areasReady, contextSettled, areas.data, contextAreas.data]);

  const windowWidth = useWindowWidth();
  const fitPadding = useMemo<PaddingOptions>(
    () => ({ top: 48, bottom: 84, left: 72, right: panelWidth(windowWidth) + 48 }),
    [windowWidth],
  );
  const colourScale = useMemo(
    () => areaColourScale(content?.areas ?? [], url.metric),
    [content, url.metric],
  );

  const mapError = health.error ?? basemap.error ?? pianqu.error ?? areas.error;
  const retryMap = () => {
    if (health.error) health.retry();
    if (basemap.error) basemap.retry();
    if (pianqu.error) pianqu.retry();
    if (areas.error) areas.retry();
  };
  const mapLoading = detail.loading || areas.loading || contextAreas.loading;
  const childAreas =
    freshDetail && scope && !scope.selected && areasReady ? areas.data!.features : [];

  return (
    <I18nContext.Provider value={tr}>
      <div
        className="app"
        style={{ '--panel-width': `${panelWidth(windowWidth)}px` } as CSSProperties}
      >
        <Header illustrative={health.data?.dataSource === 'demo'} onLangChange={onLangChange} />
        <main className="app-main">
          <MapView
            basemap={basemap.data}
            zone={zone}
            content={content}
            metric={url.metric}
            fitPadding={fitPadding}
            onSelect={onSelect}
          >
            {mapLoading && <div className="map-progress" aria-hidden="true" />}
            {content && <AreaLegend scale={colourScale} onMetricChange={onMetricChange} />}
            {mapError ? (
              <ErrorNotice error={mapError} onRetry={retryMap} className="map-error" />
            ) : null}
          </MapView>
          <AreaPanel
            code={url.area}
            detail={detail.data}
            loading={detail.loading}
            error={detail.error}
            childAreas={childAreas}
            onSelect={onSelect}
            onRetry={detail.retry}
          />
        </main>
      </div>
    </I18nContext.Provider>
  );
}
