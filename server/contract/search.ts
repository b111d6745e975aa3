import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { AreaCodeSchema, errorResponses, literalUnion } from './common.ts';
import { aggregates, defineRoute } from './route.ts';

/* Name search (issue 5): 片区, 社区, 小区 and 邻里之家 by Chinese name or pinyin. */

const LonLat = Type.Tuple([Type.Number(), Type.Number()]);
/** [west, south, east, north] in degrees. */
const Bbox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);
const obj = <T extends TProperties>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, description });
const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What search finds: 片区 · 社区 · 小区 · 邻里之家. */
export const SEARCH_KINDS = ['pianqu', 'shequ', 'xiaoqu', 'site'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** How a search result matched, best first: whole name · name start · inside the name · pinyin. */
export const SEARCH_MATCHES = ['exact', 'prefix', 'substring', 'initials', 'pinyin'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

/** `GET /api/search?q=…`: Chinese substring, pinyin initials (`xwh`) or full pinyin. */
export const SearchQuerySchema = obj({
  q: Type.String({ minLength: 1, maxLength: 40 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'default 10' })),
});
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const SearchResultSchema = obj({
  kind: literalUnion(SEARCH_KINDS),
  code: Type.String(),
  name: Type.String(),
  /** Names of the areas above, zone first. */
  chain: Type.Array(Type.String()),
  /** The area (or the site's 小区 for a site) to select after flying. */
  areaCode: AreaCodeSchema,
  center: LonLat,
  /** null for a site (a point: fly to `center`). */
  bbox: nullable(Bbox),
  match: literalUnion(SEARCH_MATCHES),
});
export type SearchResult = Static<typeof SearchResultSchema>;

export const SearchResponseSchema = obj({
  q: Type.String(),
  results: Type.Array(SearchResultSchema),
});
export type SearchResponse = Static<typeof SearchResponseSchema>;

/** The route of name search. */
export const placeSearchRoutes = {
  /** Places by Chinese name or pinyin; public, as the names are on the map. */
  search: defineRoute({
    method: 'GET',
    url: '/api/search',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: SearchQuerySchema,
      response: { 200: SearchResponseSchema, ...errorResponses },
    },
  }),
};
