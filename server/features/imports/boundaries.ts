/**
 * Boundaries of one level (城区, 片区, 社区 or 小区): features read from the file, checked one
 * by one (fields, geometry shape), staged, checked together in PostGIS (validity with its
 * reason, containment in the parent, overlaps and gaps between siblings, the coordinate
 * system's fit), then merged into `area`.
 */
import type { Geometry, Position } from 'geojson';
import type { AreaLevel, ColumnMapping, CoordinateSystem } from '../../contract/index.ts';
import { COORDINATE_SYSTEMS } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import type { RawFeature } from './boundary-files.ts';
import { listChecked, reportCrsFit } from './checks.ts';
import { convertCoordinates, isLonLat } from './coords.ts';
import type { FieldSpec } from './fields.ts';
import type { Report } from './report.ts';
import { parseCell } from './values.ts';

export const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  chengqu: null,
  pianqu: 'chengqu',
  shequ: 'pianqu',
  xiaoqu: 'shequ',
};
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

interface Staged {
  row: number;
  code: string;
  name: string;
  parent_code: string | null;
  street: string | null;
  street_name: string | null;
  compound_type: string | null;
  households: number | null;
  population: number | null;
  built_year: number | null;
  geojson: string;
  /** The geometry as the file gave it, for the coordinate-system fit. */
  raw: Geometry;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Rings of a polygon geometry, or the reason it is not one the import can stage. */
function ringProblem(g: Geometry, repair: boolean): string | null {
  const polygons: Position[][][] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  if (polygons.length === 0) return 'has no polygons';
  for (const rings of polygons) {
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 3) return 'has a ring with fewer than 3 points';
      for (const p of ring)
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          return 'has a coordinate that is not a number';
      const [a, z] = [ring[0]!, ring[ring.length - 1]!];
      if (a[0] !== z[0] || a[1] !== z[1]) {
        if (!repair) return 'has a ring that is not closed (its last point is not its first)';
        ring.push([a[0]!, a[1]!]);
      }
      if (ring.length < 4) return 'has a ring with fewer than 3 distinct points';
    }
  }
  return null;
}

function firstPosition(g: Geometry): Position | null {
  if (g.type === 'Polygon') return g.coordinates[0]?.[0] ?? null;
  if (g.type === 'MultiPolygon') return g.coordinates[0]?.[0]?.[0] ?? null;
  return null;
}

/** Per-feature checks; returns the features that can be staged. */
export function readFeatures(
  features: RawFeature[],
  specs: FieldSpec[],
  mapping: ColumnMapping,
  level: AreaLevel,
  crs: CoordinateSystem,
  srid: number | null,
  repair: boolean,
  report: Report,
): Staged[] {
  const out: Staged[] = [];
  for (const f of features) {
    const row = f.row;
    let failed = false;
    const v: Record<string, unknown> = {};
    for (const spec of specs) {
      if (spec.field === 'wkt') continue;
      const column = mapping[spec.field];
      const raw = column === undefined ? undefined : f.properties[column];
      const text =
        raw === undefined || raw === null
          ? ''
          : typeof raw === 'number' && !Number.isFinite(raw)
            ? ''
            : String(raw);
      const parsed = parseCell(spec, text, row);
      if (!parsed.ok) {
        failed = true;
        report.error('value_invalid', `${spec.field}: ${parsed.reason}`, {
          row,
          field: spec.field,
          params: { value: text },
        });
        continue;
      }
      if (spec.type === 'code' && typeof raw === 'number' && parsed.value !== null) {
        report.warn(
          'value_invalid',
          `${spec.field} ${text} comes from a number field: leading zeros may have been lost (store codes as text)`,
          { row, field: spec.field, code: text },
        );
      }
      const required = spec.required || (spec.field === 'parent_code' && level !== 'chengqu');
      if (parsed.value === null && required) {
        failed = true;
        report.error(
          spec.field === 'parent_code' ? 'parent_missing' : 'value_missing',
          `${spec.field} is empty`,
          { row, field: spec.field, code: (v.code as string) ?? null },
        );
        continue;
      }
      v[spec.field] = parsed.value;
    }
    const code = (v.code as string | undefined) ?? null;
    if (level === 'chengqu' && v.parent_code) {
      failed = true;
      report.error(
        'parent_unknown',
        `a 城区 has no parent, but parent_code is ${String(v.parent_code)}`,
        { row, code, field: 'parent_code' },
      );
    }
    const g = f.geometry;
    if (!g) {
      failed = true;
      report.error(
        f.geometryError ? 'geometry_invalid' : 'geometry_missing',
        f.geometryError ? `the WKT cannot be read: ${f.geometryError}` : 'has no geometry',
        { row, code, field: 'wkt', params: f.geometryError ? { reason: f.geometryError } : {} },
      );
      continue;
    }
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      failed = true;
      report.error(
        'geometry_type',
        `the geometry is a ${g.type}; a boundary is a Polygon or MultiPolygon`,
        { row, code, params: { type: g.type } },
      );
      continue;
    }
    const shape = ringProblem(g, repair);
    if (shape) {
      failed = true;
      report.error('geometry_invalid', `the geometry ${shape}`, {
        row,
        code,
        params: { reason: shape },
      });
      continue;
    }
    const p = firstPosition(g);
    if (srid === null && p && !isLonLat([p[0]!, p[1]!])) {
      failed = true;
      report.error(
        'geometry_invalid',
        `the coordinates (${p[0]}, ${p[1]}) are not longitude/latitude: the file needs a .prj (or GeoJSON crs) naming its projection, or export it in degrees`,
        { row, code, params: { reason: 'projected' } },
      );
      continue;
    }
    if (failed) continue;
    const raw = clone(g);
    if (srid === null) convertCoordinates(g.coordinates as never, crs);
    out.push({
      row,
      code: code!,
      name: v.name as string,
      parent_code: (v.parent_code as string | null) ?? null,
      street: (v.street as string | null) ?? null,
      street_name: (v.street_name as string | null) ?? null,
      compound_type: level === 'xiaoqu' ? ((v.compound_type as string | null) ?? null) : null,
      households: (v.households as number | null) ?? null,
      population: (v.population as number | null) ?? null,
      built_year: (v.built_year as number | null) ?? null,
      geojson: JSON.stringify(g),
      raw,
    });
  }
  return out;
}

export async function stageAreas(tx: Tx, staged: Staged[], srid: number | null): Promise<void> {
  await tx.query(`
    CREATE TEMP TABLE import_area_stage (
      row int NOT NULL, code text NOT NULL, name text NOT NULL, parent_code text, street text, street_name text,
      compound_type text, households int, population int, built_year int,
      geom geometry NOT NULL, valid boolean NOT NULL DEFAULT true, bad boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
  const col = <K extends keyof Staged>(k: K) => staged.map((s) => s[k]);
  const geom =
    srid === null
      ? 'ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4326)'
      : `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(u.g), ${Number(srid)}), 4326)`;
  await tx.query(
    `INSERT INTO import_area_stage (row, code, name, parent_code, street, street_name, compound_type, households, population, built_year, geom)
     SELECT u.row, u.code, u.name, u.parent_code, u.street, u.street_name, u.compound_type, u.households, u.population, u.built_year, ${geom}
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $11::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[])
       AS u(row, code, name, parent_code, street, street_name, compound_type, households, population, built_year, g)`,
    [
      col('row'),
      col('code'),
      col('name'),
      col('parent_code'),
      col('street'),
      col('compound_type'),
      col('households'),
      col('population'),
      col('built_year'),
      col('geojson'),
      col('street_name'),
    ],
  );
  await tx.query('CREATE INDEX ON import_area_stage USING gist (geom)');
  await tx.query('ANALYZE import_area_stage');
}

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

/** Writes the staged areas; keeps the rows they replace for a restore. */
/**
 * The 镇街 the staged areas name become rows of `street`: a value is an existing street's code
 * or name, or a new street (its code the value when it is code-shaped, else derived from the
 * name; `street_name` names it). The staged rows then carry the code.
 */
async function mergeStreets(tx: Tx): Promise<void> {
  await tx.query(`
    UPDATE import_area_stage s SET street = st.code
    FROM street st WHERE s.street = st.name AND NOT EXISTS (SELECT 1 FROM street c WHERE c.code = s.street)`);
  await tx.query(`
    UPDATE import_area_stage SET street_name = coalesce(street_name, street),
      street = 'st_' || substr(md5(street), 1, 10)
    WHERE street IS NOT NULL AND street !~ '^[A-Za-z0-9_-]{1,32}$'`);
  await tx.query(`
    INSERT INTO street (code, name)
    SELECT DISTINCT ON (street) street, coalesce(street_name, street)
    FROM import_area_stage WHERE street IS NOT NULL
    ORDER BY street, street_name NULLS LAST
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
      WHERE EXCLUDED.name <> EXCLUDED.code`);
}

export async function mergeAreas(tx: Tx, level: AreaLevel, importId: number, replace: boolean) {
  await tx.query(
    `INSERT INTO import_prev_area SELECT $1, a.* FROM area a JOIN import_area_stage s ON s.code = a.code`,
    [importId],
  );
  await tx.query(
    `INSERT INTO import_key (import_id, key, inserted)
     SELECT $1, s.code, NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.code) FROM import_area_stage s`,
    [importId],
  );
  let deleted = 0;
  if (replace) {
    await tx.query(
      `INSERT INTO import_prev_area SELECT $1, a.* FROM area a
       WHERE a.level = $2 AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code)`,
      [importId, level],
    );
    const [gone] = await tx.query<{ n: number }>(
      `WITH d AS (DELETE FROM area a WHERE a.level = $1
         AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [level],
    );
    deleted = gone!.n;
  }
  await mergeStreets(tx);
  await tx.query(
    `INSERT INTO area (code, level, parent_code, name, street, compound_type, households, population,
                       built_year, has_party_branch, geom, label_point)
     SELECT s.code, $1, s.parent_code, s.name, s.street, s.compound_type, s.households, s.population,
            s.built_year, false, s.geom, ST_PointOnSurface(s.geom)
     FROM import_area_stage s
     ON CONFLICT (code) DO UPDATE SET
       parent_code = EXCLUDED.parent_code, name = EXCLUDED.name, geom = EXCLUDED.geom,
       label_point = EXCLUDED.label_point,
       street = coalesce(EXCLUDED.street, area.street),
       compound_type = coalesce(EXCLUDED.compound_type, area.compound_type),
       households = coalesce(EXCLUDED.households, area.households),
       population = coalesce(EXCLUDED.population, area.population),
       built_year = coalesce(EXCLUDED.built_year, area.built_year)`,
    [level],
  );
  const [counts] = await tx.query<{ inserted: number; updated: number }>(
    `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM import_key WHERE import_id = $1`,
    [importId],
  );
  return { ...counts!, deleted };
}
