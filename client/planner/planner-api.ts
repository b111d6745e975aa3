/**
 * The planner's API calls (`/api/planner/…`). Types come from the contract; failures are the
 * same {@link ApiError}s the rest of the client explains.
 */
import type {
  ApplyBody,
  AssignmentOn,
  BoundaryVersion,
  PlanCompare,
  ImportProblem,
  PlannerUnits,
  Scenario,
  ScenarioBody,
  ScenarioSummary,
} from '../../server/contract/planner.ts';
import { ApiError, callApi, type RequestOptions } from '../api/api.ts';

/** A refused import: the server's row-by-row report (nothing was imported). */
export class ImportRejectedError extends ApiError {
  readonly problems: ImportProblem[];
  constructor(error: ApiError, problems: ImportProblem[]) {
    super(error.kind, error.status, error.serverMessage, error.retryAfterS, error.body);
    this.problems = problems;
  }
}

// Through the app's one request function, so an expired session sends the planner to the
// login like everywhere else.
const call = <T>(path: string, options: RequestOptions = {}) => callApi<T>(path, options);

/** `GET /api/planner/units`: the 社区 of the current boundary version with everything to plan. */
export function fetchPlannerUnits(signal?: AbortSignal): Promise<PlannerUnits> {
  return call('/api/planner/units', { signal });
}

/** `GET /api/planner/scenarios`: saved scenarios, newest first. */
export function fetchScenarios(signal?: AbortSignal): Promise<ScenarioSummary[]> {
  return call('/api/planner/scenarios', { signal });
}

/** `GET /api/planner/scenarios/:id`. */
export function fetchScenario(id: number, signal?: AbortSignal): Promise<Scenario> {
  return call(`/api/planner/scenarios/${id}`, { signal });
}

/** `POST /api/planner/scenarios`: saves a new scenario. */
export function createScenario(body: ScenarioBody): Promise<Scenario> {
  return call('/api/planner/scenarios', { method: 'POST', body });
}

/** `PUT /api/planner/scenarios/:id`: saves over a scenario. */
export function updateScenario(id: number, body: ScenarioBody): Promise<Scenario> {
  return call(`/api/planner/scenarios/${id}`, { method: 'PUT', body });
}

/** `POST /api/planner/scenarios/:id/duplicate`. */
export function duplicateScenario(id: number): Promise<Scenario> {
  return call(`/api/planner/scenarios/${id}/duplicate`, { method: 'POST', body: {} });
}

/** `DELETE /api/planner/scenarios/:id`. */
export function deleteScenario(id: number): Promise<void> {
  return call(`/api/planner/scenarios/${id}`, { method: 'DELETE' });
}

/** `GET /api/planner/compare?ids=current,12,15`. */
export function fetchCompare(ids: readonly string[], signal?: AbortSignal): Promise<PlanCompare> {
  return call(`/api/planner/compare?ids=${ids.map(encodeURIComponent).join(',')}`, { signal });
}

/** Where a scenario's export downloads from. */
export function exportUrl(id: number, format: 'csv' | 'geojson'): string {
  return `/api/planner/scenarios/${id}/export.${format}`;
}

/** `POST /api/planner/import?name=…`: a CSV becomes a new scenario, or nothing (with a report). */
export async function importScenario(csv: string, name: string): Promise<Scenario> {
  try {
    return await call<Scenario>(`/api/planner/import?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: csv,
    });
  } catch (error) {
    const problems = error instanceof ApiError && (error.body as { problems?: unknown })?.problems;
    if (Array.isArray(problems)) throw new ImportRejectedError(error as ApiError, problems);
    throw error;
  }
}

/** `POST /api/planner/scenarios/:id/apply`: the scenario becomes the current configuration. */
export function applyScenario(id: number, body: ApplyBody): Promise<BoundaryVersion> {
  return call(`/api/planner/scenarios/${id}/apply`, { method: 'POST', body });
}

/** `GET /api/planner/versions`: the boundary versions, newest first. */
export function fetchVersions(signal?: AbortSignal): Promise<BoundaryVersion[]> {
  return call('/api/planner/versions', { signal });
}

/** `GET /api/planner/assignment?on=YYYY-MM-DD`: the configuration in force on a date. */
export function fetchAssignmentOn(on: string, signal?: AbortSignal): Promise<AssignmentOn> {
  return call(`/api/planner/assignment?on=${encodeURIComponent(on)}`, { signal });
}
