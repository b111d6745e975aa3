/**
 * Reads `GET /api/dataset` once, then renders its children with the data set in context.
 * Nothing of a district is compiled into the client: the selection, the record's months and
 * the clock all wait for this answer. While the server is starting or unreachable it asks
 * again with back-off, as the connection watcher does.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { datasetRoutes } from '../../server/contract/index.ts';
import { routeQueryKey } from '../api/query.ts';
import { ModuleLoading } from '../app/ModuleLoading.tsx';
import { StartupPage } from '../app/StartupPage.tsx';
import { retryDelay } from '../connection/retry.ts';
import { fetchDataset } from './dataset-api.ts';
import { frameOf } from './frame.ts';
import { DatasetContext, type DatasetValue } from './use-dataset.ts';

export function DatasetGate({ children }: { children: ReactNode }) {
  const query = useQuery({
    queryKey: routeQueryKey(datasetRoutes.describe),
    queryFn: ({ signal }) => fetchDataset(signal),
    // Until it answers: nothing renders without it.
    retry: true,
    // Up to 10 s apart: this is the start-up page, and the server is usually just starting.
    retryDelay: (failures) => retryDelay(failures + 1, Math.random(), 10_000),
  });
  const dataset = query.data ?? null;
  const failures = query.failureCount;

  const value = useMemo<DatasetValue | null>(() => {
    if (!dataset) return null;
    const names = new Map(dataset.streets.map((s) => [s.code, s.name]));
    return {
      dataset,
      frame: frameOf(dataset),
      streetName: (code) => names.get(code) ?? code,
    };
  }, [dataset]);

  if (!value) {
    return (
      <div className="app">
        {failures > 0 ? <StartupPage unreachable={failures > 2} /> : <ModuleLoading />}
      </div>
    );
  }
  return <DatasetContext.Provider value={value}>{children}</DatasetContext.Provider>;
}
