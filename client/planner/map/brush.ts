/**
 * The paint brush's geometry, in screen pixels: which of the polygons found under the brush's
 * bounding square the round brush really touches. Pure, so the map only supplies projected rings.
 */

/** A point on the screen, [x, y] in CSS pixels. */
export type Pixel = readonly [number, number];

function squaredDistanceToSegment(p: Pixel, a: Pixel, b: Pixel): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Whether a point is inside a ring (even-odd rule; the ring may be open or closed). */
export function pointInRing(p: Pixel, ring: readonly Pixel[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * Whether a circle touches a polygon given as rings (outer ring first, then holes): its centre
 * is inside, or an edge passes within the radius.
 */
export function circleTouchesPolygon(
  centre: Pixel,
  radius: number,
  rings: readonly (readonly Pixel[])[],
): boolean {
  const r2 = radius * radius;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      if (squaredDistanceToSegment(centre, ring[i]!, ring[i + 1]!) <= r2) return true;
    }
  }
  const [outer, ...holes] = rings;
  return !!outer && pointInRing(centre, outer) && !holes.some((h) => pointInRing(centre, h));
}

/** The brush's radius bounds, CSS pixels: the slider's range. */
export const BRUSH_RADIUS = { min: 3, max: 80 } as const;

/**
 * A radius that takes one 社区 when painting inside it at the map's present zoom: half the
 * half-width of a small 社区 (the tenth percentile of the shorter sides of their bounding
 * boxes on screen), within {@link BRUSH_RADIUS}. A fixed pixel radius took five 社区 of three
 * 片区 in one short drag at the starting zoom.
 */
export function fittingRadius(polygonsOfUnits: readonly (readonly Pixel[][][])[]): number {
  const sides: number[] = [];
  for (const polygons of polygonsOfUnits) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const rings of polygons) {
      for (const [x, y] of rings[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    if (maxX >= minX) sides.push(Math.min(maxX - minX, maxY - minY));
  }
  if (sides.length === 0) return 12;
  sides.sort((a, b) => a - b);
  const small = sides[Math.floor((sides.length - 1) * 0.1)]!;
  return Math.max(BRUSH_RADIUS.min, Math.min(BRUSH_RADIUS.max, Math.round(small / 4)));
}
