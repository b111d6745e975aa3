/**
 * The `bbox` the issue cells are asked for: the map's bounds snapped outward to whole Web
 * Mercator tiles two zooms coarser than the map's (4 × 4 of its own 512-px tiles: 2,048 px or
 * more, wider than a screen). Panning inside those tiles keeps the same bbox, so the same
 * request key and no refetch, while the bbox stays a few screens across rather than the whole
 * data set. Below zoom 11 that is three zooms coarser than the cells' (one finer than the map's).
 */
import { BBOX_MAX_LAT } from '../../../server/contract/overlays.ts';

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

/** How many zooms coarser than the map's the tiles the bounds snap to are. */
export const SNAP_ZOOMS_COARSER = 2;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

// Slippy-map tile coordinates (fractional) and back, on n tiles a side.
const tileX = (lon: number, n: number) => ((lon + 180) / 360) * n;
const tileY = (lat: number, n: number) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
};
const lonOf = (x: number, n: number) => (x / n) * 360 - 180;
const latOf = (y: number, n: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;

// Six decimals (about 0.1 m) keep the key short; rounded outward, so the tiles stay covered.
const down = (v: number) => Math.floor(v * 1e6) / 1e6;
const up = (v: number) => Math.ceil(v * 1e6) / 1e6;

/**
 * `minLon,minLat,maxLon,maxLat` around `bounds` seen at map zoom `zoom`: whole tiles of zoom
 * max(⌊zoom⌋ − {@link SNAP_ZOOMS_COARSER}, 0), within the limits the API takes.
 */
export function cellsBbox(bounds: Bounds, zoom: number): string {
  const n = 2 ** Math.max(Math.floor(zoom) - SNAP_ZOOMS_COARSER, 0);
  const [west, east] = [Math.min(bounds[0], bounds[2]), Math.max(bounds[0], bounds[2])];
  const [south, north] = [Math.min(bounds[1], bounds[3]), Math.max(bounds[1], bounds[3])];
  const column = (lon: number) => clamp(Math.floor(tileX(clamp(lon, -180, 180), n)), 0, n - 1);
  const row = (lat: number) =>
    clamp(Math.floor(tileY(clamp(lat, -BBOX_MAX_LAT, BBOX_MAX_LAT), n)), 0, n - 1);
  // Rows count down from the top; the bottom edge is the one below the southern row.
  return [
    down(lonOf(column(west), n)),
    Math.max(down(latOf(row(south) + 1, n)), -BBOX_MAX_LAT),
    up(lonOf(column(east) + 1, n)),
    Math.min(up(latOf(row(north), n)), BBOX_MAX_LAT),
  ].join(',');
}
