import { BBOX_MAX_LAT } from './index.ts';

/** [minLon, minLat, maxLon, maxLat] in degrees (WGS 84). */
export type Bbox = readonly [number, number, number, number];

const NAMES = ['minLon', 'minLat', 'maxLon', 'maxLat'] as const;
// A decimal number as people write it; not `Number`'s grammar, which also takes 0x10 and ''.
const NUMBER = /^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$/;

/** The `bbox` query parameter, or the problem with it in words. */
export function parseBbox(text: string): Bbox | string {
  const parts = text.split(',');
  if (parts.length !== 4) {
    return `bbox must be minLon,minLat,maxLon,maxLat: 4 numbers, not ${parts.length}`;
  }
  const values = parts.map(Number);
  for (const [i, v] of values.entries()) {
    if (!NUMBER.test(parts[i]!)) return `bbox ${NAMES[i]} (${parts[i]}) is not a number`;
    if (!Number.isFinite(v)) return `bbox ${NAMES[i]} (${parts[i]}) is not a finite number`;
    const [limit, range] =
      i % 2 === 0 ? [180, '-180..180'] : [BBOX_MAX_LAT, `-${BBOX_MAX_LAT}..${BBOX_MAX_LAT}`];
    if (Math.abs(v) > limit) return `bbox ${NAMES[i]} (${parts[i]}) is outside ${range}`;
  }
  const [minLon, minLat, maxLon, maxLat] = values as [number, number, number, number];
  if (minLon >= maxLon) return `bbox minLon (${parts[0]}) must be less than maxLon (${parts[2]})`;
  if (minLat >= maxLat) return `bbox minLat (${parts[1]}) must be less than maxLat (${parts[3]})`;
  return [minLon, minLat, maxLon, maxLat];
}
