import type { Queryable } from '../../db/db.ts';
import { sqlFile } from '../../db/sql-files.ts';
import type { SearchResult } from '../../contract/index.ts';

const SEARCH = sqlFile(new URL('./search.sql', import.meta.url));

/** Escapes LIKE's wildcards, so `%` and `_` in a query match themselves. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The query as pinyin, if it can be: letters only once spaces and apostrophes (xi'an) are
 * dropped, lower case, ü typed as v. Null when it holds anything else (Chinese, digits).
 */
export function pinyinQuery(q: string): string | null {
  const s = q.toLowerCase().replace(/[\s']/g, '').replace(/ü/g, 'v');
  return /^[a-z]+$/.test(s) ? s : null;
}

/** Name search over 片区, 社区, 小区 and 邻里之家 (search_key, built when the data is loaded). */
export function searchRepository(db: Queryable) {
  return {
    async search(q: string, limit: number): Promise<SearchResult[]> {
      const py = pinyinQuery(q);
      return db.query<SearchResult>(SEARCH, [
        escapeLike(q),
        py === null ? null : escapeLike(py),
        limit,
      ]);
    },
  };
}
