import type { Geometry } from 'geojson';
import { UTM, rows, type Db } from './postgis.ts';
import type { Rng } from './prng.ts';
import { PLACE, landmark, type Reference } from './reference.ts';

/** Hexagon edge length: 404 m gives cells 700 m across the flats. */
const HEX_SIZE_M = 404;

export interface TourismCell {
  cellId: string;
  geometry: Geometry;
}

export interface TourismRow {
  cellId: string;
  month: number;
  hour: number;
  visitors: number;
}

/** Share of a month's peak, by month: mid-July to August, and the National Day week. */
const SEASON = [0, 0.04, 0.08, 0.05, 0.12, 0.3, 0.35, 0.8, 1, 0.3, 0.5, 0.08, 0.03];
/** A street that draws people in winter evenings too. */
const STREET_SEASON_FLOOR = 0.1;

/** Hour profiles, 0-23: the beach by day, the streets into the night. */
const BEACH_HOURS = [
  0.01, 0.01, 0.01, 0.01, 0.01, 0.03, 0.06, 0.1, 0.25, 0.5, 0.8, 0.9, 0.85, 0.9, 1, 1, 0.95, 0.8,
  0.6, 0.45, 0.3, 0.15, 0.06, 0.02,
];
const EVENING_HOURS = [
  0.15, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01, 0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.35, 0.35, 0.4, 0.5,
  0.65, 0.85, 1, 1, 0.85, 0.6, 0.35,
];
const PROMENADE_HOURS = BEACH_HOURS.map((b, h) => (b + (EVENING_HOURS[h] as number)) / 2);

interface Spot {
  place: string;
  /** Visitors in the busiest hour of the busiest month, at the spot itself. */
  peak: number;
  /** Gaussian fall-off, metres. */
  sigma: number;
  hours: number[];
  street: boolean;
}

/**
 * Tourist magnets (reference.geojson): the beach takes up to 60,000 a day, 火炬八街 fills in
 * the evening, the pier and 欧乐坊's night market draw smaller crowds.
 */
const SPOTS: Spot[] = [
  { place: PLACE.beach, peak: 8000, sigma: 520, hours: BEACH_HOURS, street: false },
  { place: PLACE.torchEighth, peak: 5200, sigma: 420, hours: EVENING_HOURS, street: true },
  { place: PLACE.pier, peak: 2600, sigma: 420, hours: PROMENADE_HOURS, street: false },
  { place: PLACE.nightMarket, peak: 700, sigma: 380, hours: EVENING_HOURS, street: true },
];
/** Walkers along the shore, fading inland; the north shore is the tourists' coast. */
const PROMENADE_PEAK = 900;
const PROMENADE_FADE_M = 330;

/**
 * Hexagon cells over the zone and estimated visitors per cell, month and hour. Only hours
 * with at least one visitor are listed: inland cells and winter nights stay near zero.
 */
export async function buildTourism(
  db: Db,
  ref: Reference,
  rng: Rng,
): Promise<{ cells: TourismCell[]; rows: TourismRow[] }> {
  const spots = SPOTS.map((s) => ({ ...s, at: landmark(ref, s.place) }));
  const cells = await rows<{
    n: number;
    g: string;
    lon: number;
    shore: number;
    d: number[];
  }>(
    db,
    `WITH hex AS (
       SELECT h.geom AS g FROM zone z, ST_HexagonGrid(${HEX_SIZE_M}, z.g) h
        WHERE ST_Intersects(h.geom, z.g)
     ), spot AS (
       SELECT k, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), ${UTM}) AS p
         FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(x, y, k)
     )
     SELECT row_number() OVER (ORDER BY round(ST_Y(ST_Centroid(g))) DESC,
                                        round(ST_X(ST_Centroid(g))))::int AS n,
            ST_AsGeoJSON(ST_ReducePrecision(ST_Transform(g, 4326), 0.000001), 6) AS g,
            ST_X(ST_Transform(ST_Centroid(g), 4326)) AS lon,
            ST_Distance(ST_Centroid(g), (SELECT g FROM shore)) AS shore,
            ARRAY(SELECT ST_Distance(ST_Centroid(hex.g), spot.p) FROM spot ORDER BY k) AS d
       FROM hex ORDER BY n`,
    [spots.map((s) => s.at.lon), spots.map((s) => s.at.lat)],
  );

  const out: TourismRow[] = [];
  const tourism: TourismCell[] = [];
  for (const c of cells) {
    const cellId = `H${String(c.n).padStart(3, '0')}`;
    tourism.push({ cellId, geometry: JSON.parse(c.g) as Geometry });
    const promenade =
      PROMENADE_PEAK * Math.exp(-c.shore / PROMENADE_FADE_M) * (c.lon > 122.005 ? 1 : 0.2);
    for (let month = 1; month <= 12; month++) {
      for (let hour = 0; hour < 24; hour++) {
        let v = promenade * (PROMENADE_HOURS[hour] as number) * (SEASON[month] as number);
        spots.forEach((s, k) => {
          const d = c.d[k] as number;
          const season = s.street
            ? Math.max(STREET_SEASON_FLOOR, SEASON[month] as number)
            : (SEASON[month] as number);
          v += s.peak * Math.exp(-0.5 * (d / s.sigma) ** 2) * (s.hours[hour] as number) * season;
        });
        const visitors = Math.round(v * rng.float(0.85, 1.15));
        if (visitors > 0) out.push({ cellId, month, hour, visitors });
      }
    }
  }
  return { cells: tourism, rows: out };
}
