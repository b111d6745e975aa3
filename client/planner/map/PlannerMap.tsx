/**
 * The workbench map: the offline basemap with the 社区 coloured by their 片区, the 片区 outlines
 * drawn from the precomputed edges (thick where the two sides' 片区 differ, thin otherwise; no
 * union), unassigned 社区 hatched, and the click and brush tools. Every move changes MapLibre
 * feature state of the 社区 and edges that changed, never the sources, so a move costs the same
 * for 64 社区 as for 5,000.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Map as MaplibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type ExpressionSpecification,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type {
  Basemap,
  EdgeCollection,
  UnitShapeCollection,
} from '../../../server/contract/index.ts';
import { SOURCES, basemapStyle } from '../../map/basemap-style.ts';
import { FONT_BOLD } from '../../map/fonts.ts';
import { mapFontFaces } from '../../map/fonts.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { circleTouchesPolygon, type Pixel } from './brush.ts';
import { UNASSIGNED_COLOUR } from './pianqu-colours.ts';
import { pianquLabels, shapesBbox } from './pianqu-labels.ts';
import '../../map/map.css';

setWorkerUrl(workerUrl);

/** What tests read from the page: the map, and which plan revision it has drawn. */
export interface PlannerMapHandle {
  map: MaplibreMap;
  /** True once the 社区 and edges are drawn. */
  ready: boolean;
  /** The plan revision whose colours and outlines are on the map. */
  revision: number;
}

declare global {
  interface Window {
    __planner?: PlannerMapHandle;
  }
}

/** The tool the pointer is: click one 社区, paint over several, or only move the map. */
export type PlannerTool = 'click' | 'brush' | 'pan';

/** Props of {@link PlannerMap}. */
export interface PlannerMapProps {
  basemap: Basemap | null;
  zone: GeoJSON.Feature | null;
  shapes: UnitShapeCollection;
  edges: EdgeCollection;
  /** 社区 → 片区 (null: unassigned). */
  assignment: Readonly<Record<string, string | null>>;
  /** Counts changes of the plan (PlanState.revision). */
  revision: number;
  /** 片区 code → CSS colour. */
  colours: ReadonlyMap<string, string>;
  /** 片区 code → name. */
  names: ReadonlyMap<string, string>;
  /** 社区 code → label point. */
  labelPoints: ReadonlyMap<string, readonly [number, number]>;
  tool: PlannerTool;
  /** Brush radius, CSS pixels. */
  brushRadius: number;
  /** 社区 drawn emphasised (a piece of a broken 片区), or none. */
  highlight: readonly string[];
  /** Fly to these 社区 whenever `key` changes. */
  focus: { key: number; units: readonly string[] } | null;
  /** Room the floating parts take, kept free when fitting. */
  padding: { top: number; bottom: number; left: number; right: number };
  /** Move these 社区 to the chosen 片区; `stroke` groups one brush drag. */
  onAssign(units: string[], stroke: number | null): void;
  /** The 社区 under the pointer (null: none) and where. */
  onHover(unit: string | null, x: number, y: number): void;
}

const UNITS = 'plan-units';
const EDGES = 'plan-edges';
const LABELS = 'plan-labels';
const FILL = 'plan-fill';
const HATCH_IMAGE = 'plan-hatch';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Diagonal hatching for unassigned 社区, drawn once into an image. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 10;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      const i = (y * size + x) * 4;
      data.set(on ? [70, 78, 90, 230] : [0, 0, 0, 0], i);
    }
  }
  return { width: size, height: size, data };
}

function addPlannerLayers(m: MaplibreMap): void {
  // The tiles' own 片区 and 社区 lines show the version in force, not the plan: hide them.
  for (const id of ['tiles-pianqu-line', 'tiles-shequ-line']) {
    if (m.getLayer(id)) m.setLayoutProperty(id, 'visibility', 'none');
  }
  m.addImage(HATCH_IMAGE, hatchImage());
  m.addSource(UNITS, { type: 'geojson', data: EMPTY, promoteId: 'code' });
  m.addSource(EDGES, { type: 'geojson', data: EMPTY });
  m.addSource(LABELS, { type: 'geojson', data: EMPTY });
  const state = (key: string): ExpressionSpecification => [
    'boolean',
    ['feature-state', key],
    false,
  ];
  m.addLayer(
    {
      id: FILL,
      type: 'fill',
      source: UNITS,
      paint: {
        'fill-color': ['coalesce', ['feature-state', 'colour'], UNASSIGNED_COLOUR],
        'fill-opacity': ['case', state('hover'), 0.95, 0.78],
      },
    },
    'road-secondary-casing',
  );
  m.addLayer(
    {
      id: 'plan-hatch',
      type: 'fill',
      source: UNITS,
      paint: {
        'fill-pattern': HATCH_IMAGE,
        'fill-opacity': ['case', state('unassigned'), 1, 0],
      },
    },
    'road-secondary-casing',
  );
  m.addLayer(
    {
      id: 'plan-edges',
      type: 'line',
      source: EDGES,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': ['case', state('boundary'), '#102c52', '#ffffff'],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          10,
          ['case', state('boundary'), 2.6, 0.6],
          15,
          ['case', state('boundary'), 4.5, 1.4],
        ],
        'line-opacity': ['case', state('boundary'), 0.95, 0.85],
      },
    },
    'zone-outline-glow',
  );
  m.addLayer(
    {
      id: 'plan-highlight',
      type: 'line',
      source: UNITS,
      paint: {
        'line-color': '#d7263d',
        'line-width': 3,
        'line-opacity': ['case', state('highlight'), 1, 0],
      },
    },
    'zone-outline-glow',
  );
  m.addLayer({
    id: 'plan-label',
    type: 'symbol',
    source: LABELS,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': [FONT_BOLD],
      'text-size': 13,
      'text-padding': 2,
    },
    paint: {
      'text-color': '#0f223d',
      'text-halo-color': '#ffffff',
      'text-halo-width': 1.8,
    },
  });
}

/** The rings of a 社区 shape on the screen, one list per polygon. */
function projectedPolygons(
  m: MaplibreMap,
  f: UnitShapeCollection['features'][number],
): Pixel[][][] {
  const polygons = (
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
  ) as [number, number][][][];
  return polygons.map((rings) =>
    rings.map((ring) =>
      ring.map(([lon, lat]) => {
        const p = m.project([lon, lat]);
        return [p.x, p.y] as Pixel;
      }),
    ),
  );
}

export function PlannerMap(props: PlannerMapProps) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  // The latest props for the map's own event handlers (registered once).
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const shapeIndex = useRef(new Map<string, UnitShapeCollection['features'][number]>());
  const painting = useRef<number | null>(null);
  const strokeCounter = useRef(0);
  const hovered = useRef<string | null>(null);
  // The whole zone, refitted when the window changes size until the user moves the camera.
  const zoneBounds = useRef<[[number, number], [number, number]] | null>(null);
  const cameraMoved = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const m = new MaplibreMap({
      container,
      style: basemapStyle({ origin: location.origin, fontFaces: mapFontFaces() }),
      center: [122.03, 37.45],
      zoom: 10.5,
      minZoom: 8,
      maxZoom: 17,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
      doubleClickZoom: false,
    });
    m.touchZoomRotate.disableRotation();
    m.keyboard.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    m.on('error', (event) => console.warn('planner map:', event.error?.message ?? event.error));

    const unitAt = (e: MapMouseEvent): string | null => {
      const f = m.queryRenderedFeatures(e.point, { layers: [FILL] })[0];
      const code: unknown = f?.properties?.code;
      return typeof code === 'string' ? code : null;
    };
    const paintAt = (x: number, y: number, stroke: number) => {
      const r = latest.current.brushRadius;
      const found = m.queryRenderedFeatures(
        [
          [x - r, y - r],
          [x + r, y + r],
        ],
        { layers: [FILL] },
      );
      const codes = new Set<string>();
      for (const f of found) {
        const code: unknown = f.properties?.code;
        if (typeof code !== 'string' || codes.has(code)) continue;
        const shape = shapeIndex.current.get(code);
        if (!shape) continue;
        if (projectedPolygons(m, shape).some((rings) => circleTouchesPolygon([x, y], r, rings))) {
          codes.add(code);
        }
      }
      if (codes.size > 0) latest.current.onAssign([...codes], stroke);
    };

    m.on('load', () => {
      addPlannerLayers(m);
      setMap(m);
    });
    m.on('movestart', (e) => {
      if ((e as { originalEvent?: Event }).originalEvent) cameraMoved.current = true;
    });
    m.on('resize', () => {
      if (!cameraMoved.current && zoneBounds.current) {
        m.fitBounds(zoneBounds.current, { padding: latest.current.padding, duration: 0 });
      }
    });
    m.on('click', (e) => {
      if (latest.current.tool !== 'click') return;
      const code = unitAt(e);
      if (code) latest.current.onAssign([code], null);
    });
    m.on('mousedown', (e) => {
      if (latest.current.tool !== 'brush' || e.originalEvent.button !== 0) return;
      strokeCounter.current += 1;
      painting.current = strokeCounter.current;
      paintAt(e.point.x, e.point.y, painting.current);
    });
    m.on('mousemove', (e) => {
      const { tool } = latest.current;
      setCursor(tool === 'brush' ? { x: e.point.x, y: e.point.y } : null);
      if (painting.current !== null) paintAt(e.point.x, e.point.y, painting.current);
      const code = unitAt(e);
      if (code !== hovered.current) {
        if (hovered.current)
          m.setFeatureState({ source: UNITS, id: hovered.current }, { hover: false });
        if (code) m.setFeatureState({ source: UNITS, id: code }, { hover: true });
        hovered.current = code;
      }
      latest.current.onHover(code, e.point.x, e.point.y);
      m.getCanvas().style.cursor =
        tool === 'pan' ? '' : code ? (tool === 'brush' ? 'none' : 'pointer') : '';
    });
    const stop = () => {
      painting.current = null;
    };
    m.on('mouseup', stop);
    m.on('mouseout', () => {
      stop();
      setCursor(null);
      latest.current.onHover(null, 0, 0);
    });
    return () => {
      setMap(null);
      if (window.__planner?.map === m) delete window.__planner;
      m.remove();
    };
  }, []);

  const { basemap, zone, shapes, edges, tool } = props;
  useEffect(() => {
    if (!map || !basemap) return;
    (map.getSource(SOURCES.basemap) as GeoJSONSource | undefined)?.setData(
      basemap as GeoJSON.FeatureCollection,
    );
  }, [map, basemap]);
  useEffect(() => {
    if (!map || !zone) return;
    (map.getSource(SOURCES.zone) as GeoJSONSource | undefined)?.setData(zone);
  }, [map, zone]);

  // The brush paints on drag, so the map must not pan meanwhile.
  useEffect(() => {
    if (!map) return;
    if (tool === 'brush') map.dragPan.disable();
    else map.dragPan.enable();
  }, [map, tool]);

  // Shapes and edges: set once per data set; what a move changes is feature state.
  const unitColours = useRef(new Map<string, string | null>());
  const edgeBoundary = useRef<boolean[]>([]);
  const [dataKey, setDataKey] = useState(0);
  useEffect(() => {
    if (!map) return;
    shapeIndex.current = new Map(shapes.features.map((f) => [f.properties.code, f]));
    (map.getSource(UNITS) as GeoJSONSource).setData(shapes as GeoJSON.FeatureCollection);
    (map.getSource(EDGES) as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: edges.features.map((f, i) => ({ ...f, id: i })),
    } as GeoJSON.FeatureCollection);
    unitColours.current = new Map();
    edgeBoundary.current = [];
    setDataKey((k) => k + 1);
    const bbox = shapesBbox(shapes.features);
    if (bbox) {
      zoneBounds.current = [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ];
      map.fitBounds(zoneBounds.current, { padding: latest.current.padding, duration: 0 });
    }
  }, [map, shapes, edges]);

  // Every move: colours of the 社区 that changed 片区, and edges whose sides now differ or agree.
  const { assignment, colours, names, labelPoints, revision } = props;
  useEffect(() => {
    if (!map || dataKey === 0) return;
    for (const f of shapes.features) {
      const code = f.properties.code;
      const pianqu = assignment[code] ?? null;
      const colour = pianqu === null ? null : (colours.get(pianqu) ?? null);
      if (unitColours.current.get(code) === colour && unitColours.current.has(code)) continue;
      unitColours.current.set(code, colour);
      map.setFeatureState(
        { source: UNITS, id: code },
        { colour: colour ?? UNASSIGNED_COLOUR, unassigned: pianqu === null },
      );
    }
    edges.features.forEach((f, i) => {
      const { a, b } = f.properties;
      const boundary = b === null || (assignment[a] ?? null) !== (assignment[b] ?? null);
      if (edgeBoundary.current[i] === boundary) return;
      edgeBoundary.current[i] = boundary;
      map.setFeatureState({ source: EDGES, id: i }, { boundary });
    });
    (map.getSource(LABELS) as GeoJSONSource).setData(pianquLabels(assignment, labelPoints, names));
    const tell = () => {
      window.__planner = { map, ready: true, revision };
    };
    map.once('idle', tell);
    map.triggerRepaint();
    return () => {
      map.off('idle', tell);
    };
  }, [map, dataKey, shapes, edges, assignment, colours, names, labelPoints, revision]);

  // A broken 片区's piece, emphasised.
  const highlightKey = props.highlight.join(',');
  useEffect(() => {
    if (!map || dataKey === 0) return;
    const on = new Set(highlightKey ? highlightKey.split(',') : []);
    for (const f of shapes.features) {
      map.setFeatureState(
        { source: UNITS, id: f.properties.code },
        { highlight: on.has(f.properties.code) },
      );
    }
  }, [map, dataKey, shapes, highlightKey]);

  const focusKey = props.focus?.key ?? null;
  useEffect(() => {
    if (!map || focusKey === null) return;
    const units = new Set(latest.current.focus?.units ?? []);
    const bbox = shapesBbox(shapes.features.filter((f) => units.has(f.properties.code)));
    if (!bbox) return;
    cameraMoved.current = true;
    map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: latest.current.padding, maxZoom: 14.5, duration: 600 },
    );
  }, [map, focusKey, shapes]);

  return (
    <div className="planner-map" data-testid="planner-map">
      <div ref={containerRef} className="planner-map__canvas" />
      {!map && <div className="map-view__loading">{t('map.loading')}</div>}
      {cursor && tool === 'brush' && (
        <div
          className="planner-map__brush"
          style={{
            left: cursor.x - props.brushRadius,
            top: cursor.y - props.brushRadius,
            width: props.brushRadius * 2,
            height: props.brushRadius * 2,
          }}
          aria-hidden="true"
        />
      )}
    </div>
  );
}
