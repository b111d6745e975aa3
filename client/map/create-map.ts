/**
 * The MapLibre map every map of the app starts from (the dashboard's and the big screen's
 * MapView, the planner's PlannerMap): the worker (which Vite cannot see otherwise), the offline
 * basemap style with its local CJK font faces, a flat map (no rotation or pitch) on the zone,
 * zoom and scale controls, and map errors logged instead of MapLibre's bare error object.
 */
import { cameraBounds } from './zone-mask.ts';
import {
  Map as MaplibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type ErrorEvent,
  type MapOptions,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  SOURCES,
  ZONE_MASK_BEFORE,
  basemapStyle,
  zoneMaskLayer,
} from '../../server/contract/basemap-style.ts';
import { mapFontFaces } from './fonts.ts';

setWorkerUrl(workerUrl);

/** Options of {@link createAtlasMap}. */
export interface AtlasMapOptions {
  container: HTMLElement;
  /** The basemap's colours (default light). */
  theme?: 'light' | 'dark';
  /**
   * The zone's bounding box [west, south, east, north] (the data set's `zone.bbox`): the first
   * frame shows the zone, whichever district the data set is. Null in an empty database.
   */
  zoneBbox: [number, number, number, number] | null;
  /** Names the map in the console's warnings (default `map`). */
  label?: string;
  /**
   * How far beyond the zone the camera may go, in parts of the zone's size on each side
   * (default 0.6). A phone's map is mostly under the bottom sheet: fitting the zone into the
   * strip above it needs a camera that may go further south than a desk's.
   */
  cameraMargin?: number;
  /** Told each map error after it is logged (tile and source failures among them). */
  onError?(event: ErrorEvent): void;
  /** MapLibre options that differ from the shared ones (`maxZoom`, `doubleClickZoom`…). */
  options?: Partial<Omit<MapOptions, 'container' | 'style'>>;
}

/** A new map in `container`, with the shared style, camera limits and controls. */
export function createAtlasMap({
  container,
  zoneBbox,
  theme = 'light',
  label = 'map',
  cameraMargin = 0.6,
  onError,
  options = {},
}: AtlasMapOptions): MaplibreMap {
  const m = new MaplibreMap({
    container,
    style: basemapStyle({ origin: location.origin, fontFaces: mapFontFaces(), theme }),
    ...(zoneBbox ? { bounds: zoneBbox } : { center: [0, 0], zoom: 8 }),
    minZoom: 8,
    maxZoom: 17.5,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    renderWorldCopies: false,
    ...options,
  });
  // The camera stays on the zone and a margin: at least the first frame (a 5760-wide wall
  // shows far more than the zone's box beside it), so nobody pans into the world beyond the data.
  m.once('load', () => {
    m.addSource(SOURCES.zoneMask, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    });
    m.addLayer(zoneMaskLayer(theme), ZONE_MASK_BEFORE);
  });
  if (zoneBbox) {
    m.once('load', () => {
      const view = m.getBounds();
      m.setMaxBounds(
        cameraBounds(zoneBbox, cameraMargin, [
          view.getWest(),
          view.getSouth(),
          view.getEast(),
          view.getNorth(),
        ]),
      );
    });
  }
  m.touchZoomRotate.disableRotation();
  m.keyboard.disableRotation();
  m.addControl(new NavigationControl({ showCompass: false }), 'top-left');
  m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  m.on('error', (event) => {
    console.warn(`${label}:`, event.error?.message ?? event.error);
    onError?.(event);
  });
  return m;
}
