import { basemapRoutes } from '../../server/contract/index.ts';
import { useRouteQuery } from '../api/query.ts';

/** The offline basemap (land, roads, landmarks): one cached answer for every mode that draws it. */
export function useBasemap() {
  const { data, error, retry } = useRouteQuery(basemapRoutes.basemap, {});
  return { data, error, retry };
}
