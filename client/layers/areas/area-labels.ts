/**
 * Label points of the areas drawn, for the map's `area-label` symbol layer: MapLibre places the
 * Chinese names (collision, halo, offline font) better than a deck.gl TextLayer would.
 */
import type { AreaFeature } from './areas-layer.ts';

/** Properties of one label point. */
export interface AreaLabelProperties {
  code: string;
  name: string;
  level: string;
  /** The selected area: drawn larger and placed first. */
  selected: boolean;
  /** A neighbour outside the scope: drawn fainter. */
  context: boolean;
}

/** One point per area at its `labelPoint` (inside the polygon, unlike a centroid). */
export function areaLabelPoints(
  areas: readonly AreaFeature[],
  context: readonly AreaFeature[],
  selected: string | null,
): GeoJSON.FeatureCollection<GeoJSON.Point, AreaLabelProperties> {
  const point = (a: AreaFeature, isContext: boolean) => ({
    type: 'Feature' as const,
    id: a.properties.code,
    properties: {
      code: a.properties.code,
      name: a.properties.name,
      level: a.properties.level,
      selected: a.properties.code === selected,
      context: isContext,
    },
    geometry: { type: 'Point' as const, coordinates: [...a.properties.labelPoint] },
  });
  return {
    type: 'FeatureCollection',
    features: [...areas.map((a) => point(a, false)), ...context.map((a) => point(a, true))],
  };
}
