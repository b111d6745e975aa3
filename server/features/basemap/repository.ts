import type { Basemap } from '../../contract/index.ts';
import type { Queryable } from '../../db/db.ts';
import { sqlFile } from '../../db/sql-files.ts';

const BASEMAP = sqlFile(new URL('./basemap.sql', import.meta.url));

type BasemapFeature = Basemap['features'][number];

/** The offline basemap's rows. */
export function basemapRepository(db: Queryable) {
  return {
    async features(): Promise<Basemap> {
      const rows = await db.query<BasemapFeature['properties'] & Pick<BasemapFeature, 'geometry'>>(
        BASEMAP,
      );
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          properties: { layer: r.layer, name: r.name, class: r.class },
          geometry: r.geometry,
        })),
      };
    },
  };
}
