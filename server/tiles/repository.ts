import type { Db } from '../db/db.ts';
import { sqlFile } from '../db/sql-files.ts';
import type { MapLevel } from '../contract/index.ts';
import { encodePolygonLayer, type TileFeature } from './encode.ts';

const AREA_TILE_MVT = sqlFile(new URL('./area-tile-mvt.sql', import.meta.url));
const AREA_TILE_GEOJSON = sqlFile(new URL('./area-tile-geojson.sql', import.meta.url));
const TILE_SET = sqlFile(new URL('./tile-set.sql', import.meta.url));

/** A level's extent (null when it has no areas) and the data set that fills it. */
export interface TileSetRow {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  source: string | null;
  zone_name: string | null;
}

/**
 * Vector tiles of the area levels. PostGIS encodes them where it can (ST_AsMVT); on PGlite the
 * same clipping runs in SQL and the server encodes, so clients see one interface.
 */
export function tilesRepository(db: Db) {
  return {
    async tileSet(layer: MapLevel): Promise<TileSetRow> {
      const [row] = await db.query<TileSetRow>(TILE_SET, [layer]);
      return row!;
    },

    async areaTile(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      return db.hasMvt
        ? this.areaTileByPostgis(layer, z, x, y)
        : this.areaTileByServer(layer, z, x, y);
    },

    async areaTileByPostgis(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      const [row] = await db.query<{ tile: Uint8Array | null }>(AREA_TILE_MVT, [z, x, y, layer]);
      return row?.tile ? new Uint8Array(row.tile) : new Uint8Array(0);
    },

    async areaTileByServer(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      const rows = await db.query<{
        code: string;
        name: string;
        parent_code: string | null;
        geometry: TileFeature['geometry'];
      }>(AREA_TILE_GEOJSON, [z, x, y, layer]);
      return encodePolygonLayer(
        layer,
        rows.map((r) => ({
          geometry: r.geometry,
          properties: { code: r.code, name: r.name, parent_code: r.parent_code ?? '' },
        })),
      );
    },
  };
}
