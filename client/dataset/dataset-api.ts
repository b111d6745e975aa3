import { datasetRoutes } from '../../server/contract/index.ts';
import { request } from '../api/request.ts';

/** The data set's description, read once when the app starts. */
export const fetchDataset = (signal?: AbortSignal) =>
  request(datasetRoutes.describe, { signal, quiet: true });
