import type { Geometry } from 'geojson';
import { one, rows, type Db } from './postgis.ts';

/** The output grid: 6 decimals of a degree, about 0.1 m here. */
const GRID = 0.000001;

/** The written zone may differ from the shrunk outline by rounding crumbs, no more. */
const ZONE_TOLERANCE_M2 = 200;

export interface RoundedAreas {
  zone: Geometry;
  /** Area between the written zone and the shrunk reference outline (both rounded), m². */
  zoneVsOutlineM2: number;
  pianqu: Map<string, Geometry>;
  shequ: Map<string, Geometry>;
  xiaoqu: Map<string, Geometry>;
}

/**
 * Areas in WGS84 on the 6-decimal grid. Neighbouring 社区 share their edge vertices exactly, so
 * snap-rounding each one on its own moves both copies of an edge alike and opens no gap; the
 * 片区 are the union of the rounded 社区, so they share those vertices too. The zone is the
 * union of the 片区: the shrunk outline rounded on its own would lack the vertices where 社区
 * edges meet it, and rounding those alone leaves crumbs of a few m² each. (verify.ts measures
 * what is left on the written files.)
 */
export async function roundAreas(db: Db): Promise<RoundedAreas> {
  await db.exec(`
    CREATE TABLE out_shequ AS
    SELECT m.shequ AS code, ST_ReducePrecision(ST_Transform(q.g, 4326), ${GRID}) AS g
      FROM sq_geom q JOIN pq_member m USING (idx);
    CREATE TABLE out_pianqu AS
    SELECT m.pianqu AS code, ST_ReducePrecision(ST_Union(o.g), ${GRID}) AS g
      FROM out_shequ o JOIN pq_member m ON m.shequ = o.code
     GROUP BY m.pianqu;
    CREATE TABLE out_xiaoqu AS
    SELECT code, ST_ReducePrecision(ST_Transform(g, 4326), ${GRID}) AS g FROM xq_geom;
  `);
  const zone = await one<{ g: string; diff: number }>(
    db,
    `WITH u AS (SELECT ST_ReducePrecision(ST_Union(g), ${GRID}) AS g FROM out_pianqu)
     SELECT ST_AsGeoJSON(ST_Multi(u.g), 6) AS g,
            ST_Area(ST_SymDifference(u.g, ST_ReducePrecision(ST_Transform(z.g, 4326), ${GRID}))::geography)
              AS diff
       FROM u, zone z`,
  );
  if (zone.diff > ZONE_TOLERANCE_M2) {
    throw new Error(`the 片区 cover the shrunk outline only to within ${zone.diff} m²`);
  }
  const read = async (table: string): Promise<Map<string, Geometry>> => {
    const found = await rows<{ code: string; g: string }>(
      db,
      `SELECT code, ST_AsGeoJSON(ST_Multi(g), 6) AS g FROM ${table} ORDER BY code`,
    );
    return new Map(found.map((f) => [f.code, JSON.parse(f.g) as Geometry]));
  };
  return {
    zone: JSON.parse(zone.g) as Geometry,
    zoneVsOutlineM2: zone.diff,
    pianqu: await read('out_pianqu'),
    shequ: await read('out_shequ'),
    xiaoqu: await read('out_xiaoqu'),
  };
}
