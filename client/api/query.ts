/**
 * Server state in the client: TanStack Query, keyed from the route objects. Every query of a
 * route shares its first key part, so a write can invalidate what it changed by route, and a
 * `data.reloaded` event or the database coming back invalidates everything at once.
 */
import {
  QueryClient,
  keepPreviousData,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  routeKey,
  type Route,
  type RouteInput,
  type RouteReply,
} from '../../server/contract/index.ts';
import { isRetryable } from './api.ts';
import { request } from './request.ts';
import { retryDelay } from '../connection/retry.ts';

/** How many times a failed read is asked again before its error shows. */
const READ_RETRIES = 2;

/** The app's one query client: one back-off (`retry.ts`), no refetch on window focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The data changes only by import or live event, both of which invalidate.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < READ_RETRIES && isRetryable(error),
        retryDelay: (failures) => retryDelay(failures + 1),
      },
    },
  });
}

/** The key of one call of a route: the route first, then what it was called with. */
export function routeQueryKey<R extends Route>(route: R, input?: RouteInput<R>): QueryKey {
  const { params, query } = (input ?? {}) as { params?: unknown; query?: unknown };
  return [routeKey(route), params ?? null, query ?? null];
}

/** Options of {@link useRouteQuery}. */
export interface RouteQueryOptions {
  /** Keep the outcome from the app-wide listeners (see `callApi`). */
  quiet?: boolean;
  /** Show the previous input's answer while a new input loads (a map panning, a filter). */
  keepPrevious?: boolean;
}

/** The state of one route call as a component sees it. */
export interface RouteQueryState<T> {
  /** The answer to the current input, or to the previous one while `stale`. */
  data: T | null;
  /** Whether `data` answers an earlier input (kept while the current one loads). */
  stale: boolean;
  error: unknown;
  loading: boolean;
  /** Asks again (after an error). */
  retry(): void;
}

/**
 * Reads a route; `null` input reads nothing. Answers are cached by route and input, and
 * shared between components that ask the same.
 */
export function useRouteQuery<R extends Route>(
  route: R,
  input: RouteInput<R> | null,
  options: RouteQueryOptions = {},
): RouteQueryState<RouteReply<R>> {
  const query = useQuery({
    queryKey: routeQueryKey(route, input ?? undefined),
    queryFn: ({ signal }) =>
      (request as (r: Route, i: object) => Promise<RouteReply<R>>)(route, {
        ...input,
        signal,
        quiet: options.quiet,
      }),
    enabled: input !== null,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  return {
    data: (query.data ?? null) as RouteReply<R> | null,
    stale: query.isPlaceholderData,
    error: query.error,
    loading: query.isFetching,
    retry: () => void query.refetch(),
  };
}

/** Invalidates every query of these routes (after a write changed what they answer). */
export function invalidateRoutes(client: QueryClient, ...routes: Route[]): Promise<void> {
  return Promise.all(
    routes.map((route) => client.invalidateQueries({ queryKey: [routeKey(route)] })),
  ).then(() => undefined);
}

/**
 * Reads everything again when `generation` changes: the database came back, or the data set
 * was reloaded. The first value loads nothing extra.
 */
export function useInvalidateOn(generation: number): void {
  const client = useQueryClient();
  const seen = useRef(generation);
  useEffect(() => {
    if (seen.current === generation) return;
    seen.current = generation;
    void client.invalidateQueries();
  }, [client, generation]);
}

/**
 * Counts the moves of a data version (the one the health check reports: an import, or
 * `data.reloaded` on the live stream), the first one known not counted.
 */
export function useVersionChanges(version: string | null | undefined): number {
  const [changes, setChanges] = useState(0);
  const seen = useRef(version);
  useEffect(() => {
    if (version === undefined || version === seen.current) return;
    if (seen.current !== undefined) setChanges((n) => n + 1);
    seen.current = version;
  }, [version]);
  return changes;
}
