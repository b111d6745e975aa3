/**
 * The demo's 社区 and 片区: Voronoi cells of seeds inside the zone, grouped into 23 片区 along shared
 * edges. Over 400 lines on purpose: one pipeline (seeds, cells, edges, grouping) whose steps read
 * in order.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Street } from './streets.ts';
import { STREETS } from './streets.ts';
import { NAMED, type NameBook } from './names.ts';
import { UTM, one, rows, type Db } from './postgis.ts';
import type { Rng } from './prng.ts';
import { PLACE, landmark, metres, shoreLine, streetAt, type Reference } from './reference.ts';
import { bestCandidate, pointIn, type LonLat } from './sampling.ts';

/** The reference outline's coast is within 200-700 m of the real one: keep 300 m off it. */
const ZONE_SHRINK_M = 300;
/** Longest edge of the zone outline, metres. */
const ZONE_EDGE_MAX_M = 100;
/** 社区 seeds keep this far inside the zone, so no 社区 is a thin strip along the edge. */
const SEED_INSET_M = 250;
/** Two 社区 count as neighbours only along a real shared edge, not at a corner. */
const MIN_SHARED_EDGE_M = 50;

export const PIANQU_COUNT = 23;
export const YINXING_SIZE = 4;

/**
 * 社区 per 镇街: the urban ones crowd the north coast (怡园, 15 社区 in public sources) and the
 * centre around 威海北站 (田和); 双岛 and 初村 are rural, with few and large 社区.
 */
const SHEQU_PER_STREET: Record<Street, number> = {
  yiyuan: 15,
  tianhe: 32,
  shuangdao: 7,
  chucun: 10,
};

/** Relative density of 社区 seeds inside one 镇街. */
function seedDensity(street: Street, [lon, lat]: LonLat): number {
  switch (street) {
    case 'yiyuan':
      return lon > 122.02 ? 1 : 0.6;
    case 'tianhe':
      // 世昌大道 and 威海北站 sit at about 37.50: the dense core of 田和.
      return (0.25 + Math.exp(-(((lat - 37.5) / 0.009) ** 2))) * (lon > 122.035 ? 1 : 0.6);
    default:
      return 1;
  }
}

/** A 社区 before it is named: its seed, its 镇街, and facts measured on its cell. */
export interface ShequCell {
  idx: number;
  seed: LonLat;
  street: Street;
  centroid: LonLat;
  areaM2: number;
  parts: number;
}

export interface Shequ extends ShequCell {
  code: string;
  name: string;
  pianquCode: string;
}

export interface Pianqu {
  code: string;
  name: string;
  street: Street;
  members: number[];
  centroid: LonLat;
  areaM2: number;
}

export interface DemoAreas {
  zoneAreaM2: number;
  pianqu: Pianqu[];
  shequ: Shequ[];
  /** 社区 whose clipped Voronoi cell had detached pieces given away to a neighbour. */
  slivers: number;
}

/**
 * Zone, 社区 and 片区 geometry, built in PostGIS in UTM metres. Leaves tables `outline`,
 * `zone`, `shore`, `sq_geom` (idx, g) and `pq_member` (idx, pianqu, shequ) for later steps.
 */
export async function buildDemoAreas(
  db: Db,
  ref: Reference,
  rng: Rng,
  names: NameBook,
): Promise<DemoAreas> {
  const outline: Polygon = { type: 'Polygon', coordinates: [ref.outline] };
  await db.exec(`
    CREATE TABLE outline (g geometry);
    CREATE TABLE zone (g geometry);
    CREATE TABLE shore (g geometry);
  `);
  await db.query(
    `INSERT INTO outline SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ${UTM})`,
    [JSON.stringify(outline)],
  );
  await db.query(
    `INSERT INTO shore SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ${UTM})`,
    [JSON.stringify({ type: 'LineString', coordinates: shoreLine(ref.outline) })],
  );
  // A straight UTM edge bows slightly in WGS84. 社区 gain vertices where their edges meet the
  // zone edge; with short zone edges the bow stays far below the 6-decimal grid, so the 社区
  // and the zone still meet exactly once rounded.
  await db.exec(
    `INSERT INTO zone SELECT ST_Segmentize(ST_Buffer(g, -${ZONE_SHRINK_M}), ${ZONE_EDGE_MAX_M})
       FROM outline`,
  );
  const zone = await one<{ parts: number; area: number; inset: string }>(
    db,
    `SELECT ST_NumGeometries(g) AS parts, ST_Area(g) AS area,
            ST_AsGeoJSON(ST_Transform(ST_Buffer(g, -${SEED_INSET_M}), 4326), 7) AS inset
       FROM zone`,
  );
  if (zone.parts !== 1) throw new Error(`the shrunk zone has ${zone.parts} parts`);
  const inset = JSON.parse(zone.inset) as Polygon | MultiPolygon;

  const seeds = sampleShequSeeds(rng.fork('shequ-seeds'), inset, ref);
  const cells = await voronoiCells(db, seeds);
  const adjacency = await sharedEdges(db);
  const groups = groupIntoPianqu(cells, adjacency, await yinxingStart(db, ref, cells));

  // Named places: 观海 holds 火炬八街, 滨州街 山大/滨州北街; the others are picked by location.
  const torch = landmark(ref, PLACE.torchEighth);
  const sdu = landmark(ref, PLACE.sdu);
  const wjt = landmark(ref, PLACE.wanjiatuan);
  const guanhai = await cellContaining(db, [torch.lon, torch.lat]);
  const binzhou = await cellContaining(db, [sdu.lon, sdu.lat]);
  const wanjiatuan = await cellContaining(db, [wjt.lon, wjt.lat]);
  const fixedNames = new Map<number, string>([
    [guanhai, NAMED.guanhai],
    [binzhou, NAMED.binzhoujie],
  ]);
  if (!fixedNames.has(wanjiatuan)) fixedNames.set(wanjiatuan, NAMED.wanjiatuan);
  // 驾前 is the one 城市社区 of 初村镇 in public sources; where it lies is not known, so it
  // simply names the northernmost 初村 社区.
  const jiaqian = cells
    .filter((c) => c.street === 'chucun')
    .sort((a, b) => b.centroid[1] - a.centroid[1] || a.idx - b.idx)[0];
  if (jiaqian) fixedNames.set(jiaqian.idx, NAMED.jiaqian);

  // 田村片区: the 田和 片区 (not 银杏) nearest the area west of 威海北站.
  const station = landmark(ref, PLACE.northStation);
  const tiancunNear: LonLat = [station.lon - 0.018, station.lat - 0.006];
  const pianquCentroids = groups.map((g) => weightedCentroid(g.members.map((i) => cells[i]!)));
  const tiancun = groups
    .map((g, i) => ({ g, i, d: metres(pianquCentroids[i]!, tiancunNear) }))
    .filter((x) => !x.g.locked && x.g.street === 'tianhe')
    .sort((a, b) => a.d - b.d)[0];
  if (!tiancun) throw new Error('no 田和 片区 for 田村片区');

  const readingOrder = (a: LonLat, b: LonLat): number =>
    Math.floor((37.56 - a[1]) / 0.015) - Math.floor((37.56 - b[1]) / 0.015) || a[0] - b[0];
  const streetRank = (s: Street): number => STREETS.indexOf(s);

  const orderedGroups = groups
    .map((g, i) => ({ ...g, centroid: pianquCentroids[i]!, i }))
    .sort(
      (a, b) => streetRank(a.street) - streetRank(b.street) || readingOrder(a.centroid, b.centroid),
    );
  const pianqu: Pianqu[] = [];
  const shequ: Shequ[] = [];
  for (const g of orderedGroups) {
    const code = `PQ${String(pianqu.length + 1).padStart(2, '0')}`;
    const name = g.locked ? NAMED.yinxing : g.i === tiancun.i ? NAMED.tiancun : names.pianqu();
    const members = g.members
      .map((i) => cells[i]!)
      .sort((a, b) => readingOrder(a.centroid, b.centroid));
    pianqu.push({
      code,
      name,
      street: g.street,
      members: members.map((c) => c.idx),
      centroid: g.centroid,
      areaM2: members.reduce((s, c) => s + c.areaM2, 0),
    });
    for (const c of members) {
      shequ.push({
        ...c,
        code: `SQ${String(shequ.length + 1).padStart(2, '0')}`,
        name: fixedNames.get(c.idx) ?? names.shequ(c.street),
        pianquCode: code,
      });
    }
  }

  await db.exec(`CREATE TABLE pq_member (idx int PRIMARY KEY, pianqu text, shequ text)`);
  await db.query(`INSERT INTO pq_member SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`, [
    shequ.map((s) => s.idx),
    shequ.map((s) => s.pianquCode),
    shequ.map((s) => s.code),
  ]);
  return {
    zoneAreaM2: zone.area,
    pianqu,
    shequ,
    slivers: cells.filter((c) => c.parts > 1).length,
  };
}

interface Seed {
  lonlat: LonLat;
  street: Street;
}

function sampleShequSeeds(rng: Rng, inset: Polygon | MultiPolygon, ref: Reference): Seed[] {
  const torch = landmark(ref, PLACE.torchEighth);
  const beach = landmark(ref, PLACE.beach);
  const sdu = landmark(ref, PLACE.sdu);
  // Anchors between 火炬八街 and the beach, and just south of 山大, so that those two named
  // 社区 surround their landmarks rather than have them on a cell edge.
  const seeds: Seed[] = [
    { lonlat: [(2 * torch.lon + beach.lon) / 3, torch.lat - 0.0004], street: 'yiyuan' },
    { lonlat: [sdu.lon - 0.0007, sdu.lat - 0.001], street: 'yiyuan' },
  ];
  for (const s of seeds) {
    if (streetAt(...s.lonlat) !== s.street) throw new Error('anchor seed in the wrong 镇街');
  }
  for (const street of STREETS) {
    const want = SHEQU_PER_STREET[street] - seeds.filter((s) => s.street === street).length;
    for (let k = 0; k < want; k++) {
      const draw = (): LonLat =>
        pointIn(
          rng,
          inset,
          (p) => streetAt(...p) === street && rng.next() < seedDensity(street, p) * 0.8,
        );
      seeds.push({
        lonlat: bestCandidate(
          seeds.map((s) => s.lonlat),
          draw,
          8,
        ),
        street,
      });
    }
  }
  return seeds;
}

/**
 * Voronoi cells of the seeds, clipped to the zone. A cell of a concave zone can fall apart;
 * its detached pieces go to the neighbour they share the longest edge with, so every 社区 is
 * one piece (a piece touching no other 社区 would stay, and be counted in `parts`).
 */
async function voronoiCells(db: Db, seeds: Seed[]): Promise<ShequCell[]> {
  await db.exec(`CREATE TABLE sq_seed (idx int PRIMARY KEY, g geometry)`);
  await db.query(
    `INSERT INTO sq_seed
     SELECT i, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), ${UTM})
       FROM unnest($1::int[], $2::float8[], $3::float8[]) AS t(i, x, y)`,
    [seeds.map((_, i) => i), seeds.map((s) => s.lonlat[0]), seeds.map((s) => s.lonlat[1])],
  );
  await db.exec(`
    CREATE TABLE sq_part AS
    WITH cell AS (
      SELECT (ST_Dump(ST_VoronoiPolygons(
               (SELECT ST_Collect(g ORDER BY idx) FROM sq_seed), 0,
               (SELECT ST_Expand(g, 5000) FROM zone)))).geom AS g
    ), clipped AS (
      SELECT s.idx, s.g AS seed, ST_CollectionExtract(ST_Intersection(c.g, z.g), 3) AS g
        FROM cell c JOIN sq_seed s ON ST_Contains(c.g, s.g), zone z
    )
    SELECT c.idx, d.path AS k, d.geom AS g, ST_Intersects(d.geom, c.seed) AS main
      FROM clipped c CROSS JOIN LATERAL ST_Dump(c.g) d;

    CREATE TABLE sq_geom AS
    WITH sliver AS (
      SELECT * FROM sq_part WHERE NOT main
    ), owner AS (
      -- the neighbouring 社区 sharing the longest edge with each detached piece
      SELECT DISTINCT ON (sl.idx, sl.k) sl.idx, sl.k, m.idx AS owner
        FROM sliver sl
        JOIN sq_part m ON m.main AND m.idx <> sl.idx AND ST_Intersects(sl.g, m.g)
       WHERE ST_Length(ST_Intersection(ST_Boundary(sl.g), ST_Boundary(m.g))) > 0
       ORDER BY sl.idx, sl.k, ST_Length(ST_Intersection(ST_Boundary(sl.g), ST_Boundary(m.g))) DESC,
                m.idx
    ), assigned AS (
      SELECT idx, g FROM sq_part WHERE main
      UNION ALL
      SELECT COALESCE(o.owner, sl.idx), sl.g FROM sliver sl LEFT JOIN owner o USING (idx, k)
    )
    SELECT idx, ST_UnaryUnion(ST_Collect(g)) AS g FROM assigned GROUP BY idx;
  `);
  const facts = await rows<{ idx: number; parts: number; area: number; c: string }>(
    db,
    `SELECT idx, ST_NumGeometries(g) AS parts, ST_Area(g) AS area,
            ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(g), 4326), 7) AS c
       FROM sq_geom ORDER BY idx`,
  );
  if (facts.length !== seeds.length) {
    throw new Error(`${seeds.length} seeds gave ${facts.length} 社区 cells`);
  }
  return facts.map((f) => {
    const seed = seeds[f.idx]!;
    return {
      idx: f.idx,
      seed: seed.lonlat,
      street: seed.street,
      centroid: (JSON.parse(f.c) as { coordinates: LonLat }).coordinates,
      areaM2: f.area,
      parts: f.parts,
    };
  });
}

interface Edge {
  a: number;
  b: number;
  len: number;
}

async function sharedEdges(db: Db): Promise<Edge[]> {
  return rows<Edge>(
    db,
    `SELECT a, b, len FROM (
       SELECT a.idx AS a, b.idx AS b,
              ST_Length(ST_Intersection(ST_Boundary(a.g), ST_Boundary(b.g))) AS len
         FROM sq_geom a JOIN sq_geom b ON a.idx < b.idx AND ST_Intersects(a.g, b.g)
     ) e WHERE len >= $1 ORDER BY a, b`,
    [MIN_SHARED_EDGE_M],
  );
}

/** The 社区 holding a place, or nearest it for landmarks just outside the shrunk zone. */
async function cellContaining(db: Db, [lon, lat]: LonLat): Promise<number> {
  const found = await rows<{ idx: number }>(
    db,
    `SELECT idx FROM sq_geom
      ORDER BY ST_Distance(g, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), ${UTM})), idx
      LIMIT 1`,
    [lon, lat],
  );
  if (!found[0]) throw new Error(`no 社区 contains ${lon},${lat}`);
  return found[0].idx;
}

/** 银杏片区 grows from the 田和 社区 holding 万家疃, east of 威海北站. */
async function yinxingStart(db: Db, ref: Reference, cells: ShequCell[]): Promise<number> {
  const wjt = landmark(ref, PLACE.wanjiatuan);
  const idx = await cellContaining(db, [wjt.lon, wjt.lat]);
  if (cells[idx]?.street !== 'tianhe') throw new Error('银杏片区 start is not in 田和');
  return idx;
}

function weightedCentroid(cells: ShequCell[]): LonLat {
  const total = cells.reduce((s, c) => s + c.areaM2, 0);
  return [
    cells.reduce((s, c) => s + c.centroid[0] * c.areaM2, 0) / total,
    cells.reduce((s, c) => s + c.centroid[1] * c.areaM2, 0) / total,
  ];
}

function lexLess(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) {
    if (a[k] !== b[k]) return (a[k] as number) < (b[k] as number);
  }
  return false;
}

interface Group {
  members: number[];
  street: Street;
  locked: boolean;
}

/**
 * 64 社区 into 23 片区 ("地缘相近"): 银杏片区 first, grown to exactly 4 社区 along its longest
 * shared edges; then the rest merged agglomeratively, always the adjacent pair of the same
 * 镇街 holding the smallest group, then with the fewest 社区 together, then sharing the longest
 * edge (compact shapes). Only
 * groups sharing an edge merge, so every 片区 is one connected piece.
 */
function groupIntoPianqu(cells: ShequCell[], edges: Edge[], yinxing: number): Group[] {
  const edgeLen = new Map<string, number>();
  const key = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
  for (const e of edges) edgeLen.set(key(e.a, e.b), e.len);
  const shared = (xs: number[], ys: number[]): number => {
    let len = 0;
    for (const x of xs) for (const y of ys) len += edgeLen.get(key(x, y)) ?? 0;
    return len;
  };

  const street = cells[yinxing]!.street;
  const yx = [yinxing];
  while (yx.length < YINXING_SIZE) {
    const next = cells
      .filter((c) => c.street === street && !yx.includes(c.idx))
      .map((c) => ({ idx: c.idx, len: shared([c.idx], yx) }))
      .filter((c) => c.len > 0)
      .sort((a, b) => b.len - a.len || a.idx - b.idx)[0];
    if (!next) throw new Error('银杏片区 cannot grow to 4 社区');
    yx.push(next.idx);
  }

  const groups: Group[] = [{ members: yx, street, locked: true }];
  for (const c of cells) {
    if (!yx.includes(c.idx)) groups.push({ members: [c.idx], street: c.street, locked: false });
  }
  while (groups.length > PIANQU_COUNT) {
    let best: { i: number; j: number; cost: number[] } | undefined;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const gi = groups[i]!;
        const gj = groups[j]!;
        if (gi.locked || gj.locked) continue;
        const len = shared(gi.members, gj.members);
        if (len <= 0) continue;
        // Crossing a 镇街 line only when nothing else is left; the smallest group first, so
        // no 社区 is left alone; then the smallest pair; then the longest shared edge.
        const cost = [
          gi.street === gj.street ? 0 : 1,
          Math.min(gi.members.length, gj.members.length),
          gi.members.length + gj.members.length,
          -len,
        ];
        if (!best || lexLess(cost, best.cost)) best = { i, j, cost };
      }
    }
    if (!best) throw new Error(`cannot merge below ${groups.length} 片区`);
    const gi = groups[best.i]!;
    const gj = groups[best.j]!;
    const areaOf = (g: Group): number => g.members.reduce((s, m) => s + cells[m]!.areaM2, 0);
    groups[best.i] = {
      members: [...gi.members, ...gj.members],
      street: areaOf(gi) >= areaOf(gj) ? gi.street : gj.street,
      locked: false,
    };
    groups.splice(best.j, 1);
  }
  return groups;
}
