/**
 * `GET /api/figures`: the one figures engine's answer for some areas (`codes`) or an area's
 * children (`children`), in the panel's window and with the map's issue filters. Every figure
 * the client shows is read from it or from a route built on it (profiles, compare, the screen).
 */
import type { FiguresResponse } from '../../server/contract/index.ts';
import { callApi } from '../api/api.ts';

/** What to count: some areas, or every child of one. */
export type FiguresOf = { codes: readonly string[] } | { children: string };

/** The query string of a figures request (without `?`); `query` is a profile query's window and filters. */
export function figuresQuery(of: FiguresOf, query: string): string {
  const head =
    'codes' in of
      ? `codes=${of.codes.map(encodeURIComponent).join(',')}`
      : `children=${encodeURIComponent(of.children)}`;
  return query ? `${head}&${query}` : head;
}

/** `GET /api/figures?codes=…|children=…&window…&filters`. */
export const fetchFigures = (of: FiguresOf, query: string, signal?: AbortSignal) =>
  callApi<FiguresResponse>(`/api/figures?${figuresQuery(of, query)}`, { signal });
