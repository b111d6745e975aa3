/**
 * The `bbox` the issue cells are asked for: the map's bounds snapped outward to whole Web
 * Mercator tiles two zooms coarser than the map's (4 × 4 of its own 512-px tiles: 2,048 px or
 * more, wider than a screen). Panning inside those tiles keeps the same bbox, so the same
 * request key and no refetch, while the bbox stays a few screens across rather than the whole
 * data set. Below zoom 11 that is three zooms coarser than the cells' (one finer than the map's).
 */
import { BBOX_MAX_LAT } from '../../../server/contract/overlays.ts';
import { latOfTileY, lonOfTileX, tileX, tileY } from '../../../server/contract/web-mercator.ts';

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

/** How many zooms coarser than the map's the tiles the bounds snap to are. */
export const SNAP_ZOOMS_COARSER = 2;

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

// Six decimals (about 0.1 m) keep the key short; rounded outward, so the tiles stay covered.
const down = (v: number) => Math.floor(v * 1e6) / 1e6;
const up = (v: number) => Math.ceil(v * 1e6) / 1e6;

/**
 * `minLon,minLat,maxLon,maxLat` around `bounds` seen at map zoom `zoom`: whole tiles of zoom
 * max(⌊zoom⌋ − {@link SNAP_ZOOMS_COARSER}, 0), within the limits the API takes.
 */
export function cellsBbox(bounds: Bounds, zoom: number): string {
  const z = Math.max(Math.floor(zoom) - SNAP_ZOOMS_COARSER, 0);
  const n = 2 ** z;
  const [west, east] = [Math.min(bounds[0], bounds[2]), Math.max(bounds[0], bounds[2])];
  const [south, north] = [Math.min(bounds[1], bounds[3]), Math.max(bounds[1], bounds[3])];
  const column = (lon: number) => clamp(Math.floor(tileX(clamp(lon, -180, 180), z)), 0, n - 1);
  const row = (lat: number) =>
    clamp(Math.floor(tileY(clamp(lat, -BBOX_MAX_LAT, BBOX_MAX_LAT), z)), 0, n - 1);
  // Rows count down from the top; the bottom edge is the one below the southern row.
  return [
    down(lonOfTileX(column(west), z)),
    Math.max(down(latOfTileY(row(south) + 1, z)), -BBOX_MAX_LAT),
    up(lonOfTileX(column(east) + 1, z)),
    Math.min(up(latOfTileY(row(north), z)), BBOX_MAX_LAT),
  ].join(',');
}
