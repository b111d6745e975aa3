import type { Db } from '../db/db.ts';
import { sqlFile } from '../db/sql-files.ts';
import {
  AREA_TILE_FIGURES,
  tileFigureField,
  type AreaFigures,
  type FigureWindow,
  type MapLevel,
} from '../contract/index.ts';
import { figuresRepository } from '../features/figures/repository.ts';
import { encodePolygonLayer, type TileFeature } from './encode.ts';

const AREA_TILE_MVT = sqlFile(new URL('./area-tile-mvt.sql', import.meta.url));
const AREA_TILE_GEOJSON = sqlFile(new URL('./area-tile-geojson.sql', import.meta.url));
const AREA_TILE_CODES = sqlFile(new URL('./area-tile-codes.sql', import.meta.url));
const TILE_SET = sqlFile(new URL('./tile-set.sql', import.meta.url));

/** The figures' window in the tiles: all time, as the OGC API's area features. */
const ALL_TIME: FigureWindow = { kind: 'all', from: null, to: null };

/** A level's extent (null when it has no areas) and the data set that fills it. */
export interface TileSetRow {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  source: string | null;
  zone_name: string | null;
}

/** The tile properties of an area's figures (`AREA_TILE_FIGURES`, named by `tileFigureField`). */
export function tileFigures(f: AreaFigures | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of AREA_TILE_FIGURES) {
    const value = key
      .split('.')
      .reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], f);
    out[tileFigureField(key)] = typeof value === 'number' ? value : 0;
  }
  return out;
}

/**
 * Vector tiles of the area levels. PostGIS encodes them where it can (ST_AsMVT); on PGlite the
 * same clipping runs in SQL and the server encodes, so clients see one interface. Each area
 * carries its figures from the figures engine, read once for all the tile's areas.
 */
export function tilesRepository(db: Db) {
  const engine = figuresRepository(db);
  /**
   * The figures already read at one set of data versions (the tile cache's key), so the tiles
   * of a map view, which share most of their areas, ask the engine only for areas not read yet.
   * Forgotten as soon as a version moves.
   */
  let memo: { versions: string; byCode: Map<string, Record<string, number>> } | null = null;

  /**
   * The figures of the areas in `codes`, as tile properties by code, read at `versions` (null:
   * nothing kept, every call asks the engine).
   */
  async function figuresByCode(
    codes: string[],
    versions: string | null,
  ): Promise<Map<string, Record<string, number>>> {
    if (versions === null) {
      const figures = await engine.figures(codes, ALL_TIME);
      return new Map(codes.map((c) => [c, tileFigures(figures.get(c))]));
    }
    if (memo?.versions !== versions) memo = { versions, byCode: new Map() };
    const kept = memo.byCode;
    const missing = codes.filter((c) => !kept.has(c));
    if (missing.length > 0) {
      const figures = await engine.figures(missing, ALL_TIME);
      for (const c of missing) kept.set(c, tileFigures(figures.get(c)));
    }
    return new Map(codes.map((c) => [c, kept.get(c)!]));
  }

  return {
    /** What describes the tile set of `layers` (one level, or all for the composite set). */
    async tileSet(layers: readonly MapLevel[]): Promise<TileSetRow> {
      const [row] = await db.query<TileSetRow>(TILE_SET, [layers]);
      return row!;
    },

    /** One level's tile: a single layer named like the level (empty bytes when no areas). */
    async areaTile(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      return this.areaTiles([layer], z, x, y);
    },

    // `versions`, in the methods below: the data versions the tile is made at (the tile
    // cache's key), under which figures read for one tile serve the next; null keeps nothing.

    /**
     * A tile of several levels, one layer each, in the order given. An MVT is a sequence of
     * layers, so the levels' single-layer tiles concatenated are the composite tile: its
     * layers hold exactly the features of the levels' own tiles.
     */
    async areaTiles(
      layers: readonly MapLevel[],
      z: number,
      x: number,
      y: number,
      versions: string | null = null,
    ): Promise<Uint8Array> {
      const parts = db.hasMvt
        ? await this.areaTilesByPostgis(layers, z, x, y, versions)
        : await this.areaTilesByServer(layers, z, x, y, versions);
      return Buffer.concat(parts);
    },

    async areaTileByPostgis(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      const [tile] = await this.areaTilesByPostgis([layer], z, x, y);
      return tile!;
    },

    async areaTileByServer(layer: MapLevel, z: number, x: number, y: number): Promise<Uint8Array> {
      const [tile] = await this.areaTilesByServer([layer], z, x, y);
      return tile!;
    },

    async areaTilesByPostgis(
      layers: readonly MapLevel[],
      z: number,
      x: number,
      y: number,
      versions: string | null = null,
    ): Promise<Uint8Array[]> {
      const codes = await Promise.all(
        layers.map((layer) =>
          db
            .query<{ code: string }>(AREA_TILE_CODES, [z, x, y, layer])
            .then((rows) => rows.map((r) => r.code)),
        ),
      );
      const figures = await figuresByCode(codes.flat(), versions);
      return Promise.all(
        layers.map(async (layer, i) => {
          const json = JSON.stringify(
            Object.fromEntries(codes[i]!.map((c) => [c, figures.get(c)])),
          );
          const [row] = await db.query<{ tile: Uint8Array | null }>(AREA_TILE_MVT, [
            z,
            x,
            y,
            layer,
            json,
          ]);
          return row?.tile ? new Uint8Array(row.tile) : new Uint8Array(0);
        }),
      );
    },

    async areaTilesByServer(
      layers: readonly MapLevel[],
      z: number,
      x: number,
      y: number,
      versions: string | null = null,
    ): Promise<Uint8Array[]> {
      const rows = await Promise.all(
        layers.map((layer) =>
          db.query<{
            code: string;
            name: string;
            parent_code: string | null;
            geometry: TileFeature['geometry'];
          }>(AREA_TILE_GEOJSON, [z, x, y, layer]),
        ),
      );
      const figures = await figuresByCode(
        rows.flat().map((r) => r.code),
        versions,
      );
      return layers.map((layer, i) =>
        encodePolygonLayer(
          layer,
          rows[i]!.map((r) => ({
            geometry: r.geometry,
            properties: {
              code: r.code,
              name: r.name,
              parent_code: r.parent_code ?? '',
              ...figures.get(r.code)!,
            },
          })),
        ),
      );
    },
  };
}
