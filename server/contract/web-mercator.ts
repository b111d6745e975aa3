/**
 * Web Mercator and slippy-map tile maths, written once for both sides: the client snapping its
 * cell requests to tiles, the server's cell ranges, the benchmarks and the tests that ask for
 * the tile holding a point. Tile coordinates are fractional unless floored, counted from the
 * top left, on 2^z tiles a side.
 */

/** The tile column, fractional, of a longitude at zoom `z`. */
export const tileX = (lon: number, z: number): number => ((lon + 180) / 360) * 2 ** z;

/** The tile row, fractional, of a latitude at zoom `z` (0 at the north edge). */
export function tileY(lat: number, z: number): number {
  return ((1 - mercatorY(lat)) / 2) * 2 ** z;
}

/** The longitude of a tile column (its west edge when whole). */
export const lonOfTileX = (x: number, z: number): number => (x / 2 ** z) * 360 - 180;

/** The latitude of a tile row (its north edge when whole). */
export const latOfTileY = (y: number, z: number): number =>
  (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** The tile holding a point at zoom `z`. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  return { x: Math.floor(tileX(lon, z)), y: Math.floor(tileY(lat, z)) };
}

/** Web Mercator's y of a latitude on the square −1..1 (north up): multiply by π·R for metres. */
export const mercatorY = (lat: number): number =>
  Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI;
