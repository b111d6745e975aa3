/**
 * Typed fetch of the profile routes (issue 5): an area's profile, the comparison of two or three
 * areas, name search, and the address of the CSV export. Response types come from the server's
 * contract; outcomes go to the app-wide listeners (an expired session, an outage).
 */
import type { AreaProfile, Compare, SearchResponse } from '../../../server/contract/index.ts';
import { callApi } from '../../api/api.ts';

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/** `GET /api/areas/:code/profile?window…&filters`. */
export const fetchProfile = (code: string, query: string, signal?: AbortSignal) =>
  callApi<AreaProfile>(withQuery(`/api/areas/${encodeURIComponent(code)}/profile`, query), {
    signal,
  });

/** The address of `GET /api/areas/:code/profile.csv` for the same query as the profile. */
export const profileCsvUrl = (code: string, query: string) =>
  withQuery(`/api/areas/${encodeURIComponent(code)}/profile.csv`, query);

/** `GET /api/compare?codes=A,B[,C]&window…`. */
export const fetchCompare = (codes: readonly string[], windowQuery: string, signal?: AbortSignal) =>
  callApi<Compare>(`/api/compare?codes=${codes.map(encodeURIComponent).join(',')}&${windowQuery}`, {
    signal,
  });

/** `GET /api/search?q=…`: Chinese characters, pinyin initials or full pinyin. */
export const fetchSearch = (q: string, signal?: AbortSignal) =>
  callApi<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}&limit=10`, { signal });
