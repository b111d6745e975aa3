/**
 * The demo's 175 小区: seeds placed inside their 社区, grown into shapes, typed, sized and named from
 * the reference. Over 400 lines on purpose: one pipeline whose steps pass each other their seeds
 * and facts, read in order.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { CompoundType } from '../../server/contract/vocabulary.ts';
import type { Street } from './streets.ts';
import type { DemoAreas, Shequ } from './areas.ts';
import { NAMED, type NameBook } from './names.ts';
import { UTM, rows, type Db } from './postgis.ts';
import { apportion, type Rng } from './prng.ts';
import { PLACE, landmark, type Reference } from './reference.ts';
import { ROADS } from './roads.ts';
import { bestCandidate, pointIn, type LonLat } from './sampling.ts';

export const XIAOQU_COUNT = 175;

/** Compound seeds keep this far inside their 社区 (tried in turn for small 社区). */
const SEED_INSETS_M = [140, 90, 50];
/** Each compound keeps this far from its neighbours' cells and from the 社区 edge. */
const CELL_SHRINK_M = 25;
/** A 社区 holds at most one compound per this much area. */
const M2_PER_COMPOUND_MAX = 120_000;

/** A 小区 with its attributes (geometry stays in PostGIS, table `xq_geom`). */
export interface Xiaoqu {
  code: string;
  name: string;
  shequCode: string;
  pianquCode: string;
  street: Street;
  type: CompoundType;
  households: number;
  population: number;
  builtYear: number;
  centroid: LonLat;
  areaM2: number;
  /** Distance from the compound to the shore, metres. */
  shoreM: number;
}

const isRural = (s: Street): boolean => s === 'shuangdao' || s === 'chucun';

interface Seed {
  key: number;
  sq: Shequ;
  lonlat: LonLat;
  fixedName?: string;
  fixedType?: CompoundType;
  halfW: number;
  halfH: number;
  corner: number;
  angle: number;
}

/**
 * 175 小区 over the 64 社区: each 社区 split by a Voronoi of its compound seeds, each sub-cell
 * shrunk 25 m and cut by a rounded, rotated rectangle around its seed. Compounds therefore lie
 * strictly inside their 社区 and at least 50 m apart.
 */
export async function buildCompounds(
  db: Db,
  ref: Reference,
  demoAreas: DemoAreas,
  rng: Rng,
  names: NameBook,
): Promise<Xiaoqu[]> {
  const shequ = demoAreas.shequ;
  const fixed = await fixedSeeds(db, ref, demoAreas);
  const counts = allocate(shequ, fixed);

  const insets = await shequInsets(db);
  const seeds: Seed[] = [];
  const seedRng = rng.fork('compound-seeds');
  for (const [i, sq] of shequ.entries()) {
    const mine: LonLat[] = [];
    for (const f of fixed.filter((f) => f.sq === sq)) {
      mine.push(f.lonlat);
      seeds.push({ key: seeds.length, ...f, ...shape(seedRng, sq.street) });
    }
    const inset = insets.get(sq.idx);
    if (!inset) throw new Error(`${sq.code} has no room for a compound`);
    while (mine.length < (counts[i] as number)) {
      const p = bestCandidate(mine, () => pointIn(seedRng, inset), 20);
      mine.push(p);
      seeds.push({ key: seeds.length, sq, lonlat: p, ...shape(seedRng, sq.street) });
    }
  }

  await db.exec(`
    CREATE TABLE xq_seed (key int PRIMARY KEY, sq int, g geometry,
                          hw float8, hh float8, r float8, angle float8);
  `);
  await db.query(
    `INSERT INTO xq_seed
     SELECT k, sq, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), ${UTM}), hw, hh, r, a
       FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[], $5::float8[], $6::float8[],
                   $7::float8[], $8::float8[]) AS t(k, sq, x, y, hw, hh, r, a)`,
    [
      seeds.map((s) => s.key),
      seeds.map((s) => s.sq.idx),
      seeds.map((s) => s.lonlat[0]),
      seeds.map((s) => s.lonlat[1]),
      seeds.map((s) => s.halfW),
      seeds.map((s) => s.halfH),
      seeds.map((s) => s.corner),
      seeds.map((s) => s.angle),
    ],
  );
  await db.exec(`
    CREATE TABLE xq_cell AS
    WITH multi AS (
      SELECT sq, ST_Collect(g ORDER BY key) AS pts FROM xq_seed GROUP BY sq HAVING count(*) > 1
    ), cells AS (
      SELECT m.sq, (ST_Dump(ST_VoronoiPolygons(m.pts, 0, ST_Expand(q.g, 2000)))).geom AS cell
        FROM multi m JOIN sq_geom q ON q.idx = m.sq
    )
    SELECT s.key, ST_Intersection(c.cell, q.g) AS cell
      FROM cells c
      JOIN xq_seed s ON s.sq = c.sq AND ST_Contains(c.cell, s.g)
      JOIN sq_geom q ON q.idx = s.sq
    UNION ALL
    SELECT s.key, q.g FROM xq_seed s JOIN sq_geom q ON q.idx = s.sq
     WHERE s.sq NOT IN (SELECT sq FROM multi);

    CREATE TABLE xq_shape AS
    WITH shaped AS (
      SELECT s.key, s.g AS seed,
             ST_CollectionExtract(ST_Intersection(
               ST_Buffer(c.cell, -${CELL_SHRINK_M}),
               ST_Buffer(ST_Rotate(ST_MakeEnvelope(ST_X(s.g) - s.hw, ST_Y(s.g) - s.hh,
                                                   ST_X(s.g) + s.hw, ST_Y(s.g) + s.hh, ${UTM}),
                                   s.angle, s.g),
                         s.r, 'quad_segs=4')), 3) AS g
        FROM xq_seed s JOIN xq_cell c USING (key)
    )
    -- a cut can leave crumbs: keep the piece around the seed
    SELECT DISTINCT ON (key) key, d.geom AS g
      FROM shaped CROSS JOIN LATERAL ST_Dump(shaped.g) d
     ORDER BY key, ST_Intersects(d.geom, seed) DESC, ST_Area(d.geom) DESC;
  `);

  const facts = await compoundFacts(db, ref);
  if (facts.length !== seeds.length)
    throw new Error(`${seeds.length} seeds, ${facts.length} shapes`);
  const typeRng = rng.fork('compound-types');
  const typed = seeds.map((s) => {
    const f = facts[s.key]!;
    return { seed: s, f, type: s.fixedType ?? compoundType(typeRng, s.sq.street, f) };
  });

  const readingOrder = (a: LonLat, b: LonLat): number =>
    Math.floor((37.56 - a[1]) / 0.006) - Math.floor((37.56 - b[1]) / 0.006) || a[0] - b[0];
  const shequRank = new Map(shequ.map((s, i) => [s.idx, i]));
  typed.sort(
    (a, b) =>
      shequRank.get(a.seed.sq.idx)! - shequRank.get(b.seed.sq.idx)! ||
      readingOrder(a.f.centroid, b.f.centroid),
  );

  const xiaoqu: Xiaoqu[] = typed.map((t, i) => ({
    code: `XQ${String(i + 1).padStart(3, '0')}`,
    name: t.seed.fixedName ?? '',
    shequCode: t.seed.sq.code,
    pianquCode: t.seed.sq.pianquCode,
    street: t.seed.sq.street,
    type: t.type,
    households: 0,
    population: 0,
    builtYear: 0,
    centroid: t.f.centroid,
    areaM2: t.f.areaM2,
    shoreM: t.f.shoreM,
  }));
  nameCompounds(rng.fork('compound-names'), xiaoqu, demoAreas, names);
  const attrRng = rng.fork('compound-attributes');
  for (const x of xiaoqu) {
    x.households =
      x.name === NAMED.haiwan
        ? // about 600 registered households, 2,000+ in the summer peak (reference.md)
          attrRng.int(580, 660)
        : householdsFor(attrRng, x.type, x.street, x.areaM2);
    x.population = Math.round(x.households * attrRng.float(2.3, 2.9));
    x.builtYear = builtYear(attrRng, x.type, x.street);
  }

  await db.exec(`CREATE TABLE xq_geom (code text PRIMARY KEY, shequ text, g geometry)`);
  await db.query(
    `INSERT INTO xq_geom
     SELECT t.code, t.shequ, s.g FROM unnest($1::int[], $2::text[], $3::text[]) AS t(key, code, shequ)
       JOIN xq_shape s USING (key)`,
    [typed.map((t) => t.seed.key), xiaoqu.map((x) => x.code), xiaoqu.map((x) => x.shequCode)],
  );
  return xiaoqu;
}

function shape(rng: Rng, street: Street): Omit<Seed, 'key' | 'sq' | 'lonlat'> {
  // Across (corner to corner) 150-450 m: urban blocks larger, village compounds smaller.
  const across = isRural(street) ? rng.float(170, 330) : rng.float(220, 440);
  const corner = rng.float(18, 45);
  const aspect = rng.float(0.5, 1);
  const halfW = (across / 2 - corner) / Math.sqrt(1 + aspect * aspect);
  return { halfW, halfH: halfW * aspect, corner, angle: rng.float(-0.35, 0.35) };
}

interface FixedSeed {
  sq: Shequ;
  lonlat: LonLat;
  fixedName: string;
  fixedType?: CompoundType;
}

/**
 * Named compounds at named places: 海湾国际 between 火炬八街 and the beach in 观海社区, 西文化
 * on 文化西路 in 滨州街社区, 新浪屿花园 at its address near 山大. Each is pulled inside its
 * 社区's seed inset if the place itself is too close to an edge.
 */
async function fixedSeeds(db: Db, ref: Reference, demoAreas: DemoAreas): Promise<FixedSeed[]> {
  const torch = landmark(ref, PLACE.torchEighth);
  const beach = landmark(ref, PLACE.beach);
  const sdu = landmark(ref, PLACE.sdu);
  const xly = landmark(ref, PLACE.xinlangyu);
  const byName = (name: string): Shequ => {
    const s = demoAreas.shequ.find((x) => x.name === name);
    if (!s) throw new Error(`no ${name}`);
    return s;
  };
  const wanted: { name: string; type?: CompoundType; target: LonLat; sq?: Shequ }[] = [
    {
      name: NAMED.haiwan,
      type: 'coastal',
      target: [(torch.lon + beach.lon) / 2, torch.lat + 0.0004],
      sq: byName(NAMED.guanhai),
    },
    {
      name: NAMED.xiwenhua,
      type: 'old',
      target: [sdu.lon - 0.0022, sdu.lat - 0.0022],
      sq: byName(NAMED.binzhoujie),
    },
    { name: NAMED.xinlangyu, target: [xly.lon, xly.lat] },
  ];
  const out: FixedSeed[] = [];
  for (const w of wanted) {
    const [found] = await rows<{ idx: number; x: number; y: number }>(
      db,
      `WITH t AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), ${UTM}) AS p),
            host AS (
              SELECT q.idx, q.g FROM sq_geom q, t
               WHERE ($3::int IS NULL AND ST_Intersects(q.g, t.p)) OR q.idx = $3::int
               ORDER BY q.idx LIMIT 1
            )
       SELECT host.idx, ST_X(c) AS x, ST_Y(c) AS y
         FROM host, t, LATERAL ST_Transform(
                ST_ClosestPoint(ST_Buffer(host.g, -${SEED_INSETS_M[0]}), t.p), 4326) c`,
      [w.target[0], w.target[1], w.sq?.idx ?? null],
    );
    if (!found) throw new Error(`no 社区 for ${w.name}`);
    const sq = demoAreas.shequ.find((s) => s.idx === found.idx)!;
    out.push({ sq, lonlat: [found.x, found.y], fixedName: w.name, fixedType: w.type });
  }
  return out;
}

/** Urban 社区 hold about three compounds, rural ones one or two; larger 社区 more. */
function allocate(shequ: Shequ[], fixed: FixedSeed[]): number[] {
  const weights = shequ.map((s) => (isRural(s.street) ? 0.45 : 2.2) * Math.sqrt(s.areaM2 / 1e6));
  const caps = shequ.map((s) => Math.max(1, Math.floor(s.areaM2 / M2_PER_COMPOUND_MAX)));
  const floors = shequ.map((s) => Math.max(1, fixed.filter((f) => f.sq === s).length));
  const counts = apportion(XIAOQU_COUNT, weights, 1).map((c, i) => Math.max(c, floors[i]!));
  // Move compounds from over-full or over-given 社区 to those with room, by weight.
  for (let guard = 0; guard < 10_000; guard++) {
    const total = counts.reduce((a, b) => a + b, 0);
    const over = counts.findIndex((c, i) => c > Math.max(caps[i]!, floors[i]!));
    if (total === XIAOQU_COUNT && over < 0) return counts;
    if (total > XIAOQU_COUNT || over >= 0) {
      const i =
        over >= 0
          ? over
          : argMax(counts.map((c, k) => (c > floors[k]! ? c / weights[k]! : -Infinity)));
      counts[i]! -= 1;
    } else {
      const i = argMax(counts.map((c, k) => (c < caps[k]! ? weights[k]! / (c + 1) : -Infinity)));
      counts[i]! += 1;
    }
  }
  throw new Error('cannot allocate compounds to 社区');
}

function argMax(xs: number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}

async function shequInsets(db: Db): Promise<Map<number, Polygon | MultiPolygon>> {
  const out = new Map<number, Polygon | MultiPolygon>();
  // the first inset that leaves any room
  const firstNonEmpty = SEED_INSETS_M.map(
    (m) => `WHEN NOT ST_IsEmpty(ST_Buffer(g, -${m})) THEN ST_Buffer(g, -${m})`,
  ).join(' ');
  const found = await rows<{ idx: number; g: string | null }>(
    db,
    `SELECT idx, ST_AsGeoJSON(ST_Transform(CASE ${firstNonEmpty} END, 4326), 8) AS g
       FROM sq_geom ORDER BY idx`,
  );
  for (const f of found) if (f.g) out.set(f.idx, JSON.parse(f.g) as Polygon | MultiPolygon);
  return out;
}

interface Facts {
  centroid: LonLat;
  areaM2: number;
  shoreM: number;
  torchM: number;
  shichangM: number;
  nightMarketM: number;
}

async function compoundFacts(db: Db, ref: Reference): Promise<Facts[]> {
  const torch = landmark(ref, PLACE.torchEighth);
  const market = landmark(ref, PLACE.nightMarket);
  const shichang = ROADS.find((r) => r.name === '世昌大道')!.course;
  const found = await rows<{
    key: number;
    x: number;
    y: number;
    area: number;
    shore: number;
    torch: number;
    shichang: number;
    market: number;
  }>(
    db,
    `WITH p AS (
       SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), ${UTM}) AS torch,
              ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), 4326), ${UTM}) AS market,
              ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), ${UTM}) AS shichang
     )
     SELECT s.key, ST_X(ST_Transform(ST_Centroid(s.g), 4326)) AS x,
            ST_Y(ST_Transform(ST_Centroid(s.g), 4326)) AS y, ST_Area(s.g) AS area,
            ST_Distance(s.g, (SELECT g FROM shore)) AS shore, ST_Distance(s.g, p.torch) AS torch,
            ST_Distance(s.g, p.shichang) AS shichang, ST_Distance(s.g, p.market) AS market
       FROM xq_shape s, p ORDER BY s.key`,
    [
      torch.lon,
      torch.lat,
      market.lon,
      market.lat,
      JSON.stringify({ type: 'LineString', coordinates: shichang }),
    ],
  );
  return found.map((f) => ({
    centroid: [f.x, f.y],
    areaM2: f.area,
    shoreM: f.shore,
    torchM: f.torch,
    shichangM: f.shichang,
    nightMarketM: f.market,
  }));
}

/**
 * "一小区一策" types from location: holiday homes on the first rows behind the shore, mixed
 * shops-and-flats along 火炬八街 and 世昌大道, old and new housing elsewhere (older in the
 * north around 文化西路, newer in the south and in village resettlement).
 */
function compoundType(rng: Rng, street: Street, f: Facts): CompoundType {
  if (!isRural(street) && f.shoreM < 700) return rng.chance(0.9) ? 'coastal' : 'mixed';
  if (isRural(street) && f.shoreM < 550 && rng.chance(0.5)) return 'coastal';
  if (f.torchM < 900 || f.shichangM < 300 || f.nightMarketM < 700) {
    if (rng.chance(0.6)) return 'mixed';
  }
  if (isRural(street)) return rng.chance(0.55) ? 'old' : 'new';
  const [, lat] = f.centroid;
  const kinds = ['old', 'new', 'mixed'] as const;
  if (street === 'yiyuan') return rng.weighted(kinds, [0.55, 0.37, 0.08]);
  if (lat > 37.495) return rng.weighted(kinds, [0.47, 0.43, 0.1]);
  return rng.weighted(kinds, [0.32, 0.62, 0.06]);
}

/** Registered households per hectare; holiday homes register few of their owners. */
const HOUSEHOLDS_PER_HA: Record<CompoundType, number> = {
  old: 150,
  new: 185,
  mixed: 140,
  coastal: 80,
};

function householdsFor(rng: Rng, type: CompoundType, street: Street, areaM2: number): number {
  const perHa = HOUSEHOLDS_PER_HA[type] * (isRural(street) ? 0.55 : 1);
  const raw = (areaM2 / 10_000) * perHa * rng.float(0.75, 1.3);
  // Small compounds still have a few hundred households (taller buildings), not exactly 300.
  const floor = rng.float(300, 460);
  const max = type === 'coastal' ? 1200 : 2500;
  return Math.round(Math.min(max, Math.max(floor, raw)));
}

function builtYear(rng: Rng, type: CompoundType, street: Street): number {
  if (isRural(street) && type !== 'coastal') {
    return type === 'old' ? rng.int(1994, 2008) : rng.int(2011, 2021);
  }
  switch (type) {
    case 'old':
      return rng.int(1986, 2002);
    case 'new':
      return rng.int(2010, 2022);
    case 'mixed':
      return rng.int(2001, 2016);
    case 'coastal':
      return rng.int(2005, 2019);
  }
}

/**
 * The real names from public addresses on fitting compounds, generated names by type for the
 * rest. 福山路小区 is the smallest old compound of 田村片区, so that its grid rebuild serving
 * "230+ households" is a good part of it.
 */
function nameCompounds(rng: Rng, xiaoqu: Xiaoqu[], demoAreas: DemoAreas, names: NameBook): void {
  const tiancun = demoAreas.pianqu.find((p) => p.name === NAMED.tiancun)!;
  const assign = (name: string, pool: Xiaoqu[]): void => {
    const free = pool.filter((x) => x.name === '');
    if (free.length === 0) throw new Error(`no compound left for ${name}`);
    rng.pick(free).name = name;
  };
  const inTiancun = xiaoqu.filter((x) => x.pianquCode === tiancun.code && x.name === '');
  const old = inTiancun.filter((x) => x.type === 'old');
  const fushan = (old.length > 0 ? old : inTiancun).sort((a, b) => a.areaM2 - b.areaM2)[0];
  if (!fushan) throw new Error('田村片区 has no compound for 福山路小区');
  fushan.name = NAMED.fushanlu;
  fushan.type = 'old';
  const urban = (t: CompoundType[], s: Street[]): Xiaoqu[] =>
    xiaoqu.filter((x) => t.includes(x.type) && s.includes(x.street));
  assign(NAMED.shanhaijun, urban(['coastal', 'new'], ['yiyuan']));
  assign(NAMED.hongfu, urban(['new'], ['tianhe']));
  assign(NAMED.renhe, urban(['new', 'old'], ['tianhe']));
  assign(NAMED.shengde, urban(['mixed', 'new'], ['tianhe']));
  for (const x of xiaoqu) if (x.name === '') x.name = names.xiaoqu(x.type, x.street);
}

/**
 * Each compound's interior, 8 m in from its edge, for placing points that must stay inside it
 * after rounding to 6 decimals.
 */
export async function compoundInteriors(db: Db): Promise<Map<string, Polygon | MultiPolygon>> {
  const found = await rows<{ code: string; g: string }>(
    db,
    `SELECT code, ST_AsGeoJSON(ST_Transform(ST_Buffer(g, -8), 4326), 8) AS g
       FROM xq_geom ORDER BY code`,
  );
  return new Map(found.map((f) => [f.code, JSON.parse(f.g) as Polygon | MultiPolygon]));
}
