import { basemapRoutes, type OnlineBasemap } from '../../server/contract/index.ts';
import { useRouteQuery } from '../api/query.ts';

/** The offline basemap (land, roads, landmarks): one cached answer for every mode that draws it. */
export function useBasemap() {
  const { data, error, retry } = useRouteQuery(basemapRoutes.basemap, {});
  return { data, error, retry };
}

/** The online basemaps this server offers (none unless its admin set one up). */
export function useOnlineBasemaps(): OnlineBasemap[] {
  const { data } = useRouteQuery(basemapRoutes.online, {});
  return data?.basemaps ?? NONE;
}
const NONE: OnlineBasemap[] = [];
