import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { AreaLevelSchema, errorResponses } from './common.ts';
import { windowProps } from './figures.ts';
import { AREA_CODE } from './patterns.ts';
import { ProfileFiguresSchema, ProfileMonthSchema, ProfileWindowSchema } from './profiles.ts';
import { aggregates, defineRoute } from './route.ts';

/* The comparison of two or three areas of one level (issue 5), side by side in one window. */

const obj = <T extends TProperties>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, description });

/** `GET /api/compare?codes=A,B[,C]&window=…`: two or three areas of one level. */
export const CompareQuerySchema = obj({
  codes: Type.String({
    pattern: `^${AREA_CODE}(,${AREA_CODE}){1,2}$`,
    description: 'two or three area codes of the same level, comma-separated',
  }),
  ...windowProps,
});
export type CompareQuery = Static<typeof CompareQuerySchema>;

export const CompareSchema = obj({
  level: AreaLevelSchema,
  window: ProfileWindowSchema,
  areas: Type.Array(
    obj({
      code: Type.String(),
      name: Type.String(),
      figures: ProfileFiguresSchema,
      series: Type.Array(ProfileMonthSchema),
    }),
  ),
});
export type Compare = Static<typeof CompareSchema>;

/** The route of the comparison. */
export const compareRoutes = {
  /** Figures and series of two or three areas: aggregates only, public like the profiles. */
  compare: defineRoute({
    method: 'GET',
    url: '/api/compare',
    access: 'public',
    scope: aggregates,
    schema: {
      querystring: CompareQuerySchema,
      response: { 200: CompareSchema, ...errorResponses },
    },
  }),
};
