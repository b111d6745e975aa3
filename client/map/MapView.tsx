/**
 * The map view: a MapLibre map with the offline basemap and the deck.gl area layers interleaved
 * in it (MapLibreOverlay). It owns every GL object; the rest of the UI hands it data and gets
 * back clicks.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  type Map as MaplibreMap,
  type GeoJSONSource,
  type VectorTileSource,
  type PaddingOptions,
} from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { Basemap, IssueTileProperties, OnlineBasemap } from '../../server/contract/index.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import {
  SELECTABLE_LAYER_IDS,
  areaLayers,
  pickedCode,
  type AreaFeature,
} from '../layers/areas/areas-layer.ts';
import { areaLabelPoints } from '../layers/areas/area-labels.ts';
import { AreaTooltip } from '../layers/areas/AreaTooltip.tsx';
import {
  ISSUE_POINTS_LAYER,
  ISSUE_POINTS_SOURCE,
  addIssuePoints,
  issueTileUrl,
} from '../layers/issues/issue-points.ts';
import type { Metric } from '../state/url-state.ts';
import { SOURCES } from '../../server/contract/basemap-style.ts';
import { useBasemapSources } from './use-basemap-sources.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { createAtlasMap } from './create-map.ts';
import { applyOnlineBasemap } from './online-basemap.ts';
import { isNarrowScreen } from '../app/use-narrow-screen.ts';
import './map.css';

// MapLibre 6 finds its worker by URL; Vite must emit the file and tell us where.

/** What tests read from the page: the map, whether it has drawn, and the loaded selection. */
export interface AtlasHandle {
  map: MaplibreMap;
  /** True after the first `idle` with the area layer drawn. */
  ready: boolean;
  /** Code of the selection whose data is loaded, drawn, and the camera fitted to. */
  selected?: string;
}

declare global {
  interface Window {
    __atlas?: AtlasHandle;
  }
}

/** What the map draws for one selection. */
export interface MapContent {
  /** The selected area: the camera fits its bbox. */
  code: string;
  /** [west, south, east, north]. */
  bbox: readonly [number, number, number, number];
  /** Areas of the scope (coloured, clickable). */
  areas: readonly AreaFeature[];
  /** Neighbours at the selection's level (outlined, clickable). */
  context: readonly AreaFeature[];
  /** The area whose children are drawn, outlined boldly; null for the zone. */
  focus: AreaFeature | null;
  /** The drawn area that is the selection itself, or null. */
  selected: string | null;
}

/** Props of {@link MapView}. */
export interface MapViewProps {
  /** Land, roads, landmarks; null until loaded. */
  basemap: Basemap | null;
  /** Outline of the zone; null until loaded. */
  zone: GeoJSON.Feature | null;
  /** The selection to draw; the previous one stays drawn while the next loads. */
  content: MapContent | null;
  metric: Metric;
  /** Room the floating panels take, kept free when fitting the camera. */
  fitPadding: PaddingOptions;
  /** A change reloads the vector tiles (after an outage, tiles may have failed; default 0). */
  refresh?: number;
  onSelect(code: string): void;
  /** A tile or source request failed with this HTTP status (0: no answer from the server). */
  onSourceError?(status: number): void;
  /** Overlays drawn over the map (legend). */
  children?: ReactNode;
  /** deck.gl overlay layers: `below` under the area fills, `above` over the areas (default none). */
  overlayLayers?: { below: Layer[]; above: Layer[] };
  /** The issue points of the vector tiles from zoom 12, with the filter query (default hidden). */
  issuePoints?: { visible: boolean; filterQuery: string; opacity: number };
  /** An overlay's own tooltip is open: the area's would sit under it (default false). */
  hideAreaTooltip?: boolean;
  /** Opacity of the area fills (default 1): the tourism fill beneath needs them fainter. */
  areaFillOpacity?: number;
  /** The zoom after each zoom gesture or camera move. */
  onZoomChange?(zoom: number): void;
  /**
   * What the map shows, [west, south, east, north], and its zoom: once loaded and after each
   * camera move or resize (`moveend`, not every frame). The zoom comes along because `zoomend`
   * can come a glide (inertia) before the bounds settle; taken together they change once.
   */
  onBoundsChange?(bounds: [number, number, number, number], zoom: number): void;
  /** The issue point under the pointer (null when none) and where it is. */
  onIssueHover?(issue: IssueTileProperties | null, x: number, y: number): void;
  /**
   * The pointer left the map's canvas (onto a panel, off the window): every hover ends. Neither
   * deck.gl nor a layer's `mouseleave` says so, and a tooltip left behind covers the panel.
   */
  onPointerLeave?(): void;
  /** The map once loaded (null when gone), for what must read it: the PNG export, flights. */
  onMap?(map: MaplibreMap | null): void;
  /** Basemap colours, read once at start: `dark` on the big screen (default `light`). */
  theme?: 'light' | 'dark';
  /**
   * Drawing-buffer pixels per CSS pixel of the map (default the window's devicePixelRatio).
   * The big screen draws its map at design size scaled up by CSS, and sets this to the same
   * factor so the canvas keeps native sharpness.
   */
  pixelRatio?: number;
  /** An online basemap drawn in place of the offline land and roads (default none). */
  online?: OnlineBasemap | null;
}

interface Hover {
  area: AreaFeature;
  context: boolean;
  x: number;
  y: number;
}

const FIT_DURATION_MS = 900;

/** The camera as a comparable value: centre and zoom, to well under a pixel. */
function cameraKey(map: MaplibreMap): string {
  const c = map.getCenter();
  return `${c.lng.toFixed(7)},${c.lat.toFixed(7)},${map.getZoom().toFixed(5)}`;
}
// A 小区 is a few hundred metres across: closer than this, its neighbours leave the screen.
const FIT_MAX_ZOOM = 15.5;

export function MapView({
  basemap,
  zone,
  content,
  metric,
  fitPadding,
  refresh = 0,
  onSelect,
  onSourceError,
  children,
  overlayLayers,
  issuePoints,
  areaFillOpacity = 1,
  hideAreaTooltip = false,
  onZoomChange,
  onBoundsChange,
  onIssueHover,
  onPointerLeave,
  onMap,
  theme = 'light',
  pixelRatio,
  online = null,
}: MapViewProps) {
  const { t } = useI18n();
  // The map is made once; its first frame is the zone the data set had then.
  const zoneBboxRef = useRef(useDataset().dataset.zone?.bbox ?? null);
  const containerRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const onSelectRef = useRef(onSelect);
  const onSourceErrorRef = useRef(onSourceError);
  const onZoomChangeRef = useRef(onZoomChange);
  const onBoundsChangeRef = useRef(onBoundsChange);
  const onIssueHoverRef = useRef(onIssueHover);
  const onPointerLeaveRef = useRef(onPointerLeave);
  useEffect(() => {
    onZoomChangeRef.current = onZoomChange;
    onBoundsChangeRef.current = onBoundsChange;
    onIssueHoverRef.current = onIssueHover;
    onPointerLeaveRef.current = onPointerLeave;
  }, [onZoomChange, onBoundsChange, onIssueHover, onPointerLeave]);
  const fittedRef = useRef<string | null>(null);
  // Where the last fit left the camera. A camera elsewhere has been moved since (by the user:
  // wheel, drag, keys, or a flight), and a panel folding or a resize then keeps that view.
  const fittedCameraRef = useRef<string | null>(null);
  useEffect(() => onMap?.(map), [map, onMap]);
  // The style is built once, with the map.
  const themeRef = useRef(theme);
  const pixelRatioRef = useRef(pixelRatio);

  useEffect(() => {
    onSelectRef.current = onSelect;
    onSourceErrorRef.current = onSourceError;
  }, [onSelect, onSourceError]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Tile and source failures: the API's own errors reach the user through the panels; here
    // they are only logged and counted.
    const m = createAtlasMap({
      container,
      zoneBbox: zoneBboxRef.current,
      theme: themeRef.current,
      ...(pixelRatioRef.current ? { options: { pixelRatio: pixelRatioRef.current } } : {}),
      // The sheet of a narrow screen leaves the zone a third of the map's height: the camera
      // goes two zone heights beyond it, so a fit above a half-raised sheet is not cut short.
      ...(isNarrowScreen() ? { cameraMargin: 2 } : {}),
      onError: (event) => {
        // An AJAXError carries the status; a fetch that got no answer at all is a TypeError.
        const status: unknown = (event.error as { status?: unknown } | undefined)?.status;
        if (typeof status === 'number') onSourceErrorRef.current?.(status);
        else if (event.error instanceof TypeError) onSourceErrorRef.current?.(0);
      },
    });
    m.on('zoomend', () => onZoomChangeRef.current?.(m.getZoom()));
    const reportBounds = () => {
      const b = m.getBounds();
      onBoundsChangeRef.current?.(
        [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
        m.getZoom(),
      );
    };
    m.on('moveend', reportBounds);
    m.on('mousemove', ISSUE_POINTS_LAYER, (e) => {
      const p = e.features?.[0]?.properties as IssueTileProperties | undefined;
      onIssueHoverRef.current?.(p ?? null, e.point.x, e.point.y);
    });
    m.on('mouseleave', ISSUE_POINTS_LAYER, () => onIssueHoverRef.current?.(null, 0, 0));
    m.on('mouseout', () => {
      setHover(null);
      onIssueHoverRef.current?.(null, 0, 0);
      onPointerLeaveRef.current?.();
    });
    m.on('load', () => {
      reportBounds();
      // Before the deck.gl overlay: its layers then go over the points, under the labels.
      addIssuePoints(m, location.origin);
      const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
      m.addControl(overlay);
      overlayRef.current = overlay;
      setMap(m);
    });
    // Selection on MapLibre's click, which any press and release in place is, however long the
    // frame between the two took (see SELECTABLE_LAYER_IDS).
    m.on('click', (event) => {
      const info = overlayRef.current?.pickObject({
        x: event.point.x,
        y: event.point.y,
        radius: 2,
        layerIds: SELECTABLE_LAYER_IDS,
      });
      const code = pickedCode(info ?? null);
      if (code) onSelectRef.current(code);
    });
    return () => {
      overlayRef.current = null;
      fittedRef.current = null;
      setMap(null);
      if (window.__atlas?.map === m) delete window.__atlas;
      m.remove();
    };
  }, []);

  useBasemapSources(map, basemap, zone);

  useEffect(() => {
    if (map) applyOnlineBasemap(map, online);
  }, [map, online]);

  useEffect(() => {
    pixelRatioRef.current = pixelRatio;
    if (map && pixelRatio && map.getPixelRatio() !== pixelRatio) map.setPixelRatio(pixelRatio);
  }, [map, pixelRatio]);

  // Back after an outage: tiles that failed meanwhile would otherwise stay missing.
  useEffect(() => {
    if (!map || refresh === 0) return;
    for (const source of [SOURCES.areaTiles, ISSUE_POINTS_SOURCE]) {
      if (map.getSource(source)) map.refreshTiles(source);
    }
  }, [map, refresh]);

  // A new selection: whatever was under the pointer may be gone.
  useEffect(() => setHover(null), [content]);

  const hoveredCode = hover?.area.properties.code ?? null;
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const layers = content
      ? areaLayers({
          areas: content.areas,
          context: content.context,
          focus: content.focus,
          metric,
          selected: content.selected,
          hovered: hoveredCode,
          fillOpacity: areaFillOpacity,
          onHover: (area, context, x, y) => setHover(area ? { area, context, x, y } : null),
        })
      : [];
    const all = overlayLayers
      ? [...overlayLayers.below, ...layers, ...overlayLayers.above]
      : layers;
    overlay.setProps({ layers: all });
    // MapLibreOverlay slots interleaved layers into the style only while `isStyleLoaded()`,
    // which is false whenever a source is still loading (tiles, setData); layers set then
    // would be drawn over the labels. Hand them over again once everything has loaded.
    if (!map.isStyleLoaded()) {
      const retry = () => {
        if (overlayRef.current === overlay) overlay.setProps({ layers: all });
      };
      map.once('idle', retry);
      return () => {
        map.off('idle', retry);
      };
    }
    return undefined;
  }, [map, content, metric, hoveredCode, overlayLayers, areaFillOpacity]);

  // Issue points: shown or hidden, and new tiles whenever the filters change.
  const pointsVisible = issuePoints?.visible ?? false;
  const pointsQuery = issuePoints?.filterQuery ?? '';
  const pointsOpacity = issuePoints?.opacity ?? 1;
  useEffect(() => {
    if (!map || !map.getLayer(ISSUE_POINTS_LAYER)) return;
    const source = map.getSource(ISSUE_POINTS_SOURCE) as VectorTileSource | undefined;
    source?.setTiles([issueTileUrl(location.origin, pointsQuery)]);
  }, [map, pointsQuery]);
  useEffect(() => {
    if (!map || !map.getLayer(ISSUE_POINTS_LAYER)) return;
    map.setLayoutProperty(ISSUE_POINTS_LAYER, 'visibility', pointsVisible ? 'visible' : 'none');
    map.setPaintProperty(ISSUE_POINTS_LAYER, 'icon-opacity', pointsOpacity);
    if (!pointsVisible) onIssueHoverRef.current?.(null, 0, 0);
  }, [map, pointsVisible, pointsOpacity]);

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = hoveredCode ? 'pointer' : '';
  }, [map, hoveredCode]);

  useEffect(() => {
    if (!map) return;
    const labels = content
      ? areaLabelPoints(content.areas, content.context, content.selected)
      : areaLabelPoints([], [], null);
    (map.getSource(SOURCES.areaLabels) as GeoJSONSource | undefined)?.setData(labels);
  }, [map, content]);

  // Fit the camera to each new selection, then tell tests once it is drawn. A new padding alone
  // (the layer panel folded, the window resized) re-fits only a camera the user has not moved.
  const code = content?.code ?? null;
  const bboxKey = content ? content.bbox.join(',') : null;
  const paddingKey = JSON.stringify(fitPadding);
  useEffect(() => {
    if (!map || code === null || bboxKey === null) return;
    const [west, south, east, north] = bboxKey.split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const first = fittedRef.current === null;
    if (fittedRef.current === code && cameraKey(map) !== fittedCameraRef.current) return;
    fittedRef.current = code;
    map.once('moveend', () => {
      if (fittedRef.current === code) fittedCameraRef.current = cameraKey(map);
    });
    map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      {
        padding: JSON.parse(paddingKey) as PaddingOptions,
        duration: first ? 0 : FIT_DURATION_MS,
        maxZoom: FIT_MAX_ZOOM,
      },
    );
    map.triggerRepaint();
    map.once('idle', () => {
      if (fittedRef.current !== code) return;
      window.__atlas = { map, ready: true, selected: code };
    });
  }, [map, code, bboxKey, paddingKey]);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-view__canvas" />
      {!map && <div className="map-view__loading">{t('map.loading')}</div>}
      {hover && !hideAreaTooltip && (
        <AreaTooltip
          area={hover.area}
          context={hover.context}
          x={hover.x}
          y={hover.y}
          // Open towards the left where the panel would cover it.
          flip={hover.x > (map?.getContainer().clientWidth ?? 0) - (fitPadding.right ?? 0) - 200}
        />
      )}
      {children}
      {online && online.attribution && (
        <div className="map-view__attribution" data-testid="basemap-attribution">
          {online.attribution}
        </div>
      )}
    </div>
  );
}
