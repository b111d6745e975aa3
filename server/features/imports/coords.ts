/**
 * Chinese coordinate systems to WGS84, through gcoord. GCJ-02 (高德, 腾讯) shifts points by
 * a few hundred metres (about 460 m in 威海), BD-09 (百度) by more; gcoord's inverses are
 * iterative, within millimetres. CGCS2000 geographic coordinates are WGS84 to centimetres.
 */
import gcoord from 'gcoord';
import proj4 from 'proj4';
import {
  COORDINATE_SYSTEMS,
  PROJECTED_EPSG,
  isProjectedCrs,
  type CoordinateSystem,
  type ImportCrs,
  type ProjectedCrs,
} from '../../contract/index.ts';

export type LonLat = [number, number];

/**
 * proj4 definitions of the declarable projections. CGCS2000's ellipsoid differs from GRS80 in
 * the tenth decimal of the flattening, and its frame from WGS84 by centimetres: GRS80 with no
 * datum shift is what GDAL does too. Files write easting first whatever EPSG's axis order says.
 */
export function projectionOf(crs: ProjectedCrs): string {
  const code = Number(crs.slice(5));
  const gk = (cm: number, zone: number | null) =>
    `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${(zone ?? 0) * 1e6 + 500000} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  if (code >= 4491 && code <= 4501) return gk((code - 4491 + 13) * 6 - 3, code - 4491 + 13);
  if (code >= 4502 && code <= 4512) return gk(75 + (code - 4502) * 6, null);
  if (code >= 4513 && code <= 4533) return gk((code - 4513 + 25) * 3, code - 4513 + 25);
  if (code >= 4534 && code <= 4554) return gk(75 + (code - 4534) * 3, null);
  if (code === 32650 || code === 32651)
    return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code === 3857)
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  throw new Error(`${crs} is not a projection the import declares`);
}

const converters = new Map<string, proj4.Converter>();
const converter = (crs: ProjectedCrs) => {
  let c = converters.get(crs);
  if (!c) converters.set(crs, (c = proj4(projectionOf(crs), 'WGS84')));
  return c;
};

/** A projected point (easting, northing in metres) in WGS84 lon/lat. */
export const unproject = (p: LonLat, crs: ProjectedCrs): LonLat => {
  const [lon, lat] = converter(crs).forward([p[0], p[1]]);
  return [lon!, lat!];
};

/** A WGS84 point in the projection's metres (for tests, and for files written back out). */
export const project = (p: LonLat, crs: ProjectedCrs): LonLat => {
  const [x, y] = converter(crs).inverse([p[0], p[1]]);
  return [x!, y!];
};

const GCOORD = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

/** The point in WGS84, given in `crs`. */
export function toWgs84(p: LonLat, crs: ImportCrs): LonLat {
  if (crs === 'wgs84' || crs === 'cgcs2000') return p;
  if (isProjectedCrs(crs)) return unproject(p, crs);
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
export function convertCoordinates(coords: Coords, crs: ImportCrs): void {
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

/** Roughly China and its seas: where a projection that fits a district's data must land. */
const inChina = ([lon, lat]: LonLat) => lon >= 70 && lon <= 140 && lat >= 0 && lat <= 60;

/**
 * The systems to read a sample in, to see whether the declared one fits: the declared one,
 * the named systems, and when the coordinates are metres every projection that puts them in
 * China (a neighbouring zone, the zone number left off or added, UTM instead of
 * Gauss-Krüger).
 */
export function crsCandidates(declared: ImportCrs, probe: LonLat | undefined): ImportCrs[] {
  const named = COORDINATE_SYSTEMS.filter((c) => c !== 'cgcs2000');
  const out = new Set<ImportCrs>([declared === 'cgcs2000' ? 'wgs84' : declared, ...named]);
  if (probe && (isProjectedCrs(declared) || !isLonLat(probe)))
    for (const code of PROJECTED_EPSG) {
      const c: ProjectedCrs = `EPSG:${code}`;
      const p = unproject(probe, c);
      if (isLonLat(p) && inChina(p)) out.add(c);
    }
  return [...out];
}

/** The point in WGS84, or null when it is not a coordinate in `crs` (metres read as degrees). */
export function toWgs84OrNull(p: LonLat, crs: ImportCrs): LonLat | null {
  if (!isProjectedCrs(crs) && !isLonLat(p)) return null;
  const q = toWgs84(p, crs);
  return isLonLat(q) ? q : null;
}
