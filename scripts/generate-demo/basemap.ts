import type { Feature, Geometry, LineString, Polygon } from 'geojson';
import { feature } from './output.ts';
import { UTM, rows, type Db } from './postgis.ts';
import { landRing, shoreLine, type Reference } from './reference.ts';
import { COAST_ROAD_INLAND_M, COAST_ROAD_LON, ROADS } from './roads.ts';

/**
 * The offline basemap: land (the sea lies beyond the shore), a few main roads clipped to the
 * land, and the reference landmarks, flagged when they lie outside the zone's outline.
 */
export async function buildBasemap(db: Db, ref: Reference): Promise<Feature[]> {
  const land: Polygon = { type: 'Polygon', coordinates: [landRing(ref.outline)] };
  const [{ valid } = { valid: false }] = await rows<{ valid: boolean }>(
    db,
    `SELECT ST_IsValid(ST_GeomFromGeoJSON($1)) AS valid`,
    [JSON.stringify(land)],
  );
  if (!valid) throw new Error('the land polygon is invalid');
  const out: Feature[] = [feature({ layer: 'land' }, land)];

  const [west, east] = COAST_ROAD_LON;
  const northShore = shoreLine(ref.outline).filter(
    ([x]) => (x as number) >= west && (x as number) <= east,
  );
  for (const road of ROADS) {
    const [clipped] = await rows<{ g: string }>(
      db,
      road.course === 'coast'
        ? // The coast road: the north shore moved inland (left of its east-to-west course),
          // smoothed, and the longest piece kept where the offset pinches off at sharp bays.
          `WITH l AS (
             SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ${UTM}) AS g
           ), o AS (
             SELECT (ST_Dump(ST_OffsetCurve(ST_Simplify(g, 120), ${COAST_ROAD_INLAND_M},
                                            'quad_segs=4 join=round'))).geom AS g FROM l
           )
           SELECT ST_AsGeoJSON(ST_Intersection(ST_Transform(ST_Simplify(g, 25), 4326),
                                               ST_GeomFromGeoJSON($2)), 6) AS g
             FROM o ORDER BY ST_Length(g) DESC LIMIT 1`
        : `SELECT ST_AsGeoJSON(ST_Intersection(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2)), 6)
             AS g`,
      [
        JSON.stringify({
          type: 'LineString',
          coordinates: road.course === 'coast' ? northShore : road.course,
        }),
        JSON.stringify(land),
      ],
    );
    const g = JSON.parse(clipped!.g) as Geometry;
    if (g.type !== 'LineString') throw new Error(`${road.name} clipped to ${g.type}`);
    out.push(feature({ layer: 'road', name: road.name, class: road.class }, g as LineString));
  }

  const inZone = await rows<{ inside: boolean }>(
    db,
    `SELECT ST_Intersects(o.g, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), ${UTM})) AS inside
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(x, y, k), outline o
      ORDER BY k`,
    [ref.landmarks.map((l) => l.lon), ref.landmarks.map((l) => l.lat)],
  );
  ref.landmarks.forEach((l, i) => {
    out.push(
      feature(
        { layer: 'landmark', name: l.name, note: l.note, in_zone: inZone[i]!.inside },
        { type: 'Point', coordinates: [l.lon, l.lat] },
      ),
    );
  });
  return out;
}
