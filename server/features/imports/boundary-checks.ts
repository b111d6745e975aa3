/**
 * The checks of staged boundaries that need PostGIS and the areas already loaded: validity
 * with its reason, containment in the parent, overlaps and gaps between siblings, the
 * coordinate system's fit. The statements stay here, not in a `.sql` file: each is assembled
 * from the level, the tolerance and the overlay grid of the import, values the code checked
 * (never the file's text), and from the shared sibling set.
 */
import type { AreaLevel, CoordinateSystem } from '../../contract/index.ts';
import { COORDINATE_SYSTEMS } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { PARENT_LEVEL, clone, type Staged } from './boundaries.ts';
import { listChecked, reportCrsFit } from './checks.ts';
import { convertCoordinates } from './coords.ts';
import type { Report } from './report.ts';

const LEVEL_ZH: Record<AreaLevel, string> = {
  chengqu: '城区',
  pianqu: '片区',
  shequ: '社区',
  xiaoqu: '小区',
};

/** Share of a 小区 (or any child) allowed outside its parent before it is an error. */
const OUTSIDE_SHARE = 0.01;
/**
 * Overlay operations run on a 1e-9° (0.1 mm) grid (GEOS OverlayNG): robust where the floating
 * overlay throws a topology error on nearly coincident edges, which shared boundaries are
 * full of. PGlite's PostGIS returns no rows instead of raising that error, so this matters twice.
 */
const GRID = '1e-9';
/** Features tested for the coordinate system's fit. */
const FIT_SAMPLE = 300;

const at = (r: Record<string, unknown>): [number, number] | null =>
  r.lon === null || r.lon === undefined ? null : [r.lon as number, r.lat as number];
const m2 = (v: unknown) => Math.round(v as number);

export interface AreaCheckOptions {
  level: AreaLevel;
  repair: boolean;
  toleranceM2: number;
  replace: boolean;
}

/** The checks that need PostGIS and the areas already loaded. */
export async function checkAreas(tx: Tx, o: AreaCheckOptions, report: Report): Promise<void> {
  const parentLevel = PARENT_LEVEL[o.level];
  await listChecked(
    tx,
    report,
    'duplicate',
    'error',
    `
    WITH firsts AS (SELECT code, min(row) AS first FROM import_area_stage GROUP BY code HAVING count(*) > 1)
    UPDATE import_area_stage s SET bad = true FROM firsts f WHERE s.code = f.code AND s.row > f.first
    RETURNING s.row, s.code, f.first`,
    (r) => ({
      message: `code ${r.code} is already on row ${r.first}`,
      field: 'code',
      code: r.code as string,
      params: { first: r.first as number },
    }),
  );
  await listChecked(
    tx,
    report,
    'value_invalid',
    'error',
    `
    UPDATE import_area_stage s SET bad = true FROM area a
    WHERE a.code = s.code AND a.level <> '${o.level}'
    RETURNING s.row, s.code, a.level`,
    (r) => ({
      message: `code ${r.code} is already a ${r.level} in the database; a code keeps its level`,
      field: 'code',
      code: r.code as string,
      params: { level: r.level as string },
    }),
  );
  if (parentLevel) {
    await listChecked(
      tx,
      report,
      'parent_unknown',
      'error',
      `
      UPDATE import_area_stage s SET bad = true
      WHERE NOT EXISTS (SELECT 1 FROM area p WHERE p.code = s.parent_code AND p.level = '${parentLevel}')
      RETURNING s.row, s.code, s.parent_code, (SELECT level FROM area p WHERE p.code = s.parent_code) AS actual`,
      (r) => ({
        message: r.actual
          ? `parent_code ${r.parent_code} is a ${r.actual}, not a ${parentLevel} (${LEVEL_ZH[parentLevel]})`
          : `parent_code ${r.parent_code} is not a ${parentLevel} (${LEVEL_ZH[parentLevel]}) in the database: import that level first`,
        field: 'parent_code',
        code: r.code as string,
        params: { parent: r.parent_code as string, level: (r.actual as string) ?? null },
      }),
    );
  }

  // Validity, with PostGIS's reason and where; repaired with ST_MakeValid when asked.
  await tx.query('UPDATE import_area_stage SET valid = ST_IsValid(geom)');
  if (o.repair) {
    await listChecked(
      tx,
      report,
      'geometry_repaired',
      'warning',
      `
      WITH fixed AS (
        SELECT row, ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) AS g, geom AS before,
               (ST_IsValidDetail(geom)).reason AS reason, (ST_IsValidDetail(geom)).location AS loc
        FROM import_area_stage WHERE NOT valid)
      UPDATE import_area_stage s SET geom = f.g, valid = ST_IsValid(f.g) AND NOT ST_IsEmpty(f.g)
      FROM fixed f WHERE f.row = s.row
      RETURNING s.row, s.code, f.reason, ST_X(f.loc) AS lon, ST_Y(f.loc) AS lat,
        ST_Area(f.before::geography) AS before_m2, ST_Area(f.g::geography) AS after_m2`,
      (r) => ({
        message: `repaired (${r.reason}): area ${m2(r.before_m2)} m² → ${m2(r.after_m2)} m²`,
        code: r.code as string,
        location: at(r),
        params: { reason: r.reason as string, beforeM2: m2(r.before_m2), afterM2: m2(r.after_m2) },
      }),
    );
  }
  await listChecked(
    tx,
    report,
    'geometry_invalid',
    'error',
    `
    SELECT row, code, (ST_IsValidDetail(geom)).reason AS reason,
           ST_X((ST_IsValidDetail(geom)).location) AS lon, ST_Y((ST_IsValidDetail(geom)).location) AS lat
    FROM import_area_stage WHERE NOT valid`,
    (r) => ({
      message: `the geometry is invalid: ${r.reason ?? 'empty after repair'}${o.repair ? '' : ' (import with repair on to fix it with ST_MakeValid)'}`,
      code: r.code as string,
      location: at(r),
      params: { reason: (r.reason as string) ?? 'empty' },
    }),
  );
  await tx.query('UPDATE import_area_stage SET geom = ST_Multi(geom) WHERE valid');

  if (parentLevel) {
    await listChecked(
      tx,
      report,
      'not_inside_parent',
      'error',
      `
      SELECT s.row, s.code, s.parent_code, d.outside_m2, d.outside_m2 / nullif(ST_Area(s.geom::geography), 0) AS share,
             ST_X(d.p) AS lon, ST_Y(d.p) AS lat
      FROM import_area_stage s
      JOIN area p ON p.code = s.parent_code AND p.level = '${parentLevel}'
      CROSS JOIN LATERAL (SELECT ST_Difference(s.geom, p.geom, ${GRID}) AS g) AS diff
      CROSS JOIN LATERAL (SELECT ST_Area(diff.g::geography) AS outside_m2, ST_PointOnSurface(diff.g) AS p) AS d
      WHERE s.valid AND NOT ST_Within(s.geom, p.geom)
        AND d.outside_m2 > ${Number(o.toleranceM2)}
        AND d.outside_m2 > ${OUTSIDE_SHARE} * ST_Area(s.geom::geography)`,
      (r) => ({
        message: `${r.code} is not inside its parent ${r.parent_code}: ${m2(r.outside_m2)} m² (${Math.round((r.share as number) * 1000) / 10}%) lies outside`,
        code: r.code as string,
        location: at(r),
        params: {
          parent: r.parent_code as string,
          areaM2: m2(r.outside_m2),
          share: Math.round((r.share as number) * 1000) / 1000,
        },
      }),
    );
  }

  // Overlaps with siblings: other rows of the file, and areas already loaded that stay.
  const siblings = `
    SELECT code, parent_code, geom, row FROM import_area_stage WHERE valid
    UNION ALL
    SELECT a.code, a.parent_code, a.geom, NULL FROM area a
    WHERE a.level = '${o.level}' AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code)
      ${o.replace ? 'AND false' : ''}`;
  await listChecked(
    tx,
    report,
    'overlap',
    'error',
    `
    SELECT s.row, s.code, o.code AS other, i.m2, ST_X(i.p) AS lon, ST_Y(i.p) AS lat
    FROM import_area_stage s
    JOIN (${siblings}) AS o
      ON o.code <> s.code AND (o.row IS NULL OR o.row > s.row)
      AND o.parent_code IS NOT DISTINCT FROM s.parent_code AND ST_Intersects(o.geom, s.geom)
    CROSS JOIN LATERAL (SELECT ST_Intersection(s.geom, o.geom, ${GRID}) AS g) AS x
    CROSS JOIN LATERAL (SELECT ST_Area(x.g::geography) AS m2, ST_PointOnSurface(x.g) AS p) AS i
    WHERE s.valid AND i.m2 > ${Number(o.toleranceM2)}`,
    (r) => ({
      message: `${r.code} and ${r.other} overlap by ${m2(r.m2)} m²`,
      code: r.code as string,
      location: at(r),
      params: { other: r.other as string, areaM2: m2(r.m2) },
    }),
  );

  // 片区 tile their 城区 and 社区 their 片区 (小区 do not tile a 社区): report the gaps.
  if (o.level === 'pianqu' || o.level === 'shequ') {
    await listChecked(
      tx,
      report,
      'gap',
      'error',
      `
      WITH parents AS (SELECT parent_code, min(row) AS row FROM import_area_stage WHERE valid GROUP BY parent_code),
      -- Grouped by code alone: PGlite's PostGIS returns no rows when grouping by a geometry.
      covered AS (
        SELECT c.parent_code AS parent, ST_Union(c.geom, ${GRID}) AS children
        FROM (${siblings}) AS c WHERE c.parent_code IN (SELECT parent_code FROM parents)
        GROUP BY c.parent_code),
      holes AS (
        SELECT cv.parent, parents.row, (ST_Dump(ST_Difference(p.geom, cv.children, ${GRID}))).geom AS g
        FROM covered cv JOIN area p ON p.code = cv.parent JOIN parents ON parents.parent_code = cv.parent)
      SELECT row, parent, ST_Area(g::geography) AS m2, ST_X(ST_PointOnSurface(g)) AS lon, ST_Y(ST_PointOnSurface(g)) AS lat
      FROM holes WHERE ST_Area(g::geography) > ${Number(o.toleranceM2)}`,
      (r) => ({
        message: `a gap of ${m2(r.m2)} m² inside ${r.parent} is covered by none of its ${o.level === 'pianqu' ? '片区' : '社区'}`,
        code: r.parent as string,
        location: at(r),
        params: { parent: r.parent as string, areaM2: m2(r.m2) },
      }),
    );
  }

  if (o.replace) {
    await listChecked(
      tx,
      report,
      'replace_in_use',
      'error',
      `
      SELECT min(s.row) AS row, a.code, count(c.code)::int AS children
      FROM area a
      JOIN area c ON c.parent_code = a.code
      CROSS JOIN (SELECT min(row) AS row FROM import_area_stage) AS s
      WHERE a.level = '${o.level}' AND NOT EXISTS (SELECT 1 FROM import_area_stage t WHERE t.code = a.code)
      GROUP BY a.code`,
      (r) => ({
        message: `replacing would delete ${r.code}, which still has ${r.children} areas under it: move or delete them first`,
        code: r.code as string,
        params: { children: r.children as number },
      }),
    );
  }
}

/**
 * Whether the declared coordinate system fits: the share of the features' area inside their
 * existing boundary (same code) or their parent, read in each system.
 */
export async function checkAreaCrs(
  tx: Tx,
  staged: Staged[],
  level: AreaLevel,
  declared: CoordinateSystem,
): Promise<{ crs: CoordinateSystem; share: number }[] | null> {
  const parentLevel = PARENT_LEVEL[level];
  const [refs] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM area WHERE code = ANY($1::text[]) AND level = ANY($2::text[])`,
    [
      staged.map((s) => s.parent_code ?? s.code).concat(staged.map((s) => s.code)),
      [level, parentLevel ?? level],
    ],
  );
  if (!refs || refs.n === 0) return null;
  const sample = staged.slice(0, FIT_SAMPLE);
  const candidates = [
    ...new Set<CoordinateSystem>([
      declared === 'cgcs2000' ? 'wgs84' : declared,
      ...COORDINATE_SYSTEMS.filter((c) => c !== 'cgcs2000'),
    ]),
  ];
  const crs: string[] = [];
  const code: string[] = [];
  const parent: (string | null)[] = [];
  const geo: string[] = [];
  for (const c of candidates) {
    for (const s of sample) {
      const g = clone(s.raw);
      convertCoordinates(
        g.type === 'Polygon' || g.type === 'MultiPolygon'
          ? (g.coordinates as never)
          : ([] as never),
        c,
      );
      crs.push(c);
      code.push(s.code);
      parent.push(s.parent_code);
      geo.push(JSON.stringify(g));
    }
  }
  return tx
    .query<{ crs: CoordinateSystem; share: number }>(
      `WITH c AS (
       SELECT u.crs, ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4326) AS g,
              coalesce((SELECT a.geom FROM area a WHERE a.code = u.code AND a.level = $5),
                       (SELECT p.geom FROM area p WHERE p.code = u.parent AND p.level = $6)) AS ref
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(crs, code, parent, g))
     SELECT crs, (sum(CASE WHEN ST_IsValid(g) THEN ST_Area(ST_Intersection(g, ref, ${GRID})) ELSE 0 END)
                  / nullif(sum(CASE WHEN ST_IsValid(g) THEN ST_Area(g) ELSE 0 END), 0))::float8 AS share
     FROM c WHERE ref IS NOT NULL GROUP BY crs`,
      [crs, code, parent, geo, level, parentLevel ?? level],
    )
    .then((rows) => rows.map((r) => ({ crs: r.crs, share: r.share ?? 0 })));
}

export async function reportAreaCrs(
  tx: Tx,
  staged: Staged[],
  level: AreaLevel,
  declared: CoordinateSystem,
  report: Report,
): Promise<void> {
  const shares = await checkAreaCrs(tx, staged, level, declared);
  if (shares)
    reportCrsFit(
      report,
      shares,
      declared,
      'their area lies inside their existing boundary or parent',
    );
}
