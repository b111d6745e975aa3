/**
 * The workbench map: the offline basemap with the 社区 coloured by their 片区, the 片区 outlines
 * drawn from the precomputed edges (thick where the two sides' 片区 differ, thin otherwise; no
 * union), unassigned 社区 hatched, and the click and brush tools. Every move changes MapLibre
 * feature state of the 社区 and edges that changed, never the sources, so a move costs the same
 * for 64 社区 as for 5,000.
 */
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import type {
  Basemap,
  EdgeCollection,
  UnitShapeCollection,
} from '../../../server/contract/index.ts';
import { useBasemapSources } from '../../map/use-basemap-sources.ts';
import { createAtlasMap } from '../../map/create-map.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { BRUSH_RADIUS, circleTouchesPolygon, fittingRadius } from './brush.ts';
import { UNASSIGNED_COLOUR } from './pianqu-colours.ts';
import { pianquLabels, shapesBbox } from './pianqu-labels.ts';
import {
  EDGES,
  FILL,
  LABELS,
  UNITS,
  addPlannerLayers,
  projectedPolygons,
} from './planner-layers.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import '../../map/map.css';

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
  /** Brush radius, CSS pixels; null: fit one when the brush is taken (`onBrushRadius`). */
  brushRadius: number | null;
  /** The radius fitted to the 社区 at the present zoom, when the brush is taken first. */
  onBrushRadius(radius: number): void;
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

export function PlannerMap(props: PlannerMapProps) {
  const { t } = useI18n();
  // The map is made once; its first frame is the zone the data set had then.
  const zoneBboxRef = useRef(useDataset().dataset.zone?.bbox ?? null);
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
    const m = createAtlasMap({
      container,
      zoneBbox: zoneBboxRef.current,
      label: 'planner map',
      // A double click would zoom between two clicks that each move a 社区.
      options: { maxZoom: 17, doubleClickZoom: false },
    });

    const unitAt = (e: MapMouseEvent): string | null => {
      const f = m.queryRenderedFeatures(e.point, { layers: [FILL] })[0];
      const code: unknown = f?.properties?.code;
      return typeof code === 'string' ? code : null;
    };
    const paintAt = (x: number, y: number, stroke: number) => {
      const r = latest.current.brushRadius ?? BRUSH_RADIUS.min;
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
  useBasemapSources(map, basemap, zone);

  // The brush paints on drag, so the map must not pan meanwhile.
  useEffect(() => {
    if (!map) return;
    if (tool === 'brush') map.dragPan.disable();
    else map.dragPan.enable();
  }, [map, tool]);

  // The brush taken first: a radius that takes one 社区 at the zoom the map shows now.
  const unfitted = props.brushRadius === null;
  useEffect(() => {
    if (!map || tool !== 'brush' || !unfitted || shapeIndex.current.size === 0) return;
    const projected = [...shapeIndex.current.values()].map((f) => projectedPolygons(map, f));
    latest.current.onBrushRadius(fittingRadius(projected));
  }, [map, tool, unfitted]);

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
      {cursor && tool === 'brush' && props.brushRadius !== null && (
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
