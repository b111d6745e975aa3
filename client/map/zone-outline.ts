/**
 * The outline of the zone: the 片区 dissolved into one shape. The API lists polygons for the
 * drawable levels only, and the 片区 tile the zone exactly, so their union is the zone.
 */
import { area, featureCollection, polygon, union } from '@turf/turf';
import type { AreaFeature } from '../layers/areas/areas-layer.ts';

/** Parts smaller than this (m²) are slivers left by simplifying neighbours independently. */
const MIN_PART_M2 = 20_000;

/**
 * Dissolves the areas into the outline of their union. Interior rings are dropped: the
 * zone has no holes, and the only ones a union of separately simplified polygons has are the
 * hairline gaps between neighbours.
 */
export function zoneOutline(
  areas: readonly AreaFeature[],
): GeoJSON.Feature<GeoJSON.MultiPolygon> | null {
  if (areas.length === 0) return null;
  const merged = union(
    featureCollection(
      areas.map(
        (a) =>
          ({ ...a, properties: {} }) as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>,
      ),
    ),
  );
  if (!merged) return null;
  const parts =
    merged.geometry.type === 'Polygon'
      ? [merged.geometry.coordinates]
      : merged.geometry.coordinates;
  const outer = parts
    .map((rings) => rings[0])
    .filter((ring): ring is GeoJSON.Position[] => ring !== undefined)
    .filter((ring) => area(polygon([ring])) >= MIN_PART_M2);
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPolygon', coordinates: outer.map((ring) => [ring]) },
  };
}
