/**
 * Loads the selected area's profile for the URL's window and filters, remembers the whole
 * record's months of the area (the monthly chart keeps them around a brushed range), and names
 * the areas of the compare list as far as the profiles seen so far tell.
 */
import type {
  AreaLevel,
  AreaProfile,
  AreaProperties,
  ProfileFigures,
  ProfileMonth,
} from '../../../server/contract/index.ts';
import { useApi } from '../../api/use-api.ts';
import { profileQuery } from '../../state/linked-filters.ts';
import { useDataset } from '../../dataset/use-dataset.ts';
import type { UrlState } from '../../state/url-state.ts';
import type { CompareEntry } from './ProfileHeader.tsx';
import { fetchProfile, profileCsvUrl } from './profile-api.ts';

/** One category's issues of a profile. */
type ProfileCategory = ProfileFigures['issues']['byCategory'][number];

// Names and levels of areas met in profiles, compare answers and search results, for the compare
// bar: the URL holds only codes. Grows by a few dozen entries in a session at most.
const known = new Map<string, { name: string; level: AreaLevel }>();

/** Remembers an area's name and level for the compare bar. */
export function rememberArea(code: string, name: string, level: AreaLevel): void {
  known.set(code, { name, level });
}

/** Remembers the names of loaded area polygons (a shared compare link names only codes). */
export function rememberAreas<T extends { features: readonly { properties: AreaProperties }[] }>(
  areas: T,
): T {
  for (const f of areas.features) {
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

// The whole record's months of an area under some issue filters, from its window=all profile.
const allMonths = new Map<string, ProfileMonth[]>();

/** The issue filters part of a profile query (without the window). */
const filtersOf = (query: string) =>
  query
    .split('&')
    .filter((p) => /^(category|status|level)=/.test(p))
    .join('&');

// Issues by category of an area in a window, without a category filter: the category chart keeps
// every bar's figures while the map shows only the chosen categories.
const allCategories = new Map<string, ProfileCategory[]>();

/** The profile query without its category filter, keyed with the area. */
const categoryKey = (code: string, query: string) =>
  `${code}:${query
    .split('&')
    .filter((p) => !p.startsWith('category='))
    .join('&')}`;

function remember(profile: AreaProfile, query: string): AreaProfile {
  const a = profile.area;
  rememberArea(a.code, a.name, a.level);
  if (!query.includes('category=')) {
    allCategories.set(categoryKey(a.code, query), profile.figures.issues.byCategory);
  }
  if (profile.window.kind === 'all') allMonths.set(`${a.code}:${filtersOf(query)}`, profile.series);
  return profile;
}

/** The profile of the URL's area, with what the panel needs around it. */
export function useProfile(url: UrlState, refresh: number) {
  const { frame } = useDataset();
  const query = profileQuery(url, frame.firstMonth);
  const key = `profile:${url.area}:${query}`;
  const profile = useApi(
    key,
    (signal) => fetchProfile(url.area, query, signal).then((p) => remember(p, query)),
    refresh,
  );
  const fresh = profile.dataKey === key && profile.data !== null;
  // With a category chosen, the chart's other bars need the figures without that filter: asked
  // for once per area and window, then kept.
  const unfiltered = query
    .split('&')
    .filter((p) => !p.startsWith('category='))
    .join('&');
  const needAll = unfiltered !== query && !allCategories.has(categoryKey(url.area, query));
  useApi(
    needAll ? `profile:${url.area}:${unfiltered}` : null,
    (signal) => fetchProfile(url.area, unfiltered, signal).then((p) => remember(p, unfiltered)),
    refresh,
  );
  return {
    ...profile,
    fresh,
    allMonths: allMonths.get(`${url.area}:${filtersOf(query)}`) ?? null,
    allCategories: allCategories.get(categoryKey(url.area, query)) ?? null,
    // Cheap, and names may arrive with any polygons or profile: worked out on every render.
    compareEntries: compareEntries(url.compare),
    csvHref: profileCsvUrl(url.area, query),
  };
}
