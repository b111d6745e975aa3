/**
 * Loads the selected area's profile for the URL's window and filters, finds the whole record's
 * months of the area (the monthly chart keeps them around a brushed range) among the profiles
 * already read, and names the areas of the compare list as far as the answers read so far tell.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  areaRoutes,
  compareRoutes,
  placeSearchRoutes,
  profileRoutes,
  routeKey,
  routeUrl,
  type AreaCollection,
  type AreaLevel,
  type AreaProfile,
  type Compare,
  type ProfileQuery,
  type Route,
  type SearchResponse,
} from '../../../server/contract/index.ts';
import { routeQueryKey, useRouteQuery } from '../../api/query.ts';
import { profileQueryOf, wholeRecord, withoutCategory } from '../../figures/route-query.ts';
import { profileQuery } from '../../state/linked-filters.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import type { UrlState } from '../../state/url-state.ts';
import type { CompareEntry } from './ProfileHeader.tsx';

type Known = Map<string, { name: string; level: AreaLevel }>;

/**
 * The names and levels of the areas met in the answers read so far (polygons, profiles,
 * compare answers, search results), for the compare bar: the URL holds only codes.
 */
function knownAreas(client: QueryClient): Known {
  const known: Known = new Map();
  const answers = <T>(route: Route) =>
    client.getQueriesData<T>({ queryKey: [routeKey(route)] }).map(([, data]) => data);
  for (const list of answers<AreaCollection>(areaRoutes.list)) {
    for (const { properties: p } of list?.features ?? []) {
      if (p.level !== 'chengqu') known.set(p.code, { name: p.name, level: p.level });
    }
  }
  for (const profile of answers<AreaProfile>(profileRoutes.profile)) {
    if (profile) known.set(profile.area.code, { name: profile.area.name, level: profile.level });
  }
  for (const compare of answers<Compare>(compareRoutes.compare)) {
    for (const a of compare?.areas ?? [])
      known.set(a.code, { name: a.name, level: compare!.level });
  }
  for (const search of answers<SearchResponse>(placeSearchRoutes.search)) {
    for (const r of search?.results ?? []) {
      if (r.kind !== 'site') known.set(r.code, { name: r.name, level: r.kind });
    }
  }
  return known;
}

/** The areas of a compare list, named where known. */
export function compareEntries(codes: readonly string[], known: Known): CompareEntry[] {
  return codes.map((code) => {
    const k = known.get(code);
    return { code, name: k?.name ?? code, level: k?.level ?? null };
  });
}

/** The profile of the URL's area, with what the panel needs around it. */
export function useProfile(url: UrlState) {
  const { frame } = useDataset();
  const client = useQueryClient();
  const text = profileQuery(url, frame.firstMonth);
  const query = profileQueryOf(text);
  const params = { code: url.area };
  const profile = useRouteQuery(profileRoutes.profile, { params, query }, { keepPrevious: true });
  const data = profile.data;
  // With a category chosen, the chart's other bars need the figures without that filter: asked
  // for once per area and window, then kept by the query cache.
  const unfiltered = withoutCategory(query);
  const filtered = query.category !== undefined;
  const all = useRouteQuery(profileRoutes.profile, filtered ? { params, query: unfiltered } : null);
  const cached = (q: ProfileQuery) =>
    client.getQueryData<AreaProfile>(routeQueryKey(profileRoutes.profile, { params, query: q }));
  const allCategories = (filtered ? all.data : cached(unfiltered))?.figures.issues.byCategory;
  return {
    ...profile,
    fresh: data !== null && !profile.stale,
    allMonths: cached(wholeRecord(query))?.series ?? null,
    allCategories: allCategories ?? null,
    // Cheap, and names may arrive with any polygons or profile: worked out on every render.
    compareEntries: compareEntries(url.compare, knownAreas(client)),
    csvHref: routeUrl(profileRoutes.csv, { params, query }),
  };
}
