/**
 * The screen's map: the dark basemap, the 片区 coloured by unresolved issues, the overlays of
 * the dashboard (reused as they are), the toured 片区 outlined, and a pulse at each live event.
 * The map is laid out at design size and scaled up like the panels (CSS transform), with its
 * drawing buffer at the same factor: at 3840x2160 it shows the same view, the same zoom-dependent
 * content (grid circles, not single points) and labels twice the size, as 1920x1080 does, still
 * at native sharpness. MapLibre reads the transform back for the pointer, so picking (and deck.gl's,
 * which goes through MapLibre's events) stays under it.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { bbox } from '@turf/turf';
import type {
  FiguresResponse,
  LiveEvent,
  OnlineBasemap,
  ScreenSummary,
} from '../../server/contract/index.ts';
import type { AreaFeature } from '../layers/areas/areas-layer.ts';
import { useOverlays } from '../layers/overlays/use-overlays.ts';
import type { DetailAccess } from '../layers/overlay.ts';
import { MapView, type MapContent } from '../map/MapView.tsx';
import type { OverlayState } from '../state/overlays.ts';
import { useDataset } from '../dataset/use-dataset.ts';
import { addPulses, prunePulses, pulseLayers, type Pulse } from './pulses.ts';
import { TOUR_CARD_WIDTH, TourCard } from './TourCard.tsx';
import { prefersReducedMotion } from './use-count-up.ts';
import { exposeScreen } from './handle.ts';
import './screen-map.css';

/** The wall shows what a screen session may see, whoever opened it: no per-area detail. */
const WALL_DETAIL: DetailAccess = () => 'login';

/** A way to hand live events to the map without re-rendering the whole screen. */
export interface EventFeed {
  push(events: LiveEvent[]): void;
  subscribe(listener: (events: LiveEvent[]) => void): () => void;
}

/** A feed of events with one listener set. */
export function createEventFeed(): EventFeed {
  const listeners = new Set<(events: LiveEvent[]) => void>();
  return {
    push: (events) => listeners.forEach((l) => l(events)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Frames per second of the pulse animation: smooth enough on a wall, light on the CPU. */
const PULSE_FPS = 30;

/** The live pulses and the time they are drawn at; the frame loop runs only while some are. */
function usePulses(feed: EventFeed): { pulses: Pulse[]; now: number } {
  const [pulses, setPulses] = useState<Pulse[]>([]);
  const [now, setNow] = useState(0);
  useEffect(
    () =>
      feed.subscribe((events) => {
        const at = performance.now();
        setNow(at);
        setPulses((p) => addPulses(p, events, at));
      }),
    [feed],
  );
  const running = pulses.length > 0;
  useEffect(() => {
    if (!running) return;
    const still = prefersReducedMotion();
    let frame = 0;
    let last = 0;
    const step = (t: number) => {
      frame = requestAnimationFrame(step);
      if (t - last < (still ? 500 : 1000 / PULSE_FPS)) return;
      last = t;
      setNow(t);
      setPulses((p) => {
        const next = prunePulses(p, t);
        return next.length === p.length ? p : next;
      });
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [running]);
  return { pulses, now };
}

/** Props of {@link ScreenMap}. */
export interface ScreenMapProps {
  /** The 片区 polygons with their statistics; null until loaded. */
  pianqu: readonly AreaFeature[] | null;
  zone: GeoJSON.Feature | null;
  basemap: Parameters<typeof MapView>[0]['basemap'];
  /** The online basemap the wall's address chose (`basemap=`), or null: the offline one. */
  online: OnlineBasemap | null;
  /** The toured 片区, or null for the whole zone. */
  tourCode: string | null;
  /** The toured 片区 and its figures, null until loaded. */
  tourArea: FiguresResponse['areas'][number] | null;
  tourPaused: boolean;
  quietS: number;
  ranking: ScreenSummary['pianquByResolution'] | null;
  overlays: OverlayState;
  feed: EventFeed;
  /** Device pixels per design pixel (the layout's scale). */
  scale: number;
  /** Reloads everything after an outage. */
  refresh: number;
  onSelect(code: string): void;
  onSourceError(status: number): void;
}

const TOUR_OUTLINE: [number, number, number, number] = [255, 204, 77, 255];

function ScreenMapView({
  pianqu,
  zone,
  basemap,
  online,
  tourCode,
  tourArea,
  tourPaused,
  quietS,
  ranking,
  overlays: overlayState,
  feed,
  scale,
  refresh,
  onSelect,
  onSourceError,
}: ScreenMapProps) {
  const [zoom, setZoom] = useState(10.5);
  const { frame } = useDataset();
  const overlays = useOverlays({
    state: overlayState,
    area: frame.zone,
    detail: WALL_DETAIL,
    zoom,
  });
  const { pulses, now } = usePulses(feed);
  const still = useMemo(() => prefersReducedMotion(), []);

  const toured = useMemo(
    () =>
      tourCode && pianqu ? (pianqu.find((f) => f.properties.code === tourCode) ?? null) : null,
    [pianqu, tourCode],
  );
  const content = useMemo<MapContent | null>(() => {
    if (!pianqu || pianqu.length === 0) return null;
    const [w, s, e, n] = bbox(
      toured ?? zone ?? { type: 'FeatureCollection', features: [...pianqu] },
    );
    return {
      code: toured ? toured.properties.code : frame.zone,
      bbox: [w, s, e, n],
      areas: pianqu,
      context: [],
      focus: null,
      selected: toured ? toured.properties.code : null,
    };
  }, [pianqu, zone, toured, frame.zone]);

  const tourLayers = useMemo<Layer[]>(
    () =>
      toured
        ? [
            new GeoJsonLayer({
              id: 'screen-tour-outline',
              data: [toured],
              filled: false,
              stroked: true,
              getLineColor: TOUR_OUTLINE,
              lineWidthUnits: 'pixels',
              getLineWidth: 4,
            }),
          ]
        : [],
    [toured],
  );
  const layers = useMemo(
    () => ({
      below: overlays.layers.below,
      above: [...overlays.layers.above, ...tourLayers, ...pulseLayers(pulses, now, still)],
    }),
    [overlays.layers, tourLayers, pulses, now, still],
  );
  useEffect(() => {
    exposeScreen({
      pulses: pulses.length,
      deckLayers: layers.below.length + layers.above.length,
    });
  }, [pulses.length, layers]);

  // The card takes the top right of the map; the camera keeps clear of it (design pixels).
  const cardRoom = tourArea ? TOUR_CARD_WIDTH + 32 : 40;
  const fitPadding = useMemo(
    () => ({ top: 40, bottom: 40, left: 60, right: cardRoom }),
    [cardRoom],
  );
  const pixelRatio = scale * window.devicePixelRatio;

  return (
    <MapView
      theme="dark"
      pixelRatio={pixelRatio}
      basemap={basemap}
      online={online}
      zone={zone}
      content={content}
      metric="unresolvedIssues"
      fitPadding={fitPadding}
      refresh={refresh}
      onSelect={onSelect}
      onSourceError={onSourceError}
      overlayLayers={layers}
      issuePoints={{
        visible: overlayState.on.includes('issues'),
        filterQuery: overlays.filterQuery,
        opacity: overlayState.opacity.issues,
      }}
      areaFillOpacity={overlayState.on.includes('tourism') ? 0.35 : 0.7}
      onZoomChange={setZoom}
    >
      {tourArea && tourArea.code === tourCode && (
        <TourCard area={tourArea} ranking={ranking} paused={tourPaused} quietS={quietS} />
      )}
    </MapView>
  );
}

/** The map, re-rendered only when its own inputs change (not with every panel update). */
export const ScreenMap = memo(ScreenMapView);
