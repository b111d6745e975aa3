import { Type, type Static } from '@sinclair/typebox';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { MAP_THEMES } from './basemap-style.ts';
import { errorResponses, literalUnion } from './common.ts';

export { MAP_THEMES, publishedStyleName, type MapTheme } from './basemap-style.ts';
import { aggregates, defineRoute } from './route.ts';

/** `GET /styles/:theme.json`. */
export const StyleParamsSchema = Type.Object(
  { theme: literalUnion(MAP_THEMES, 'light, or dark for a command-center screen') },
  { additionalProperties: false },
);
export type StyleParams = Static<typeof StyleParamsSchema>;

/**
 * A MapLibre style v8, as `basemapStyle` builds it. Only its frame is declared: the style
 * spec is its schema (the tests validate every answer with `@maplibre/maplibre-gl-style-spec`),
 * and every member is sent as built.
 */
export const MapStyleSchema = Type.Unsafe<StyleSpecification>(
  Type.Object(
    {
      version: Type.Literal(8),
      name: Type.String(),
      sources: Type.Object({}, { additionalProperties: true }),
      layers: Type.Array(Type.Object({}, { additionalProperties: true })),
    },
    { additionalProperties: true },
  ),
);

/** `GET /fonts/noto-sans-sc/:file`: one Noto Sans SC subset file of @fontsource. */
export const FontParamsSchema = Type.Object(
  {
    file: Type.String({
      pattern: '^noto-sans-sc-[a-z0-9-]+-[47]00-normal\\.woff2$',
      maxLength: 60,
      description: 'a subset file, as the style’s font-faces name it',
    }),
  },
  { additionalProperties: false },
);
export type FontParams = Static<typeof FontParamsSchema>;

/** The published map styles, for other MapLibre apps and GIS tools. */
export const styleRoutes = {
  /**
   * The basemap with the area levels as a MapLibre style: every source an absolute URL on the
   * host the caller used, labels from {@link styleRoutes.font}'s files.
   */
  style: defineRoute({
    method: 'GET',
    url: '/styles/:theme.json',
    access: 'public',
    scope: aggregates,
    schema: { params: StyleParamsSchema, response: { 200: MapStyleSchema, ...errorResponses } },
  }),
  /**
   * A label font file. Open to anyone like the app's own assets: a browser loads a style's
   * `font-faces` without the caller's token, and the files are the font's, not the data's.
   */
  font: defineRoute({
    method: 'GET',
    url: '/fonts/noto-sans-sc/:file',
    access: 'none',
    scope: aggregates,
    schema: {
      params: FontParamsSchema,
      response: { ...errorResponses },
      produces: ['font/woff2'],
    },
  }),
};
