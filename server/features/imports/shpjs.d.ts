// shpjs ships without types; these are the two readers the import uses.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Shapes of a .shp, reprojected to WGS84 when `prj` (the .prj text) names a projection. */
  export function parseShp(
    shp: ArrayBufferView | ArrayBuffer,
    prj?: string | false,
  ): (Geometry | null)[];
  /** Rows of a .dbf, text decoded as `cpg` (a .cpg's content or an encoding label). */
  export function parseDbf(
    dbf: ArrayBufferView | ArrayBuffer,
    cpg?: string,
  ): Record<string, unknown>[];
}
