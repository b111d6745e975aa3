import { Type, type Static } from '@sinclair/typebox';
import { aggregates, defineRoute } from './route.ts';

export const HealthSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    database: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
    backend: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    vectorTiles: Type.Union([Type.Literal('postgis'), Type.Literal('server')], {
      description: 'Who encodes MVT: ST_AsMVT in PostGIS, or the server (PGlite)',
    }),
    dataVersion: Type.Union([Type.String(), Type.Null()]),
    dataSource: Type.Union([Type.String(), Type.Null()], {
      description: "'demo' for the illustrative data set",
    }),
  },
  { additionalProperties: false },
);
export type Health = Static<typeof HealthSchema>;

/** The server's own state. */
export const healthRoutes = {
  /**
   * Whether the database answers, which backend, which data set; 503 (with `Retry-After`)
   * while the database is away. Read by the connection watch before anyone logs in.
   */
  health: defineRoute({
    method: 'GET',
    url: '/api/health',
    access: 'none',
    scope: aggregates,
    schema: { response: { 200: HealthSchema, 503: HealthSchema } },
  }),
};
