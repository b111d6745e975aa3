/**
 * 区域遮罩: the world outside the zone as one polygon whose holes are the zone's parts, and the
 * camera's limits around the zone. Pure, so the map only sets the results.
 */
import { rewind } from '@turf/turf';

type Ring = [number, number][];

/** The world (as far as Web Mercator draws it) with a hole for each part of the zone. */
export function zoneMask(zone: GeoJSON.Feature): GeoJSON.Feature<GeoJSON.Polygon> {
  const g = zone.geometry;
  const parts: Ring[][] =
    g.type === 'Polygon'
      ? [g.coordinates as Ring[]]
      : g.type === 'MultiPolygon'
        ? (g.coordinates as Ring[][])
        : [];
  const world: Ring = [
    [-180, -85.05],
    [180, -85.05],
    [180, 85.05],
    [-180, 85.05],
    [-180, -85.05],
  ];
  const polygon: GeoJSON.Feature<GeoJSON.Polygon> = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [world, ...parts.map((rings) => rings[0]!)] },
  };
  // MapLibre tells holes by their winding (opposite the outer ring's): RFC 7946's order.
  return rewind(polygon) as GeoJSON.Feature<GeoJSON.Polygon>;
}

type Box = readonly [number, number, number, number];

/**
 * How far the camera may go: the zone's box grown by `margin` of its size on each side, and at
 * least `view` (the first frame) grown by a quarter, so the zone never leaves the screen and
 * nobody pans into the empty world beyond the data.
 */
export function cameraBounds(
  bbox: Box,
  margin = 0.6,
  view?: Box,
): [[number, number], [number, number]] {
  const grow = ([w, s, e, n]: Box, by: number): Box => {
    const dx = Math.max(e - w, 0.01) * by;
    const dy = Math.max(n - s, 0.01) * by;
    return [w - dx, s - dy, e + dx, n + dy];
  };
  const a = grow(bbox, margin);
  const b = view ? grow(view, 0.25) : a;
  return [
    [Math.max(-180, Math.min(a[0], b[0])), Math.max(-85, Math.min(a[1], b[1]))],
    [Math.min(180, Math.max(a[2], b[2])), Math.min(85, Math.max(a[3], b[3]))],
  ];
}
