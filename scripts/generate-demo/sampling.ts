import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Rng } from './prng.ts';
import { metres } from './reference.ts';

export type LonLat = [number, number];

/** Bounding box [west, south, east, north] of a polygon's outer rings. */
export function bbox(g: Polygon | MultiPolygon): [number, number, number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const poly of polys) {
    for (const [x, y] of poly[0] ?? []) {
      w = Math.min(w, x as number);
      e = Math.max(e, x as number);
      s = Math.min(s, y as number);
      n = Math.max(n, y as number);
    }
  }
  return [w, s, e, n];
}

/** A uniform point inside a polygon (rejection in its bounding box). */
export function pointIn(
  rng: Rng,
  g: Polygon | MultiPolygon,
  accept?: (p: LonLat) => boolean,
): LonLat {
  const [w, s, e, n] = bbox(g);
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const p: LonLat = [rng.float(w, e), rng.float(s, n)];
    if (booleanPointInPolygon(p, g) && (!accept || accept(p))) return p;
  }
  throw new Error('no point found inside polygon');
}

/**
 * Mitchell's best-candidate sampling: of a few candidates, keep the one farthest from the
 * points already placed. Spreads points evenly without a grid look; few candidates leave room
 * for the candidates' own density to show.
 */
export function bestCandidate(
  existing: readonly LonLat[],
  draw: () => LonLat,
  candidates: number,
): LonLat {
  let best: LonLat | undefined;
  let bestDistance = -1;
  for (let i = 0; i < candidates; i++) {
    const c = draw();
    let d = Infinity;
    for (const p of existing) d = Math.min(d, metres(c, p));
    if (d > bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best as LonLat;
}
