/**
 * The set-based checks of staged records, against the areas loaded: duplicates, codes that
 * are not areas, points outside the zone or in no 小区. The key and table names spliced into
 * them are the code's constants (`record-tables.ts`), never the file's.
 */
import type { Tx } from '../../db/db.ts';
import { listChecked } from './checks.ts';
import { RECORD_TABLES, type RecordKind } from './record-tables.ts';
import type { Report } from './report.ts';

/** The set-based checks: duplicates, codes that are not areas, points outside the zone or any 小区. */
export async function checkStaged(tx: Tx, kind: RecordKind, report: Report): Promise<void> {
  const t = RECORD_TABLES[kind];
  await tx.query('CREATE INDEX ON import_stage (' + t.key + ')');
  await tx.query('ANALYZE import_stage');

  await listChecked(
    tx,
    report,
    'duplicate',
    'error',
    `
    WITH firsts AS (SELECT ${t.key} AS key, min(row) AS first FROM import_stage GROUP BY ${t.key} HAVING count(*) > 1)
    UPDATE import_stage s SET bad = true FROM firsts f
    WHERE s.${t.key} = f.key AND s.row > f.first
    RETURNING s.row, s.${t.key}::text AS code, f.first`,
    (r) => ({
      message: `${t.key} ${r.code} is already on row ${r.first}`,
      field: t.key,
      code: r.code as string,
      params: { first: r.first as number },
    }),
  );

  if (kind === 'activities') {
    await listChecked(
      tx,
      report,
      'area_unknown',
      'error',
      `
      UPDATE import_stage s SET bad = true
      WHERE NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.area_code AND a.level = s.scope)
      RETURNING s.row, s.code, s.area_code, s.scope,
        (SELECT level FROM area a WHERE a.code = s.area_code) AS actual`,
      (r) => ({
        message: r.actual
          ? `area_code ${r.area_code} is a ${r.actual}, but the scope is ${r.scope}`
          : `area_code ${r.area_code} is not an area in the database`,
        field: 'area_code',
        code: r.code as string,
        params: { area: r.area_code as string, level: (r.actual as string) ?? null },
      }),
    );
    return;
  }

  await listChecked(
    tx,
    report,
    'area_unknown',
    'error',
    `
    UPDATE import_stage s SET bad = true
    WHERE s.xiaoqu_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.xiaoqu_code AND a.level = 'xiaoqu')
    RETURNING s.row, s.${t.key}::text AS code, s.xiaoqu_code`,
    (r) => ({
      message: `xiaoqu_code ${r.xiaoqu_code} is not a 小区 in the database`,
      field: 'xiaoqu_code',
      code: r.code as string,
      params: { area: r.xiaoqu_code as string },
    }),
  );
  if (!t.hasPoint) return;

  const [zone] = await tx.query<{ zones: number; land: number }>(
    `SELECT (SELECT count(*) FROM area WHERE level = 'chengqu')::int AS zones,
            (SELECT count(*) FROM basemap_feature WHERE layer = 'land')::int AS land`,
  );
  if (zone!.zones === 0) {
    report.error(
      'outside_zone',
      'no zone (城区) boundary is in the database: import the boundaries first',
    );
    return;
  }
  const land = zone!.land > 0;
  // The zone cut into small pieces with their own index: a million point-in-polygon tests
  // against pieces of at most 64 vertices instead of the whole outline (20 s → a few at 1M).
  await tx.query(
    `CREATE TEMP TABLE import_zone ON COMMIT DROP AS
     SELECT ST_Subdivide(geom, 64) AS geom FROM area WHERE level = 'chengqu'`,
  );
  await tx.query('CREATE INDEX ON import_zone USING gist (geom)');
  await listChecked(
    tx,
    report,
    'outside_zone',
    'error',
    `
    UPDATE import_stage s SET bad = true
    WHERE NOT EXISTS (SELECT 1 FROM import_zone z WHERE ST_Intersects(z.geom, s.geom))
    RETURNING s.row, s.${t.key}::text AS code, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
      ${land ? "NOT EXISTS (SELECT 1 FROM basemap_feature b WHERE b.layer = 'land' AND ST_Intersects(b.geom, s.geom))" : 'false'} AS in_sea`,
    (r) => ({
      message: `the point ${fmt(r.lon)}, ${fmt(r.lat)} is outside the zone${r.in_sea ? ', in the sea' : ''}`,
      code: r.code as string,
      location: [r.lon as number, r.lat as number],
      params: { inSea: r.in_sea ? 1 : 0 },
    }),
  );

  // Records without a 小区 code go to the 小区 their point is in, else the nearest within 100 m.
  await tx.query(`
    UPDATE import_stage s SET xiaoqu_code = (
      SELECT x.code FROM area x WHERE x.level = 'xiaoqu' AND ST_Intersects(x.geom, s.geom) ORDER BY x.code LIMIT 1)
    WHERE s.xiaoqu_code IS NULL AND NOT s.bad`);
  await tx.query(`
    UPDATE import_stage s SET near_m = n.d, xiaoqu_code = CASE WHEN n.d <= 100 THEN n.code END
    FROM (
      SELECT s2.row, x.code, ST_Distance(x.geom::geography, s2.geom::geography) AS d
      FROM import_stage s2
      CROSS JOIN LATERAL (
        SELECT code, geom FROM area WHERE level = 'xiaoqu' ORDER BY geom <-> s2.geom LIMIT 1) AS x
      WHERE s2.xiaoqu_code IS NULL AND NOT s2.bad
    ) AS n
    WHERE n.row = s.row`);
  await listChecked(
    tx,
    report,
    'nearest_xiaoqu',
    'warning',
    `
    SELECT s.row, s.${t.key}::text AS code, s.xiaoqu_code, s.near_m, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat
    FROM import_stage s WHERE s.xiaoqu_code IS NOT NULL AND s.near_m IS NOT NULL`,
    (r) => ({
      message: `the point is in no 小区; it goes to the nearest, ${r.xiaoqu_code}, ${Math.round(r.near_m as number)} m away`,
      code: r.code as string,
      location: [r.lon as number, r.lat as number],
      params: { area: r.xiaoqu_code as string, metres: Math.round(r.near_m as number) },
    }),
  );
  await listChecked(
    tx,
    report,
    'outside_xiaoqu',
    'error',
    `
    UPDATE import_stage s SET bad = true
    WHERE s.xiaoqu_code IS NULL AND NOT s.bad
    RETURNING s.row, s.${t.key}::text AS code, s.near_m, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat`,
    (r) => ({
      message: `the point ${fmt(r.lon)}, ${fmt(r.lat)} is in no 小区 (the nearest is ${r.near_m === null ? '?' : Math.round(r.near_m as number)} m away): give its xiaoqu_code`,
      field: 'xiaoqu_code',
      code: r.code as string,
      location: [r.lon as number, r.lat as number],
      params: { metres: r.near_m === null ? null : Math.round(r.near_m as number) },
    }),
  );
}

const fmt = (v: unknown) => (v as number).toFixed(6);
