/**
 * The dashboard: loads what the selection needs from the API and lays out the map and the area
 * panel. The selection comes from the URL (App owns it); changes go back through `onSelect`
 * and `onMetricChange`.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Map as MaplibreMap, PaddingOptions } from 'maplibre-gl';
import { bbox, featureCollection } from '@turf/turf';
import { areaRoutes, figureRoutes, type Me } from '../../server/contract/index.ts';
import { detailAccess } from '../layers/overlay.ts';
import { isRetryable } from '../api/api.ts';
import { useBasemap, useOnlineBasemaps } from './use-basemap.ts';
import { chosenBasemap } from '../map/online-basemap.ts';
import { useBasemapChoice } from '../map/use-basemap-choice.ts';
import { useRouteQuery } from '../api/query.ts';
import { profileQueryOf } from '../figures/route-query.ts';
import { ErrorNotice } from '../api/ErrorNotice.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { areaColourScale } from '../layers/areas/area-colours.ts';
import { AreaLegend } from '../layers/areas/AreaLegend.tsx';
import { OverlayTooltip } from '../layers/overlays/OverlayTooltip.tsx';
import type { Bounds } from '../layers/issues/cell-bounds.ts';
import { useOverlays, type OverlayHover } from '../layers/overlays/use-overlays.ts';
import { ISSUE_POINTS_LAYER } from '../layers/issues/issue-points.ts';
import { LayerPanel } from '../panels/layers/LayerPanel.tsx';
import type { OverlayState } from '../state/overlays.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { profileQuery } from '../state/linked-filters.ts';
import { MapView, type MapContent } from '../map/MapView.tsx';
import { zoneOutline } from '../map/zone-outline.ts';
import { ComparePanel } from '../panels/compare/ComparePanel.tsx';
import { ProfilePanel } from '../panels/profile/ProfilePanel.tsx';
import { useProfile } from '../panels/profile/use-profile.ts';
import { showSiteFocus, type SiteFocus } from '../panels/search/site-focus.ts';
import { exportMapPng } from '../export/export-map.ts';
import { LEVEL_ZOOM, areaScope, contextScope, type AreaScope } from '../state/scope.ts';
import type { Metric, UrlState } from '../state/url-state.ts';
import { INITIAL_SHEET, sheetHeights, type SheetHeights, type SheetSnap } from '../state/sheet.ts';
import { BottomSheet } from './BottomSheet.tsx';
import { useElementHeight } from './use-element-height.ts';
import { isNarrowScreen, useNarrowScreen } from './use-narrow-screen.ts';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
  /** The selection (area, metric) from the URL. */
  url: UrlState;
  /** Where the session may read per-area detail (`Me.detailIn`). */
  detailIn: Me['detailIn'];
  /** Whether someone is signed in (not a visitor). */
  signedIn: boolean;
  /** Width of the side panel (px); the map keeps it free when fitting the camera. */
  panelWidth: number;
  /**
   * Changes when the server or its database came back after an outage. The API's answers are
   * read again by the query cache (App invalidates it); this reloads the map's vector tiles,
   * which MapLibre holds outside it.
   */
  recoveries: number;
  /** The server or its database is unreachable: the delay banner explains failed loads. */
  delayed: boolean;
  onSelect(code: string): void;
  onMetricChange(metric: Metric): void;
  /** The overlays, their filters or sliders changed. */
  onOverlaysChange(overlays: OverlayState): void;
  /** Any other change of the URL state (profile window, linked filters, compare list). */
  onUrlChange(next: UrlState): void;
  /** A 邻里之家 chosen in the search: fly to it and mark it (default none). */
  siteFocus?: SiteFocus | null;
  /** A map tile or source failed with this HTTP status (0: no answer). */
  onMapSourceError(status: number): void;
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

/**
 * The map's free room on a narrow screen: the folded layer panel and the zoom buttons above, the
 * sheet (at rest) and the legend over it below. A full sheet hides the map; the camera is then
 * kept as at half, ready for when the sheet comes down.
 */
function narrowPadding(sheet: number, heights: SheetHeights, mapHeight: number): PaddingOptions {
  const top = 80;
  const below = Math.min(sheet, heights.half) + 72;
  // What MapLibre can fit into: a short landscape phone still leaves the area some room.
  const bottom = Math.max(16, Math.min(below, mapHeight - top - 80));
  return { top, bottom, left: 16, right: 16 };
}

/** The query of `GET /api/areas` for the areas of a scope, simplified for its level's zoom. */
function areasInput(scope: Pick<AreaScope, 'level' | 'parent'>) {
  return {
    query: {
      level: scope.level,
      parent: scope.parent,
      zoom: Math.round(LEVEL_ZOOM[scope.level]),
    },
  };
}

export function Dashboard({
  url,
  detailIn,
  signedIn,
  panelWidth,
  recoveries,
  delayed,
  onSelect,
  onMetricChange,
  onOverlaysChange,
  onUrlChange,
  siteFocus = null,
  onMapSourceError,
}: DashboardProps) {
  const tr = useI18n();
  // Zoom and bounds as of the map's last move, set together so the cells are asked once a move.
  const [view, setView] = useState<{ zoom: number; bounds: Bounds | null }>({
    zoom: 10.5,
    bounds: null,
  });
  // A phone's map is small: the layer panel starts folded there.
  const [layersFolded, setLayersFolded] = useState(isNarrowScreen);
  const narrow = useNarrowScreen();
  const mainRef = useRef<HTMLElement>(null);
  const mainHeight = useElementHeight(mainRef);
  const heights = useMemo(() => sheetHeights(mainHeight), [mainHeight]);
  const [sheetSnap, setSheetSnap] = useState<SheetSnap>(INITIAL_SHEET.snap);
  const sheetRest = heights[sheetSnap];
  // Issue points are MapLibre's, the other overlay objects deck.gl's: each hover on its own.
  const [issueHover, setIssueHover] = useState<OverlayHover | null>(null);
  const { frame, dataset } = useDataset();
  const detailOf = useMemo(() => detailAccess(detailIn, signedIn), [detailIn, signedIn]);
  const overlays = useOverlays({ state: url.overlays, area: url.area, detail: detailOf, ...view });
  const hover = overlays.hover ?? issueHover;

  // What every view needs once.
  const basemap = useBasemap();
  const onlineBasemaps = useOnlineBasemaps();
  const [basemapChoice, setBasemapChoice] = useBasemapChoice();
  // Unsimplified: 片区 simplified one by one leave hairline gaps that their union would keep.
  const pianqu = useRouteQuery(areaRoutes.list, { query: { level: 'pianqu' } });
  const zone = useMemo(
    () => (pianqu.data ? zoneOutline(pianqu.data.features) : null),
    [pianqu.data],
  );

  // The selection, then the polygons it draws; the panel's figures come with the profile.
  const detail = useRouteQuery(areaRoutes.detail, { params: { code: url.area } });
  const profile = useProfile(url);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const freshDetail = detail.data;
  const scope = freshDetail ? areaScope(freshDetail) : null;
  const context = freshDetail ? contextScope(freshDetail) : null;
  const areas = useRouteQuery(areaRoutes.list, scope && areasInput(scope));
  const contextAreas = useRouteQuery(areaRoutes.list, context && areasInput(context));

  // The map keeps drawing the previous selection until everything of the next has arrived.
  const [content, setContent] = useState<MapContent | null>(null);
  const areasReady = areas.data !== null;
  const contextSettled =
    context === null || contextAreas.data !== null || contextAreas.error !== null;
  useEffect(() => {
    if (!freshDetail || !scope || !areasReady || !contextSettled) return;
    const around = context && contextAreas.data ? contextAreas.data.features : [];
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

  // The colouring follows the panel: the engine's figures of the areas drawn, in the panel's
  // window, filters and replayed month (the list's own counts are the default view's).
  const figuresQuery = profileQuery(url, frame.firstMonth);
  const defaultFigures = figuresQuery === 'window=all';
  const figuresParent = freshDetail && scope ? (scope.parent ?? freshDetail.code) : null;
  const figuresInput =
    figuresParent && !defaultFigures
      ? { query: { ...profileQueryOf(figuresQuery), children: figuresParent } }
      : null;
  const childFigures = useRouteQuery(figureRoutes.figures, figuresInput);
  const freshChildFigures = childFigures.data;
  const shown = useMemo<MapContent | null>(() => {
    if (!content || defaultFigures || !freshChildFigures) return content;
    const byCode = new Map(freshChildFigures.areas.map((a) => [a.code, a.figures]));
    return {
      ...content,
      areas: content.areas.map((f) => {
        const x = byCode.get(f.properties.code);
        return x
          ? {
              ...f,
              properties: {
                ...f.properties,
                unresolvedIssues: x.issues.unresolved,
                households: x.households,
                population: x.population,
              },
            }
          : f;
      }),
    };
  }, [content, defaultFigures, freshChildFigures]);

  const fitPadding = useMemo<PaddingOptions>(
    // The layer panel, while open, takes the left side (layers.css: 52 px + its width).
    () =>
      narrow
        ? narrowPadding(sheetRest, heights, mainHeight)
        : {
            top: 48,
            bottom: 84,
            left: layersFolded ? 72 : 52 + (panelWidth > 380 ? 320 : 292) + 24,
            right: panelWidth + 48,
          },
    [narrow, sheetRest, heights, mainHeight, panelWidth, layersFolded],
  );
  const colourScale = useMemo(
    () => areaColourScale(shown?.areas ?? [], url.metric),
    [shown, url.metric],
  );

  const mapError = basemap.error ?? pianqu.error ?? areas.error;
  // While delayed the banner explains an outage, and the data reloads by itself afterwards.
  const showMapError = mapError && !(delayed && isRetryable(mapError));
  const retryMap = () => {
    if (basemap.error) basemap.retry();
    if (pianqu.error) pianqu.retry();
    if (areas.error) areas.retry();
  };
  const mapLoading =
    detail.loading ||
    areas.loading ||
    contextAreas.loading ||
    (figuresInput !== null && !freshChildFigures);

  // A site chosen in the search: once its 小区 is drawn, fly on to the site and mark it.
  const contentCode = content?.code ?? null;
  useEffect(() => {
    if (!map || !siteFocus || contentCode !== siteFocus.areaCode) return;
    return showSiteFocus(map, siteFocus);
  }, [map, siteFocus, contentCode]);

  const onExportPng = useCallback(async () => {
    if (!map || !profile.data) throw new Error('the map is not ready');
    await exportMapPng(map, {
      profile: profile.data,
      url,
      scale: colourScale,
      tr,
      timeZone: frame.timeZone,
      illustrative: dataset.isDemo,
    });
  }, [map, profile.data, url, colourScale, tr, frame.timeZone, dataset.isDemo]);

  const panel = (
    <ProfilePanel
      url={url}
      profile={profile.data}
      fresh={profile.fresh && freshDetail !== null}
      loading={profile.loading || detail.loading}
      error={profile.error ?? detail.error}
      onRetry={() => {
        if (profile.error) profile.retry();
        if (detail.error) detail.retry();
      }}
      detail={freshDetail}
      allMonths={profile.allMonths}
      allCategories={profile.allCategories}
      compareEntries={profile.compareEntries}
      csvHref={profile.csvHref}
      onExportPng={onExportPng}
      onSelect={onSelect}
      onUrlChange={onUrlChange}
    />
  );

  return (
    <main
      className="app-main"
      ref={mainRef}
      // What floats over the map's foot (legend, scale) stands on the sheet at rest.
      style={narrow ? ({ '--sheet-height': `${sheetRest}px` } as CSSProperties) : undefined}
    >
      <MapView
        basemap={basemap.data}
        online={chosenBasemap(onlineBasemaps, basemapChoice)}
        zone={zone}
        content={shown}
        metric={url.metric}
        fitPadding={fitPadding}
        refresh={recoveries}
        onSelect={onSelect}
        onSourceError={onMapSourceError}
        overlayLayers={overlays.layers}
        issuePoints={{
          visible: url.overlays.on.includes('issues'),
          filterQuery: overlays.filterQuery,
          opacity: url.overlays.opacity.issues,
        }}
        // Fainter areas under the overlays, so the tourist pressure beneath reads through and
        // the issue shapes above stand out.
        areaFillOpacity={
          url.overlays.on.includes('tourism') ? 0.3 : url.overlays.on.includes('issues') ? 0.6 : 1
        }
        hideAreaTooltip={hover !== null}
        onBoundsChange={(bounds, zoom) => setView({ zoom, bounds })}
        onMap={setMap}
        onIssueHover={(issue, x, y) =>
          setIssueHover(issue ? { layerId: ISSUE_POINTS_LAYER, object: issue, x, y } : null)
        }
        onPointerLeave={() => overlays.setHover(null)}
      >
        <LayerPanel
          state={url.overlays}
          overlays={overlays}
          figures={profile.fresh ? (profile.data?.figures ?? null) : null}
          onChange={onOverlaysChange}
          folded={layersFolded}
          onFoldedChange={setLayersFolded}
          basemaps={{ offered: onlineBasemaps, choice: basemapChoice, onChoose: setBasemapChoice }}
        />
        {hover && <OverlayTooltip hover={hover} />}
        {mapLoading && <div className="map-progress" aria-hidden="true" />}
        {content && <AreaLegend scale={colourScale} onMetricChange={onMetricChange} />}
        {showMapError ? (
          <ErrorNotice error={mapError} onRetry={retryMap} className="map-error" />
        ) : null}
      </MapView>
      {url.compareOpen && <ComparePanel url={url} onUrlChange={onUrlChange} />}
      {narrow ? (
        <BottomSheet heights={heights} onSnapChange={setSheetSnap}>
          {panel}
        </BottomSheet>
      ) : (
        panel
      )}
    </main>
  );
}
