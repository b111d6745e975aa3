import { useQuery } from '@tanstack/react-query';
import { fetchBasemap } from '../api/api.ts';

/**
 * `GET /api/basemap` through the query cache. Keyed as its route will be (`GET /api/basemap`),
 * so the App's invalidation reaches it; it becomes a `useRouteQuery` once the basemap route is
 * an object.
 */
export function useBasemap() {
  const query = useQuery({
    queryKey: ['GET /api/basemap'],
    queryFn: ({ signal }) => fetchBasemap(signal),
  });
  return {
    data: query.data ?? null,
    error: query.error,
    retry: () => void query.refetch(),
  };
}
