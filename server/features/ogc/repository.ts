import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { Bbox } from '../../contract/bbox.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'areaPage',
  'sitePage',
  'issuePage',
  'tourismPage',
  'staffPage',
  'staffXiaoqu',
  'extent',
]);

/** One feature's row: its id, its geometry (GeoJSON) and its properties' values. */
export type OgcRow = { id: string; geometry: unknown } & Record<string, unknown>;

/** What selects a page: a bbox, an equality filter, one id, the page's bounds. */
export interface PageQuery {
  bbox: Bbox | null;
  /** The equality filter's value (a parent area or a 小区), or null. */
  within: string | null;
  id: string | null;
  limit: number;
  offset: number;
  /** Issues: the reporting time's bounds, ISO 8601 (null: open). */
  reported?: readonly [string | null, string | null];
}

export interface Extent {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
}

/** The collections' rows: areas of one level, 邻里之家 and issue points. */
export function ogcRepository(db: Queryable) {
  async function page(sql: string, before: unknown[], q: PageQuery, after: unknown[] = []) {
    const [row] = await db.query<{ matched: number; rows: OgcRow[] }>(sql, [
      ...before,
      q.bbox ? [...q.bbox] : null,
      q.within,
      q.id,
      q.limit,
      q.offset,
      ...after,
    ]);
    return { matched: Number(row!.matched), rows: row!.rows };
  }
  return {
    areaPage: (level: string, q: PageQuery) => page(SQL.areaPage, [level], q),
    sitePage: (q: PageQuery) => page(SQL.sitePage, [], q),
    issuePage: (q: PageQuery) => page(SQL.issuePage, [], q, [...(q.reported ?? [null, null])]),
    tourismPage: (q: PageQuery) => page(SQL.tourismPage, [], q),
    /** Staff posts in the 小区 `within` (the access rule's codes; null: the whole zone). */
    staffPage: (q: PageQuery, within: readonly string[] | null) =>
      page(SQL.staffPage, [], q, [within === null ? null : [...within]]),
    /** The 小区 of a staff post, or undefined for no such post. */
    async staffXiaoqu(code: string): Promise<string | undefined> {
      return (await db.query<{ xiaoquCode: string }>(SQL.staffXiaoqu, [code]))[0]?.xiaoquCode;
    },
    /**
     * The extent of a collection: an area level, `sites`, `issues`, `tourism` or `staff` (of
     * the posts in the 小区 `within`; null: all).
     */
    async extent(
      collection: string,
      within: readonly string[] | null = null,
    ): Promise<Extent | undefined> {
      const codes = within === null ? null : [...within];
      return (await db.query<Extent>(SQL.extent, [collection, codes]))[0];
    },
  };
}
