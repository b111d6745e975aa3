/**
 * The planner's server state: reads through `useRouteQuery`, writes through `request` with
 * the planner routes they change invalidated afterwards. Types and URLs come from the
 * contract's `plannerRoutes`; failures are the same {@link ApiError}s the rest of the client
 * explains.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApplyBody, ImportProblem, ScenarioBody } from '../../server/contract/index.ts';
import { plannerRoutes, routeUrl, type Route } from '../../server/contract/index.ts';
import { ApiError } from '../api/api.ts';
import { invalidateRoutes, useRouteQuery } from '../api/query.ts';
import { request } from '../api/request.ts';

export { plannerRoutes };

/** A refused import: the server's row-by-row report (nothing was imported). */
export class ImportRejectedError extends ApiError {
  readonly problems: ImportProblem[];
  constructor(error: ApiError, problems: ImportProblem[]) {
    super(error.kind, error.status, error.serverMessage, error.retryAfterS, error.body);
    this.problems = problems;
  }
}

/** `POST /api/planner/import?name=…`: a CSV becomes a new scenario, or nothing (with a report). */
export async function importScenario(csv: string | Blob, name: string) {
  try {
    return await request(plannerRoutes.import, { query: { name }, body: csv });
  } catch (error) {
    const problems = error instanceof ApiError && (error.body as { problems?: unknown })?.problems;
    if (Array.isArray(problems)) throw new ImportRejectedError(error as ApiError, problems);
    throw error;
  }
}

/** Where a scenario's export downloads from (an `<a href>`). */
export function exportUrl(id: number, format: 'csv' | 'geojson'): string {
  const route = format === 'csv' ? plannerRoutes.exportCsv : plannerRoutes.exportGeojson;
  return routeUrl(route, { params: { id } });
}

/** The current boundary version with everything to plan on it. */
export const usePlannerUnits = () => useRouteQuery(plannerRoutes.units, {});

const { scenarios, scenario, compare } = plannerRoutes;
/** What a saved, changed or deleted scenario may appear in. */
const SCENARIO_READS: Route[] = [scenarios, scenario, compare];
/** What an apply changes: the current version and everything read against it. */
const APPLY_READS: Route[] = [
  ...SCENARIO_READS,
  plannerRoutes.units,
  plannerRoutes.versions,
  plannerRoutes.assignment,
  plannerRoutes.issueHistory,
];

/** The planner's writes, each invalidating the reads it changes once it succeeded. */
export function usePlannerWrites() {
  const client = useQueryClient();
  return useMemo(() => {
    const then =
      (...routes: Route[]) =>
      async <T>(work: Promise<T>): Promise<T> => {
        try {
          return await work;
        } finally {
          // After a failure too (a scenario deleted meanwhile). Not awaited: the caller goes
          // on (an apply opens the new version) while they reload.
          void invalidateRoutes(client, ...routes);
        }
      };
    const scenariosChanged = then(...SCENARIO_READS);
    return {
      create: (body: ScenarioBody) => scenariosChanged(request(plannerRoutes.create, { body })),
      update: (id: number, body: ScenarioBody) =>
        scenariosChanged(request(plannerRoutes.update, { params: { id }, body })),
      duplicate: (id: number) =>
        scenariosChanged(request(plannerRoutes.duplicate, { params: { id }, body: undefined })),
      remove: (id: number) =>
        scenariosChanged(request(plannerRoutes.remove, { params: { id }, body: undefined })),
      importCsv: (csv: string | Blob, name: string) => scenariosChanged(importScenario(csv, name)),
      apply: (id: number, body: ApplyBody) =>
        then(...APPLY_READS)(request(plannerRoutes.apply, { params: { id }, body })),
    };
  }, [client]);
}

/** One saved scenario, read once when opened (not kept: the workbench copies it). */
export const fetchScenario = (id: number) => request(plannerRoutes.scenario, { params: { id } });
