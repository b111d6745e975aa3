import { readFileSync } from 'node:fs';
import type { FeatureCollection, Position } from 'geojson';
import type { Street } from './streets.ts';

/** A landmark of geodata/reference.geojson. */
export interface Landmark {
  name: string;
  note: string;
  lon: number;
  lat: number;
}

/** What the generator takes from geodata/reference.geojson (its only geographic input). */
export interface Reference {
  /** The approximate zone outline, a closed ring, WGS84. */
  outline: Position[];
  landmarks: Landmark[];
}

export function loadReference(path: string): Reference {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  let outline: Position[] | undefined;
  const landmarks: Landmark[] = [];
  for (const f of fc.features) {
    const props = (f.properties ?? {}) as { name?: string; note?: string };
    if (f.geometry.type === 'Polygon') {
      outline = f.geometry.coordinates[0];
    } else if (f.geometry.type === 'Point') {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      landmarks.push({ name: props.name ?? '', note: props.note ?? '', lon, lat });
    }
  }
  if (!outline) throw new Error(`${path}: no outline polygon`);
  return { outline, landmarks };
}

/** Looks a landmark up by the start of its name, so the reference can add detail in brackets. */
export function landmark(ref: Reference, namePrefix: string): Landmark {
  const found = ref.landmarks.find((l) => l.name.startsWith(namePrefix));
  if (!found) throw new Error(`reference.geojson has no landmark named ${namePrefix}…`);
  return found;
}

/** Landmarks the generator places things around. */
export const PLACE = {
  beach: '威海国际海水浴场',
  torchEighth: '火炬八街',
  pier: '金海湾栈桥',
  sdu: '山东大学',
  xinlangyu: '新浪屿花园',
  nightMarket: '欧乐坊',
  northStation: '威海北站',
  wanjiatuan: '万家疃',
} as const;

const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;

/**
 * The coast part of the outline. Its coast vertices were traced from map data and carry five
 * decimals; the inland edge is a rough estimate in round numbers. The coast is the one run of
 * traced vertices, in ring order (east to west along the north shore, then south along 双岛湾).
 */
export function coastOfOutline(outline: Position[]): Position[] {
  const ring = outline.slice(0, -1);
  const traced = ring.map((p) => decimals(p[0] as number) >= 5 || decimals(p[1] as number) >= 5);
  const starts = traced
    .map((t, i) => (t && !traced[(i - 1 + ring.length) % ring.length] ? i : -1))
    .filter((i) => i >= 0);
  if (starts.length !== 1) throw new Error(`expected one coast run, found ${starts.length}`);
  const coast: Position[] = [];
  for (let k = 0, i = starts[0] as number; k < ring.length && traced[i]; k++) {
    coast.push(ring[i] as Position);
    i = (i + 1) % ring.length;
  }
  return coast;
}

/**
 * The shore beyond the zone, illustrative: east past 远遥码头 round to 幸福门 on 威海湾, and
 * south-west past the end of 双岛湾, so that the basemap's land reaches the map edges.
 */
const SHORE_EAST: Position[] = [
  [122.136, 37.46],
  [122.131, 37.485],
  [122.1285, 37.505],
  [122.124, 37.525],
  [122.112, 37.541],
  [122.098, 37.5462],
  [122.0885, 37.5468],
  [122.08, 37.5456],
];
const SHORE_WEST: Position[] = [
  [121.893, 37.392],
  [121.87, 37.383],
];
const LAND_SOUTH = 37.3;

/** The whole shore line, east to west: the zone's coast extended both ways. */
export function shoreLine(outline: Position[]): Position[] {
  return [...SHORE_EAST, ...coastOfOutline(outline), ...SHORE_WEST];
}

/** The land: everything south of the shore, down to a generous southern edge. */
export function landRing(outline: Position[]): Position[] {
  const shore = shoreLine(outline);
  const first = shore[0] as Position;
  const last = shore[shore.length - 1] as Position;
  return [...shore, [last[0] as number, LAND_SOUTH], [first[0] as number, LAND_SOUTH], first];
}

/**
 * The 镇街 of a place. Approximate public facts: 怡园 holds the north coast, 田和 the centre
 * and south-east around 世昌大道 and 威海北站, 双岛 the west around 双岛湾, 初村 the large rural
 * south-west.
 */
export function streetAt(lon: number, lat: number): Street {
  if (lat < 37.468) return 'chucun';
  if (lon < 122.0) return 'shuangdao';
  return lat >= 37.513 ? 'yiyuan' : 'tianhe';
}

/** Metres per degree at the zone's latitude, for distances between nearby points. */
export const M_PER_DEG_LAT = 110_990;
export const M_PER_DEG_LON = 88_330;

export function metres(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot((a[0] - b[0]) * M_PER_DEG_LON, (a[1] - b[1]) * M_PER_DEG_LAT);
}
