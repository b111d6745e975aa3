/**
 * Loads the selected area's profile for the URL's window and filters, finds the whole record's
 * months of the area (the monthly chart keeps them around a brushed range) among the profiles
 * already read, and names the areas of the compare list as far as the answers seen so far tell.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  profileRoutes,
  routeUrl,
  type AreaLevel,
  type AreaProfile,
  type AreaProperties,
  type ProfileQuery,
} from '../../../server/contract/index.ts';
import { routeQueryKey, useRouteQuery } from '../../api/query.ts';
import { profileQueryOf, wholeRecord, withoutCategory } from '../../figures/route-query.ts';
import { profileQuery } from '../../state/linked-filters.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import type { UrlState } from '../../state/url-state.ts';
import type { CompareEntry } from './ProfileHeader.tsx';

// Names and levels of areas met in profiles, compare answers and search results, for the compare
// bar: the URL holds only codes. Grows by a few dozen entries in a session at most.
const known = new Map<string, { name: string; level: AreaLevel }>();

/** Remembers an area's name and level for the compare bar. */
export function rememberArea(code: string, name: string, level: AreaLevel): void {
  known.set(code, { name, level });
}

/** Remembers the names of loaded area polygons (a shared compare link names only codes). */
export function rememberAreas<T extends { features: readonly { properties: AreaProperties }[] }>(
  areas: T | null,
): T | null {
  for (const f of areas?.features ?? []) {
    const p = f.properties;
    if (p.level !== 'chengqu') rememberArea(p.code, p.name, p.level);
  }
  return areas;
}

/** The areas of a compare list, named where known. */
export function compareEntries(codes: readonly string[]): CompareEntry[] {
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
  if (data) rememberArea(data.area.code, data.area.name, data.area.level);
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
    compareEntries: compareEntries(url.compare),
    csvHref: routeUrl(profileRoutes.csv, { params, query }),
  };
}
