/**
 * Typed fetch of the overlay routes. Response types come from the server's contract. These
 * requests are not reported to the app-wide listeners: a 401 from the staff routes means
 * "this role may not see staff posts", not that a session expired.
 */
import type {
  Coverage,
  Duty,
  Escalations,
  IssueCells,
  Peak,
  Sites,
  TourismGrid,
  TourismPressure,
} from '../../../server/contract/index.ts';
import { callApi } from '../../api/api.ts';

const getJson = <T>(path: string, signal?: AbortSignal) =>
  callApi<T>(path, { signal, quiet: true });

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
const join = (...parts: string[]) => parts.filter((p) => p !== '').join('&');

/** `GET /api/issues/cells?zoom=Z[&bbox=…]&filters`; an empty `bbox` asks for every cell. */
export const fetchIssueCells = (
  zoom: number,
  filterQuery: string,
  bbox: string,
  signal?: AbortSignal,
) =>
  getJson<IssueCells>(
    `/api/issues/cells?${join(`zoom=${zoom}`, bbox && `bbox=${bbox}`, filterQuery)}`,
    signal,
  );

/** `GET /api/issues/escalations?filters`. */
export const fetchEscalations = (filterQuery: string, signal?: AbortSignal) =>
  getJson<Escalations>(withQuery('/api/issues/escalations', filterQuery), signal);

/** `GET /api/sites`. */
export const fetchSites = (signal?: AbortSignal) => getJson<Sites>('/api/sites', signal);

/** `GET /api/sites/coverage?distance=D&area=CODE`. */
export const fetchCoverage = (distance: number, area: string, signal?: AbortSignal) =>
  getJson<Coverage>(
    `/api/sites/coverage?distance=${distance}&area=${encodeURIComponent(area)}`,
    signal,
  );

/** `GET /api/staff/duty?area=CODE&at=…` (official and above: 401/403 otherwise). */
export const fetchDuty = (area: string, at: string, signal?: AbortSignal) =>
  getJson<Duty>(`/api/staff/duty?area=${encodeURIComponent(area)}&at=${at}`, signal);

/** `GET /api/tourism/grid`. */
export const fetchTourismGrid = (signal?: AbortSignal) =>
  getJson<TourismGrid>('/api/tourism/grid', signal);

/** `GET /api/tourism/pressure?month&hour`. */
export const fetchTourismPressure = (month: number, hour: number, signal?: AbortSignal) =>
  getJson<TourismPressure>(`/api/tourism/pressure?month=${month}&hour=${hour}`, signal);

/** `GET /api/tourism/peak?at&threshold`. */
export const fetchPeak = (at: string, threshold: number, signal?: AbortSignal) =>
  getJson<Peak>(`/api/tourism/peak?at=${at}&threshold=${threshold}`, signal);
