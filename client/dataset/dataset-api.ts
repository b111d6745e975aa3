import type { Dataset } from '../../server/contract/index.ts';
import { callApi } from '../api/api.ts';

/** `GET /api/dataset`: the data set's description, read once when the app starts. */
export const fetchDataset = (signal?: AbortSignal) =>
  callApi<Dataset>('/api/dataset', { signal, quiet: true });
