import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BasemapSchema, errorResponses } from '../../contract/index.ts';

/** `GET /api/basemap`: the offline basemap (land, main roads, landmarks) as GeoJSON. */
export const basemapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/basemap',
    {
      config: { access: 'public' },
      schema: { response: { 200: BasemapSchema, ...errorResponses } },
    },
    async (_request, reply) => {
      const rows = await app.db.query<{
        layer: 'land' | 'road' | 'landmark';
        name: string | null;
        class: string | null;
        geometry: { type: string; coordinates: unknown[] };
      }>(
        `SELECT layer, name, class, ST_AsGeoJSON(geom, 6)::json AS geometry
         FROM basemap_feature ORDER BY id`,
      );
      // The basemap only changes with the data set; let browsers keep it for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return {
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          properties: { layer: r.layer, name: r.name, class: r.class },
          geometry: r.geometry,
        })),
      };
    },
  );
};
