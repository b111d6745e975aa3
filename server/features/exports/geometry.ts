import type { ExportCrs } from '../../contract/index.ts';
// The import's conversion (gcoord), so a file written here and imported back lands in place.
import { fromWgs84 } from '../imports/coords.ts';

export type Position = [number, number];
/** A MultiPolygon's coordinates: polygons of rings of positions, the first ring exterior. */
export type MultiPolygonCoords = Position[][][];

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** A WGS84 point in `crs`, to 7 decimals (about a centimetre). */
export function toCrs(p: Position, crs: ExportCrs): Position {
  const [x, y] = crs === 'wgs84' ? p : fromWgs84(p, crs);
  return [round7(x), round7(y)];
}

/** A MultiPolygon's coordinates in `crs`. */
export const multiPolygonToCrs = (m: MultiPolygonCoords, crs: ExportCrs): MultiPolygonCoords =>
  crs === 'wgs84' ? m : m.map((poly) => poly.map((ring) => ring.map((p) => toCrs(p, crs))));

type Nested = number[] | Nested[];

/** Any GeoJSON geometry's coordinates (a position or nested arrays of them) in `crs`. */
export function coordinatesToCrs<T>(coords: T, crs: ExportCrs): T {
  if (crs === 'wgs84') return coords;
  const c = coords as Nested;
  if (typeof c[0] === 'number') return toCrs(c as Position, crs) as T;
  return (c as Nested[]).map((x) => coordinatesToCrs(x, crs)) as T;
}

/** [minX, minY, maxX, maxY] of positions. */
export function extent(points: Iterable<Position>): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** Every position of a MultiPolygon. */
export const positionsOf = (m: MultiPolygonCoords): Position[] => m.flat(2);

/** The CRS in the words of a file's metadata. */
export const CRS_NAME: Record<ExportCrs, string> = {
  wgs84: 'WGS 84 (EPSG:4326)',
  gcj02: 'GCJ-02 (高德/腾讯), axes and units of WGS 84',
  bd09: 'BD-09 (百度), axes and units of WGS 84',
};

/** ESRI WKT of WGS 84, what a Shapefile's `.prj` and GeoPackage's SRS 4326 say. */
export const WGS84_WKT =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
