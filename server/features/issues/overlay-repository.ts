import type { Db, Queryable } from '../../db/db.ts';
import type { Escalations, IssueCells, IssueFilter } from '../../contract/index.ts';
import { encodePointLayer } from '../../tiles/encode.ts';
import type { Bbox } from '../../contract/bbox.ts';
import { mercatorY } from '../../contract/web-mercator.ts';
import { issueFilterParams } from './filter.ts';

import { sqlFile } from '../../db/sql-files.ts';

const sql = (file: string) => sqlFile(new URL(file, import.meta.url));
const CELLS = sql('./cells.sql');
const CELLS_UNFILTERED = sql('./cells-unfiltered.sql');
const ESCALATIONS = sql('./escalations.sql');
const TILE_MVT = sql('./issue-tile-mvt.sql');
const TILE_POINTS = sql('./issue-tile-points.sql');

/** Grid zooms kept in the rollup (migration 004), and the map zoom from which points show. */
export const ROLLUP_ZOOMS = [10, 12, 13] as const;
export const POINTS_FROM_ZOOM = 12;

const HALF_WORLD = 20037508.342789244;

/** The rollup grid for a map zoom: the finest kept grid no finer than the map shows. */
export function rollupZoomFor(zoom: number): number {
  return [...ROLLUP_ZOOMS].reverse().find((z) => z <= Math.floor(zoom) + 1) ?? ROLLUP_ZOOMS[0];
}

/** The side of a cell of a rollup grid, in Web Mercator metres: 8 cells per tile of its zoom. */
const cellSize = (grid: number) => (2 * HALF_WORLD) / 2 ** grid / 8;

/**
 * The cells of a grid whose square overlaps a bbox, as index ranges [cxMin, cxMax, cyMin,
 * cyMax] (inclusive; cy counts down from the top like the rollup's). Each edge rounds outward,
 * so a cell the bbox only partly covers is in; one it merely touches is not.
 */
export function cellRanges(grid: number, bbox: Bbox): [number, number, number, number] {
  const size = cellSize(grid);
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const x = (lon: number) => (lon / 180) * HALF_WORLD;
  const y = (lat: number) => mercatorY(lat) * HALF_WORLD;
  return [
    Math.floor((x(minLon) + HALF_WORLD) / size),
    Math.ceil((x(maxLon) + HALF_WORLD) / size) - 1,
    Math.floor((HALF_WORLD - y(maxLat)) / size),
    Math.ceil((HALF_WORLD - y(minLat)) / size) - 1,
  ];
}

/** Web Mercator metres to lon/lat. */
function toLonLat(x: number, y: number): [number, number] {
  const lon = (x / HALF_WORLD) * 180;
  const lat = (Math.atan(Math.exp((y / HALF_WORLD) * Math.PI)) * 360) / Math.PI - 90;
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** Issues on the map: grid cells at low zoom, points as vector tiles, escalation arcs. */
export function issueOverlayRepository(db: Db | Queryable, hasMvt = false) {
  return {
    /** The grid's cells for a map zoom, filtered; only those overlapping `bbox` if given. */
    async cells(zoom: number, filter: IssueFilter, bbox: Bbox | null = null): Promise<IssueCells> {
      const grid = rollupZoomFor(zoom);
      const size = cellSize(grid);
      const params = issueFilterParams(filter);
      const ranges = bbox ? cellRanges(grid, bbox) : [null, null, null, null];
      // No filter at all: the per-cell totals, one row per cell instead of a sum over the
      // rollup's rows per category, status, level and months.
      const unfiltered = params.every((p) => p === null);
      const rows = await db.query<{ cx: number; cy: number; count: number; unresolved: number }>(
        unfiltered ? CELLS_UNFILTERED : CELLS,
        unfiltered ? [grid, ...ranges] : [grid, ...params, ...ranges],
      );
      return {
        type: 'FeatureCollection',
        cellSize: size,
        total: rows.reduce((a, r) => a + r.count, 0),
        features: rows.map((r) => {
          const position = toLonLat(
            (r.cx + 0.5) * size - HALF_WORLD,
            HALF_WORLD - (r.cy + 0.5) * size,
          );
          return {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: position },
            properties: { position, count: r.count, unresolved: r.unresolved },
          };
        }),
      };
    },

    async escalations(filter: IssueFilter): Promise<Escalations> {
      const rows = await db.query<Escalations['features'][number]['properties']>(
        ESCALATIONS,
        issueFilterParams(filter),
      );
      return {
        type: 'FeatureCollection',
        features: rows.map((properties) => ({
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [properties.source, properties.target] },
          properties,
        })),
      };
    },

    async tile(z: number, x: number, y: number, filter: IssueFilter): Promise<Uint8Array> {
      const params = [z, x, y, ...issueFilterParams(filter)];
      if (hasMvt) {
        const [row] = await db.query<{ tile: Uint8Array | null }>(TILE_MVT, params);
        return row?.tile ? new Uint8Array(row.tile) : new Uint8Array(0);
      }
      const rows = await db.query<{
        id: number;
        category: string;
        status: string;
        handling_level: string;
        reported_on: string;
        resolved_on: string;
        xiaoqu: string;
        tx: number;
        ty: number;
      }>(TILE_POINTS, params);
      return encodePointLayer(
        'issues',
        // The id is the feature id, not an attribute, as ST_AsMVT writes it.
        rows.map(({ id, tx, ty, ...properties }) => ({ id, x: tx, y: ty, properties })),
      );
    },
  };
}
