/**
 * The workbench map's own sources and layers over the basemap: the 社区 filled with their 片区's
 * colour (feature state), unassigned ones hatched, the edges between 社区 and the 片区 names.
 */
import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import type { UnitShapeCollection } from '../../../server/contract/index.ts';
import { FONT_BOLD } from '../../map/fonts.ts';
import type { Pixel } from './brush.ts';
import { UNASSIGNED_COLOUR } from './pianqu-colours.ts';

export const UNITS = 'plan-units';
export const EDGES = 'plan-edges';
export const LABELS = 'plan-labels';
export const FILL = 'plan-fill';
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

export function addPlannerLayers(m: MaplibreMap): void {
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
export function projectedPolygons(
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
