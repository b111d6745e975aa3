/**
 * Records (issues, 邻里之家 sites, staff, activities) from a CSV: each row parsed and checked
 * in the server, staged in a temporary table in batches, checked against the areas in SQL
 * (codes, the zone, which 小区 a point is in), then merged into its table.
 */
import type { ColumnMapping, CoordinateSystem, ImportKind } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { parseDuty } from '../staff/duty.ts';
import { isLonLat, toWgs84, type LonLat } from './coords.ts';
import type { FieldSpec } from './fields.ts';
import type { Report } from './report.ts';
import type { CsvRow } from './record-stream.ts';
import { parseCell } from './values.ts';
import { listChecked } from './checks.ts';

export type RecordKind = Exclude<ImportKind, 'boundaries'>;

interface StageColumn {
  name: string;
  cast: string;
}

export interface RecordTable {
  table: 'issue' | 'site' | 'staff' | 'activity';
  key: string;
  keyCast: 'int' | 'text';
  /** Staged columns after `row`, in order; `lon`/`lat` become `geom`. */
  stage: StageColumn[];
  hasPoint: boolean;
  /** The table's columns and the staged expressions that fill them. */
  columns: [string, string][];
}

const c = (name: string, cast: string): StageColumn => ({ name, cast });
const POINT: [string, string] = ['geom', 's.geom'];

export const RECORD_TABLES: Record<RecordKind, RecordTable> = {
  issues: {
    table: 'issue',
    key: 'id',
    keyCast: 'int',
    stage: [
      c('id', 'int'),
      c('category', 'text'),
      c('status', 'text'),
      c('handling_level', 'text'),
      c('reported_at', 'timestamptz'),
      c('resolved_at', 'timestamptz'),
      c('xiaoqu_code', 'text'),
      c('lon', 'float8'),
      c('lat', 'float8'),
    ],
    hasPoint: true,
    columns: [
      ['id', 's.id'],
      ['category', 's.category'],
      ['status', 's.status'],
      ['handling_level', 's.handling_level'],
      ['reported_at', 's.reported_at'],
      ['resolved_at', 's.resolved_at'],
      ['xiaoqu_code', 's.xiaoqu_code'],
      POINT,
    ],
  },
  sites: {
    table: 'site',
    key: 'code',
    keyCast: 'text',
    stage: [
      c('code', 'text'),
      c('name', 'text'),
      c('xiaoqu_code', 'text'),
      c('room_kind', 'text'),
      c('services', 'text'),
      c('opening_hours', 'text'),
      c('floor_area_m2', 'int'),
      c('lon', 'float8'),
      c('lat', 'float8'),
    ],
    hasPoint: true,
    columns: [
      ['code', 's.code'],
      ['name', 's.name'],
      ['xiaoqu_code', 's.xiaoqu_code'],
      ['room_kind', 's.room_kind'],
      ['services', 'ARRAY(SELECT json_array_elements_text(s.services::json))'],
      ['opening_hours', 's.opening_hours'],
      ['floor_area_m2', 's.floor_area_m2'],
      POINT,
    ],
  },
  staff: {
    table: 'staff',
    key: 'code',
    keyCast: 'text',
    stage: [
      c('code', 'text'),
      c('department', 'text'),
      c('xiaoqu_code', 'text'),
      c('duty_schedule', 'text'),
      c('duty_days', 'text'),
      c('duty_start', 'int'),
      c('duty_end', 'int'),
      c('peak_only', 'bool'),
    ],
    hasPoint: false,
    columns: [
      ['code', 's.code'],
      ['department', 's.department'],
      ['xiaoqu_code', 's.xiaoqu_code'],
      ['duty_schedule', 's.duty_schedule'],
      ['duty_days', 'ARRAY(SELECT json_array_elements_text(s.duty_days::json)::smallint)'],
      ['duty_start', 's.duty_start'],
      ['duty_end', 's.duty_end'],
      ['peak_only', 's.peak_only'],
    ],
  },
  activities: {
    table: 'activity',
    key: 'code',
    keyCast: 'text',
    stage: [
      c('code', 'text'),
      c('scope', 'text'),
      c('area_code', 'text'),
      c('kind', 'text'),
      c('title', 'text'),
      c('held_on', 'date'),
      c('attendance', 'int'),
    ],
    hasPoint: false,
    columns: [
      ['code', 's.code'],
      ['scope', 's.scope'],
      ['area_code', 's.area_code'],
      ['kind', 's.kind'],
      ['title', 's.title'],
      ['held_on', 's.held_on'],
      ['attendance', 's.attendance'],
    ],
  },
};

/** Rows staged per statement. */
const BATCH = 5000;
/** Raw points kept to test the declared coordinate system against the others. */
export const CRS_SAMPLE = 2000;

export async function createStage(tx: Tx, t: RecordTable): Promise<void> {
  const cols = t.stage.map((s) => `${s.name} ${s.cast}`).join(', ');
  await tx.query(
    `CREATE TEMP TABLE import_stage (row int NOT NULL, ${cols}, geom geometry(Point, 4326),
       near_m float8, bad boolean NOT NULL DEFAULT false) ON COMMIT DROP`,
  );
}

/** Values of one row, by staged column; null when the row has an error (reported). */
function stageValues(
  kind: RecordKind,
  specs: FieldSpec[],
  index: Map<string, number>,
  columnsInFile: number,
  { row, cells }: CsvRow,
  crs: CoordinateSystem,
  report: Report,
  sample: LonLat[],
): Record<string, unknown> | null {
  let failed = false;
  const fail = (...a: Parameters<Report['error']>) => {
    failed = true;
    report.error(...a);
  };
  if (cells.length !== columnsInFile) {
    fail(
      'row_columns',
      `has ${cells.length} cells, the header has ${columnsInFile}${cells.length < columnsInFile ? ': the row (or the file) may be cut off' : ''}`,
      { row, params: { cells: cells.length, columns: columnsInFile } },
    );
    return null;
  }
  const v: Record<string, unknown> = {};
  for (const spec of specs) {
    const at = index.get(spec.field);
    const raw = at === undefined ? undefined : cells[at];
    const parsed = parseCell(spec, raw, row);
    if (!parsed.ok) {
      fail('value_invalid', `${spec.field}: ${parsed.reason}`, {
        row,
        field: spec.field,
        params: { value: raw ?? null },
      });
      continue;
    }
    if (parsed.value === null && spec.required) {
      fail('value_missing', `${spec.field} is empty`, { row, field: spec.field });
      continue;
    }
    v[spec.field] = parsed.value;
  }
  if (failed) return null;
  const code = String(v.id ?? v.code ?? '');

  if ('lon' in v) {
    const raw: LonLat = [v.lon as number, v.lat as number];
    if (!isLonLat(raw)) {
      const swapped = Math.abs(raw[1]) > 90 && Math.abs(raw[0]) <= 90;
      fail(
        'value_invalid',
        swapped
          ? `lon ${raw[0]} / lat ${raw[1]}: longitude and latitude look swapped`
          : `lon ${raw[0]} / lat ${raw[1]} are not longitude/latitude (projected metres? export in degrees)`,
        { row, field: 'lon', code, params: { lon: raw[0], lat: raw[1] } },
      );
      return null;
    }
    if (sample.length < CRS_SAMPLE) sample.push(raw);
    [v.lon, v.lat] = toWgs84(raw, crs);
  }
  if (kind === 'issues') {
    v.handling_level ??= 'xiaoqu';
    if (v.status === 'resolved' && v.resolved_at === null) {
      fail('value_missing', 'resolved_at is empty, but the status is resolved (已解决)', {
        row,
        field: 'resolved_at',
        code,
      });
    } else if (v.status !== 'resolved' && v.resolved_at !== null && v.resolved_at !== undefined) {
      fail(
        'value_invalid',
        `resolved_at is ${String(v.resolved_at)}, but the status is ${String(v.status)} (not resolved)`,
        { row, field: 'resolved_at', code },
      );
    } else if (
      v.resolved_at &&
      Date.parse(v.resolved_at as string) < Date.parse(v.reported_at as string)
    ) {
      fail(
        'value_invalid',
        `resolved_at ${String(v.resolved_at)} is before reported_at ${String(v.reported_at)}`,
        { row, field: 'resolved_at', code },
      );
    }
  }
  if (kind === 'sites') {
    if ((v.floor_area_m2 as number) <= 0)
      fail('value_invalid', 'floor_area_m2 must be more than 0', {
        row,
        field: 'floor_area_m2',
        code,
      });
    v.services = JSON.stringify(v.services ?? []);
  }
  if (kind === 'staff') {
    try {
      const duty = parseDuty(v.duty_schedule as string);
      Object.assign(v, {
        duty_days: JSON.stringify(duty.days),
        duty_start: duty.start,
        duty_end: duty.end,
        peak_only: duty.peakOnly,
      });
    } catch (e) {
      fail(
        'value_invalid',
        `duty_schedule: ${(e as Error).message} (write e.g. 周一至周五 08:30-17:30)`,
        { row, field: 'duty_schedule', code },
      );
    }
  }
  return failed ? null : v;
}

async function insertBatch(
  tx: Tx,
  t: RecordTable,
  rows: Record<string, unknown>[],
  rowNumbers: number[],
): Promise<void> {
  const params: unknown[][] = [
    rowNumbers,
    ...t.stage.map((s) => rows.map((r) => r[s.name] ?? null)),
  ];
  const unnest = [`$1::int[]`, ...t.stage.map((s, i) => `$${i + 2}::${s.cast}[]`)].join(', ');
  const names = ['row', ...t.stage.map((s) => s.name)];
  const geom = t.hasPoint ? ', ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)' : '';
  await tx.query(
    `INSERT INTO import_stage (${names.join(', ')}${t.hasPoint ? ', geom' : ''})
     SELECT ${names.map((n) => `u.${n}`).join(', ')}${geom}
     FROM unnest(${unnest}) AS u(${names.join(', ')})`,
    params,
  );
}

export interface StageResult {
  rows: number;
  staged: number;
  sample: LonLat[];
}

/** Parses, checks and stages every row of the stream; returns what it saw. */
export async function stageRecords(
  tx: Tx,
  kind: RecordKind,
  specs: FieldSpec[],
  columns: string[],
  mapping: ColumnMapping,
  rows: AsyncIterable<CsvRow>,
  crs: CoordinateSystem,
  report: Report,
): Promise<StageResult> {
  const t = RECORD_TABLES[kind];
  const index = new Map<string, number>();
  for (const [field, column] of Object.entries(mapping)) {
    const at = columns.indexOf(column);
    if (at >= 0) index.set(field, at);
  }
  await createStage(tx, t);
  const sample: LonLat[] = [];
  let batch: Record<string, unknown>[] = [];
  let numbers: number[] = [];
  let total = 0;
  let staged = 0;
  for await (const r of rows) {
    total++;
    const v = stageValues(kind, specs, index, columns.length, r, crs, report, sample);
    if (v === null) continue;
    batch.push(v);
    numbers.push(r.row);
    if (batch.length >= BATCH) {
      await insertBatch(tx, t, batch, numbers);
      staged += batch.length;
      batch = [];
      numbers = [];
    }
  }
  if (batch.length) {
    await insertBatch(tx, t, batch, numbers);
    staged += batch.length;
  }
  return { rows: total, staged, sample };
}

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

export interface MergeCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

/** Writes the staged rows, keeping what they replace in import_prev_* for a restore. */
export async function mergeRecords(
  tx: Tx,
  kind: RecordKind,
  importId: number,
  replace: boolean,
): Promise<MergeCounts> {
  const t = RECORD_TABLES[kind];
  const k = t.key;
  await tx.query(
    `INSERT INTO import_prev_${t.table} SELECT $1, t.* FROM ${t.table} t JOIN import_stage s ON s.${k} = t.${k}`,
    [importId],
  );
  await tx.query(
    `INSERT INTO import_key (import_id, key, inserted)
     SELECT $1, s.${k}::text, NOT EXISTS (SELECT 1 FROM ${t.table} t WHERE t.${k} = s.${k}) FROM import_stage s`,
    [importId],
  );
  let deleted = 0;
  if (replace) {
    await tx.query(
      `INSERT INTO import_prev_${t.table} SELECT $1, t.* FROM ${t.table} t
       WHERE NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.${k} = t.${k})`,
      [importId],
    );
    const gone = await tx.query<{ n: number }>(
      `WITH d AS (DELETE FROM ${t.table} t WHERE NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.${k} = t.${k}) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
    );
    deleted = gone[0]!.n;
  }
  const names = t.columns.map(([n]) => n);
  await tx.query(
    `INSERT INTO ${t.table} (${names.join(', ')})
     SELECT ${t.columns.map(([, e]) => e).join(', ')} FROM import_stage s
     ON CONFLICT (${k}) DO UPDATE SET ${names
       .filter((n) => n !== k)
       .map((n) => `${n} = EXCLUDED.${n}`)
       .join(', ')}`,
  );
  const [counts] = await tx.query<{ inserted: number; updated: number }>(
    `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM import_key WHERE import_id = $1`,
    [importId],
  );
  return { ...counts!, deleted };
}
