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

/** The rings of a tile-local (Multi)Polygon, or of polygons inside a GeometryCollection. */
function polygonRings(geometry: TileGeoJson): Position[][] {
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates as Position[][];
    case 'MultiPolygon':
      return (geometry.coordinates as Position[][][]).flat();
    case 'GeometryCollection':
      // ST_MakeValid can leave collapsed slivers as lines or points beside the polygons.
      return ((geometry as unknown as { geometries: TileGeoJson[] }).geometries ?? []).flatMap(
        polygonRings,
      );
    default:
      return [];
  }
}

/**
 * Encodes polygon features into one MVT layer, for backends without ST_AsMVT. Rings arrive
 * already clipped, snapped and oriented by SQL, so this only serialises them.
 */
export function encodePolygonLayer(layer: string, features: TileFeature[]): Uint8Array {
  const encoded = features
    .map((f) => ({
      type: MVT_POLYGON as 3,
      tags: f.properties,
      geometry: polygonRings(f.geometry).filter((ring) => ring.length >= 4),
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
