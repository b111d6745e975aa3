/**
 * Chinese coordinate systems to WGS84, through gcoord. GCJ-02 (高德, 腾讯) shifts points by
 * a few hundred metres (about 460 m in 威海), BD-09 (百度) by more; gcoord's inverses are
 * iterative, within millimetres. CGCS2000 geographic coordinates are WGS84 to centimetres.
 */
import gcoord from 'gcoord';
import type { CoordinateSystem } from '../../contract/index.ts';

export type LonLat = [number, number];

const GCOORD = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

/** The point in WGS84, given in `crs`. */
export function toWgs84(p: LonLat, crs: CoordinateSystem): LonLat {
  if (crs === 'wgs84' || crs === 'cgcs2000') return p;
  return gcoord.transform(p, GCOORD[crs], gcoord.WGS84) as LonLat;
}

/** The point in `crs`, given in WGS84 (for tests, and for files written back out). */
export function fromWgs84(p: LonLat, crs: CoordinateSystem): LonLat {
  if (crs === 'wgs84' || crs === 'cgcs2000') return p;
  return gcoord.transform(p, gcoord.WGS84, GCOORD[crs]) as LonLat;
}

/** Whether a lon/lat pair is a coordinate at all (not projected metres, not swapped past ±90). */
export const isLonLat = ([lon, lat]: LonLat) =>
  Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

type Position = number[];
type Coords = Position | Coords[];

/** Converts every position of a GeoJSON geometry's coordinates in place. */
export function convertCoordinates(coords: Coords, crs: CoordinateSystem): void {
  if (crs === 'wgs84' || crs === 'cgcs2000') return;
  if (typeof coords[0] === 'number') {
    const [lon, lat] = toWgs84([coords[0], coords[1] as number], crs);
    coords[0] = lon;
    coords[1] = lat;
    return;
  }
  for (const c of coords as Coords[]) convertCoordinates(c, crs);
}

/** Distance in metres between two WGS84 points (haversine; for reports and tests). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}
