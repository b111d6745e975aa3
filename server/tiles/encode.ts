import { fromGeojsonVt } from 'vt-pbf';

type Position = number[];
interface TileGeoJson {
  type: string;
  coordinates: unknown;
}

/** One feature in tile coordinates (0..4096, y down), ready to encode. */
export interface TileFeature {
  geometry: TileGeoJson;
  properties: Record<string, string | number | boolean>;
}

const MVT_POLYGON = 3;

/**
 * Rings of less area than this (in tile units²) are dropped: after snapping to whole units a
 * ring's area is a multiple of ½, and one of ½ is a one-unit sliver no renderer can show.
 */
export const MIN_RING_AREA = 1;

/** The polygons of a tile-local geometry, each as its rings (exterior first). */
function polygonsOf(geometry: TileGeoJson): Position[][][] {
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates as Position[][]];
    case 'MultiPolygon':
      return geometry.coordinates as Position[][][];
    case 'GeometryCollection':
      // ST_MakeValid can leave collapsed slivers as lines or points beside the polygons.
      return ((geometry as unknown as { geometries: TileGeoJson[] }).geometries ?? []).flatMap(
        polygonsOf,
      );
    default:
      return [];
  }
}

/**
 * A ring's signed area by the surveyor's formula in tile coordinates: positive for an exterior
 * ring as the MVT spec defines it (clockwise on screen, where y points down).
 */
export function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return a / 2;
}

/** A ring without repeated consecutive points, closed (its first point again at the end). */
function closedRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return first ? [...out, first] : out;
}

/**
 * The rings of a polygon as the MVT spec wants them: the exterior with positive area, then its
 * holes with negative area; rings with fewer than four points (three corners and the closing
 * one) or about no area are dropped, and with the exterior its holes.
 */
function specRings(polygon: Position[][]): Position[][] {
  const rings = polygon.map(closedRing);
  const [exterior, ...holes] = rings;
  const kept = (r: Position[]) => r.length >= 4 && Math.abs(ringArea(r)) >= MIN_RING_AREA;
  if (!exterior || !kept(exterior)) return [];
  const wound = (r: Position[], sign: 1 | -1) =>
    Math.sign(ringArea(r)) === sign ? r : [...r].reverse();
  return [wound(exterior, 1), ...holes.filter(kept).map((h) => wound(h, -1))];
}

/**
 * Encodes polygon features into one MVT layer, for backends without ST_AsMVT. Rings arrive
 * clipped and snapped by SQL; here each polygon is wound as the spec says and cleared of
 * degenerate rings, which ST_MakeValid can leave on the tile's grid.
 */
export function encodePolygonLayer(layer: string, features: TileFeature[]): Uint8Array {
  const encoded = features
    .map((f) => ({
      type: MVT_POLYGON as 3,
      tags: f.properties,
      geometry: polygonsOf(f.geometry).flatMap(specRings),
    }))
    .filter((f) => f.geometry.length > 0);
  if (encoded.length === 0) return new Uint8Array(0);
  // vt-pbf's types describe a geojson-vt index; it only reads `features` from it.
  const layers = { [layer]: { features: encoded } } as unknown as Parameters<
    typeof fromGeojsonVt
  >[0];
  return fromGeojsonVt(layers, {
    version: 2,
    extent: 4096,
  });
}

/** One point feature in tile coordinates, ready to encode. */
export interface TilePoint {
  id: number;
  x: number;
  y: number;
  properties: Record<string, string | number | boolean>;
}

const MVT_POINT = 1;

/** Encodes point features into one MVT layer, for backends without ST_AsMVT. */
export function encodePointLayer(layer: string, points: TilePoint[]): Uint8Array {
  if (points.length === 0) return new Uint8Array(0);
  const features = points.map((p) => ({
    id: p.id,
    type: MVT_POINT as 1,
    tags: p.properties,
    geometry: [[p.x, p.y]],
  }));
  const layers = { [layer]: { features } } as unknown as Parameters<typeof fromGeojsonVt>[0];
  return fromGeojsonVt(layers, { version: 2, extent: 4096 });
}
