/**
 * Checks of the generated demo, read back from the files written: topology and the reference's
 * facts. Over 400 lines on purpose: one list of checks, each a few lines, sharing the files read
 * once.
 */
import { STREETS } from './streets.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import {
  ACTIVITY_KINDS,
  COMPOUND_TYPES,
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  WORKER_ROLES,
} from '../../server/contract/vocabulary.ts';
import { FIRST_DAY, LAST_DAY } from './calendar.ts';
import { NAMED } from './names.ts';
import { one, rows, type Db } from './postgis.ts';
import { PLACE, landmark, type Reference } from './reference.ts';

/** Tolerance of the tiling checks, square metres, after rounding to 6 decimals. */
const TILING_TOLERANCE_M2 = 1;

/** What the checks measured, for the summary. */
export interface Verified {
  zoneVsPianquM2: number;
  pianquVsShequMaxM2: number;
  pianquOverlapM2: number;
  shequOverlapM2: number;
  xiaoquOverlapM2: number;
  xiaoquOutsideShequ: number;
  sitesOutside: number;
  issuesOutside: number;
  multipartShequ: number;
  /** Counts read back from the CSV files. */
  counts: Record<string, number>;
  checks: string[];
}

const readJson = (dir: string, file: string): FeatureCollection =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection;

/** A small RFC 4180 reader: enough to check what the generator wrote. */
export function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  const [header, ...body] = records;
  if (!header) throw new Error(`${path} is empty`);
  return body.map((r) => {
    if (r.length !== header.length) throw new Error(`${path}: ragged row ${r.join(',')}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}

/**
 * Re-reads the written files into PostGIS and checks topology and the article's facts on what
 * a user will load, not on the generator's intermediate tables. Throws on the first failure.
 */
export async function verify(db: Db, dir: string, ref: Reference): Promise<Verified> {
  const checks: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`check failed: ${what}`);
    checks.push(what);
  };

  await db.exec(`
    CREATE TABLE chk_area (level text, code text PRIMARY KEY, parent text, g geometry);
    CREATE TABLE chk_point (kind text, code text, xiaoqu text, g geometry);
  `);
  const load = async (level: string, file: string): Promise<FeatureCollection> => {
    const fc = readJson(dir, file);
    await db.query(
      `INSERT INTO chk_area
       SELECT $1, c, NULLIF(p, ''), ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)
         FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, p, g)`,
      [
        level,
        fc.features.map((f) => String(f.properties?.code)),
        fc.features.map((f) => String(f.properties?.parent_code ?? '')),
        fc.features.map((f) => JSON.stringify(f.geometry)),
      ],
    );
    return fc;
  };
  await load('zone', 'zone.geojson');
  const pianqu = await load('pianqu', 'pianqu.geojson');
  const shequ = await load('shequ', 'shequ.geojson');
  const xiaoqu = await load('xiaoqu', 'xiaoqu.geojson');
  check(pianqu.features.length === 23, '23 片区');
  check(shequ.features.length === 64, '64 社区');
  check(xiaoqu.features.length === 175, '175 小区');

  const invalid = await one<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM chk_area WHERE NOT ST_IsValid(g)`,
  );
  check(invalid.n === 0, 'every area geometry is valid');

  // Tiling: the children's union equals the parent, and children do not overlap.
  const zoneDiff = await one<{ a: number }>(
    db,
    `SELECT ST_Area(ST_SymDifference(
              (SELECT ST_Union(g) FROM chk_area WHERE level = 'pianqu'),
              (SELECT g FROM chk_area WHERE level = 'zone'))::geography) AS a`,
  );
  check(
    zoneDiff.a < TILING_TOLERANCE_M2,
    `片区 tile the zone (gap+overlap ${zoneDiff.a.toFixed(3)} m²)`,
  );
  const pqDiff = await one<{ a: number }>(
    db,
    `SELECT max(ST_Area(ST_SymDifference(
              (SELECT ST_Union(c.g) FROM chk_area c WHERE c.parent = p.code AND c.level = 'shequ'),
              p.g)::geography)) AS a
       FROM chk_area p WHERE p.level = 'pianqu'`,
  );
  check(pqDiff.a < TILING_TOLERANCE_M2, `社区 tile each 片区 (worst ${pqDiff.a.toFixed(3)} m²)`);
  const overlap = async (level: string): Promise<number> =>
    (
      await one<{ a: number }>(
        db,
        `SELECT COALESCE(sum(ST_Area(ST_Intersection(a.g, b.g)::geography)), 0) AS a
           FROM chk_area a JOIN chk_area b
             ON a.level = $1 AND b.level = $1 AND a.code < b.code AND ST_Intersects(a.g, b.g)`,
        [level],
      )
    ).a;
  const pqOverlap = await overlap('pianqu');
  const sqOverlap = await overlap('shequ');
  const xqOverlap = await overlap('xiaoqu');
  check(pqOverlap < TILING_TOLERANCE_M2, `片区 do not overlap (${pqOverlap.toFixed(3)} m²)`);
  check(sqOverlap < TILING_TOLERANCE_M2, `社区 do not overlap (${sqOverlap.toFixed(3)} m²)`);
  const xqTouching = await one<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM chk_area a JOIN chk_area b
         ON a.level = 'xiaoqu' AND b.level = 'xiaoqu' AND a.code < b.code
        AND ST_Intersects(a.g, b.g)`,
  );
  check(xqTouching.n === 0, '小区 neither overlap nor touch');

  const parts = await one<{ pq: number; sq: number }>(
    db,
    `SELECT count(*) FILTER (WHERE level = 'pianqu' AND ST_NumGeometries(g) > 1)::int AS pq,
            count(*) FILTER (WHERE level = 'shequ' AND ST_NumGeometries(g) > 1)::int AS sq
       FROM chk_area`,
  );
  check(parts.pq === 0, 'every 片区 is one connected piece');
  const outside = await one<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM chk_area x JOIN chk_area s ON s.code = x.parent
      WHERE x.level = 'xiaoqu' AND NOT ST_Within(x.g, s.g)`,
  );
  check(outside.n === 0, 'every 小区 lies within its 社区');

  // Points inside their compound.
  const sites = readJson(dir, 'sites.geojson');
  check(sites.features.length === 183, '183 邻里之家');
  const issues = readCsv(join(dir, 'issues.csv'));
  const pointRows = [
    ...sites.features.map((f) => ({
      kind: 'site',
      code: String(f.properties?.code),
      xiaoqu: String(f.properties?.xiaoqu_code),
      xy: (f.geometry as Point).coordinates,
    })),
    ...issues.map((i) => ({
      kind: 'issue',
      code: i.id!,
      xiaoqu: i.xiaoqu_code!,
      xy: [Number(i.lon), Number(i.lat)],
    })),
  ];
  await db.query(
    `INSERT INTO chk_point SELECT k, c, x, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[])
         AS t(k, c, x, lon, lat)`,
    [
      pointRows.map((p) => p.kind),
      pointRows.map((p) => p.code),
      pointRows.map((p) => p.xiaoqu),
      pointRows.map((p) => p.xy[0]),
      pointRows.map((p) => p.xy[1]),
    ],
  );
  const pointsOutside = await one<{ sites: number; issues: number }>(
    db,
    `SELECT count(*) FILTER (WHERE p.kind = 'site')::int AS sites,
            count(*) FILTER (WHERE p.kind = 'issue')::int AS issues
       FROM chk_point p LEFT JOIN chk_area x ON x.code = p.xiaoqu AND x.level = 'xiaoqu'
      WHERE x.code IS NULL OR NOT ST_Within(p.g, x.g)`,
  );
  check(pointsOutside.sites === 0, 'every 邻里之家 lies inside its 小区');
  check(pointsOutside.issues === 0, 'every issue lies inside its 小区');
  // Walking coverage as the server measures it (features/sites/coverage.sql): from each
  // 小区's label point to the nearest site, on the spheroid.
  const gaps = await one<{ own: number; m300: number; m500: number }>(
    db,
    `SELECT count(*) FILTER (WHERE NOT EXISTS (
              SELECT 1 FROM chk_point p WHERE p.kind = 'site' AND p.xiaoqu = x.code))::int AS own,
            count(*) FILTER (WHERE d > 300)::int AS m300,
            count(*) FILTER (WHERE d > 500)::int AS m500
       FROM chk_area x CROSS JOIN LATERAL (
         SELECT min(ST_Distance(p.g::geography, ST_PointOnSurface(x.g)::geography)) AS d
           FROM chk_point p WHERE p.kind = 'site') AS n
      WHERE x.level = 'xiaoqu'`,
  );
  check(gaps.own > 0, `some 小区 have no 邻里之家 of their own (${gaps.own})`);
  check(
    gaps.m300 > gaps.m500 && gaps.m500 > 0,
    `the walks leave gaps: ${gaps.m300} 小区 beyond 300 m, ${gaps.m500} beyond 500 m`,
  );

  // Named places.
  const byName = (fc: FeatureCollection, name: string): Record<string, unknown> => {
    const f = fc.features.find((x) => x.properties?.name === name);
    if (!f?.properties) throw new Error(`check failed: ${name} missing`);
    return f.properties;
  };
  const torch = landmark(ref, PLACE.torchEighth);
  const sdu = landmark(ref, PLACE.sdu);
  const holder = async (lon: number, lat: number): Promise<string | undefined> =>
    (
      await rows<{ code: string }>(
        db,
        `SELECT code FROM chk_area WHERE level = 'shequ'
            AND ST_Intersects(g, ST_SetSRID(ST_MakePoint($1, $2), 4326))`,
        [lon, lat],
      )
    )[0]?.code;
  const guanhai = byName(shequ, NAMED.guanhai);
  const binzhou = byName(shequ, NAMED.binzhoujie);
  check((await holder(torch.lon, torch.lat)) === guanhai.code, '观海社区 holds 火炬八街');
  check((await holder(sdu.lon, sdu.lat)) === binzhou.code, '滨州街社区 holds 山大/滨州北街');
  check(byName(xiaoqu, NAMED.haiwan).parent_code === guanhai.code, '海湾国际小区 is in 观海社区');
  check(byName(xiaoqu, NAMED.haiwan).compound_type === 'coastal', '海湾国际小区 is coastal');
  check(byName(xiaoqu, NAMED.xiwenhua).parent_code === binzhou.code, '西文化小区 is in 滨州街社区');
  const yinxing = byName(pianqu, NAMED.yinxing);
  check(
    shequ.features.filter((f) => f.properties?.parent_code === yinxing.code).length === 4,
    '银杏片区 has exactly 4 社区',
  );
  const tiancun = byName(pianqu, NAMED.tiancun);
  const fushanShequ = byName(xiaoqu, NAMED.fushanlu).parent_code;
  check(
    shequ.features.some(
      (f) => f.properties?.code === fushanShequ && f.properties?.parent_code === tiancun.code,
    ) && tiancun.street === 'tianhe',
    '田村片区 (田和) holds 福山路小区',
  );
  for (const [level, fc] of [
    ['片区', pianqu],
    ['社区', shequ],
    ['小区', xiaoqu],
  ] as const) {
    const names = fc.features.map((f) => f.properties?.name);
    check(
      new Set(names).size === names.length &&
        fc.features.every((f) => (STREETS as readonly unknown[]).includes(f.properties?.street)),
      `${level} names are unique, and each has a 镇街`,
    );
  }
  check(
    xiaoqu.features.every((f) => {
      const p = f.properties!;
      const hh = p.households as number;
      const ratio = (p.population as number) / hh;
      return (
        (COMPOUND_TYPES as readonly unknown[]).includes(p.compound_type) &&
        hh >= 300 &&
        hh <= 2500 &&
        ratio >= 2.29 &&
        ratio <= 2.91
      );
    }),
    '小区 types, households 300-2500, population 2.3-2.9 per household',
  );

  const counts = verifyRecords(dir, xiaoqu, pianqu, check);

  return {
    counts,
    zoneVsPianquM2: zoneDiff.a,
    pianquVsShequMaxM2: pqDiff.a,
    pianquOverlapM2: pqOverlap,
    shequOverlapM2: sqOverlap,
    xiaoquOverlapM2: xqOverlap,
    xiaoquOutsideShequ: outside.n,
    sitesOutside: pointsOutside.sites,
    issuesOutside: pointsOutside.issues,
    multipartShequ: parts.sq,
    checks,
  };
}

/** The article's counts and the records' internal consistency, read back from the CSV files. */
function verifyRecords(
  dir: string,
  xiaoqu: FeatureCollection,
  pianqu: FeatureCollection,
  check: (ok: boolean, what: string) => void,
): Record<string, number> {
  const codes = new Set(xiaoqu.features.map((f) => String(f.properties?.code)));
  const coastal = new Set(
    xiaoqu.features
      .filter((f) => f.properties?.compound_type === 'coastal')
      .map((f) => String(f.properties?.code)),
  );
  const oneOf = (list: readonly string[], v: string | undefined): boolean =>
    v !== undefined && list.includes(v);

  const workers = readCsv(join(dir, 'workers.csv'));
  const perXiaoqu = new Map<string, number>();
  for (const w of workers) {
    perXiaoqu.set(w.xiaoqu_code!, (perXiaoqu.get(w.xiaoqu_code!) ?? 0) + Number(w.count));
  }
  const workerTotal = [...perXiaoqu.values()].reduce((a, b) => a + b, 0);
  check(workerTotal === 613, '613 社区工作者');
  check(
    [...codes].every((c) => (perXiaoqu.get(c) ?? 0) >= 2) &&
      workers.every((w) => oneOf(WORKER_ROLES, w.role)),
    'every 小区 has 2+ workers with known roles',
  );

  const staff = readCsv(join(dir, 'staff.csv'));
  check(staff.length >= 150, '150+ 下沉 staff');
  check(
    staff.every((s) => oneOf(DEPARTMENTS, s.department) && codes.has(s.xiaoqu_code!)),
    'staff have a department and a 小区',
  );

  const issues = readCsv(join(dir, 'issues.csv'));
  check(
    issues.every((i, k) => Number(i.id) === k + 1),
    'issue ids run 1..N',
  );
  check(
    issues.every(
      (i) =>
        oneOf(ISSUE_CATEGORIES, i.category) &&
        oneOf(ISSUE_STATUSES, i.status) &&
        oneOf(HANDLING_LEVELS, i.handling_level) &&
        codes.has(i.xiaoqu_code!),
    ),
    'issues use the vocabulary and known 小区',
  );
  const resolved = issues.filter((i) => i.status === 'resolved');
  const pianquResolved = resolved.filter((i) => i.handling_level === 'pianqu');
  const escalated = issues.filter((i) => i.status === 'escalated');
  const stamp = (s: string): number => Date.parse(s);
  check(resolved.length >= 4300, '4300+ issues resolved');
  check(pianquResolved.length >= 130, '130+ issues resolved by a 片区');
  check(
    escalated.every((i) => i.handling_level === 'pianqu'),
    'escalated issues wait at the 片区',
  );
  check(
    issues.every((i) =>
      i.status === 'resolved'
        ? stamp(i.resolved_at!) > stamp(i.reported_at!)
        : i.resolved_at === '',
    ),
    'resolved_at follows reported_at, and is empty while unresolved',
  );
  check(
    issues.every(
      (i) =>
        i.reported_at! >= `${FIRST_DAY}T00:00:00+08:00` &&
        i.reported_at! <= `${LAST_DAY}T23:59:59+08:00` &&
        (i.resolved_at === '' || i.resolved_at! <= `${LAST_DAY}T23:59:59+08:00`) &&
        /\+08:00$/.test(i.reported_at!),
    ),
    `issue times lie between ${FIRST_DAY} and ${LAST_DAY}, +08:00`,
  );
  const summer = (i: Record<string, string>): boolean =>
    ['07', '08'].includes(i.reported_at!.slice(5, 7));
  const seasonal = resolved.filter((i) => coastal.has(i.xiaoqu_code!) && summer(i)).length;
  const haiwanCode = xiaoqu.features.find((f) => f.properties?.name === NAMED.haiwan)?.properties
    ?.code;
  const haiwanSeasonal = resolved.filter((i) => i.xiaoqu_code === haiwanCode && summer(i)).length;
  check(haiwanSeasonal >= 80, '80+ seasonal problems solved in 海湾国际小区 in July-August');

  const activities = readCsv(join(dir, 'activities.csv'));
  const micro = activities.filter((a) => a.scope === 'xiaoqu');
  const pq = activities.filter((a) => a.scope === 'pianqu');
  const pianquCodes = new Set(pianqu.features.map((f) => String(f.properties?.code)));
  check(
    micro.length >= 850 && micro.every((a) => codes.has(a.area_code!)),
    '850+ 小区 micro activities',
  );
  check(pq.length >= 180 && pq.every((a) => pianquCodes.has(a.area_code!)), '180+ 片区 activities');
  check(
    activities.every(
      (a) => oneOf(ACTIVITY_KINDS, a.kind) && a.held_on! >= FIRST_DAY && a.held_on! <= LAST_DAY,
    ),
    'activities use the vocabulary and lie in the three years',
  );
  const yinxing = pianqu.features.find((f) => f.properties?.name === NAMED.yinxing)!;
  const courses = pq.filter(
    (a) => a.area_code === yinxing.properties?.code && a.kind === 'shared_course',
  );
  const courseAttendance = courses.reduce((s, a) => s + Number(a.attendance), 0);
  check(courses.length === 12, '银杏片区 holds exactly 12 shared courses');
  check(courseAttendance >= 400, '银杏片区 shared courses have 400+ attendances');

  const projects = readCsv(join(dir, 'projects.csv'));
  check(projects.length >= 280, '280+ 攻坚项目');
  check(
    projects.every((p) =>
      p.status === 'completed' ? p.completed_on! > p.claimed_on! : p.completed_on === '',
    ),
    'completed projects end after they were claimed',
  );

  const credits = readCsv(join(dir, 'credits.csv'));
  check(credits.length === codes.size * 36, 'credits for every 小区 and month');

  const cells = readJson(dir, 'tourism-cells.geojson');
  const cellIds = new Set(cells.features.map((f) => String(f.properties?.cell_id)));
  const pressure = readCsv(join(dir, 'tourism-pressure.csv'));
  const byMonth = new Array<number>(13).fill(0);
  for (const r of pressure) byMonth[Number(r.month)]! += Number(r.visitors);
  check(
    pressure.every((r) => cellIds.has(r.cell_id!)),
    'tourism pressure refers to known cells',
  );
  check(
    byMonth[8]! > byMonth[7]! &&
      byMonth[7]! > byMonth[6]! &&
      byMonth[10]! > byMonth[9]! &&
      byMonth[10]! > byMonth[11]! &&
      byMonth[1]! < byMonth[8]! / 10,
    'tourist pressure peaks in August, and in October over September and November',
  );

  return {
    workers: workerTotal,
    staff: staff.length,
    issues: issues.length,
    issuesResolved: resolved.length,
    issuesResolvedByPianqu: pianquResolved.length,
    issuesUnresolved: issues.length - resolved.length,
    issuesEscalated: escalated.length,
    seasonalCoastal: seasonal,
    seasonalHaiwan: haiwanSeasonal,
    activitiesMicro: micro.length,
    activitiesPianqu: pq.length,
    yinxingCourses: courses.length,
    yinxingCourseAttendance: courseAttendance,
    projects: projects.length,
    credits: credits.length,
    tourismCells: cellIds.size,
    tourismRows: pressure.length,
  };
}
