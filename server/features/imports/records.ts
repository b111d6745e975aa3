/**
 * Records (issues, 邻里之家 sites, staff, activities) from a CSV: each row parsed and checked
 * in the server, staged in a temporary table in batches, checked against the areas in SQL
 * (`record-checks.ts`: codes, the zone, which 小区 a point is in), then merged into its table.
 */
import type { ColumnMapping, ImportCrs } from '../../contract/index.ts';
import { isProjectedCrs } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { parseDuty } from '../staff/duty.ts';
import { isLonLat, toWgs84, type LonLat } from './coords.ts';
import type { FieldSpec } from './fields.ts';
import type { Report } from './report.ts';
import type { CsvRow } from './record-stream.ts';
import { parseCell } from './values.ts';
import { RECORD_TABLES, type RecordKind, type RecordTable } from './record-tables.ts';
import { importCounts } from './repository.ts';
import { recordSql } from './table-sql.ts';

/** Rows staged per statement. */
const BATCH = 5000;
/** Raw points kept to test the declared coordinate system against the others. */
export const CRS_SAMPLE = 2000;

export async function createStage(tx: Tx, t: RecordTable): Promise<void> {
  await tx.query(recordSql(t).createStage);
}

/** Values of one row, by staged column; null when the row has an error (reported). */
function stageValues(
  kind: RecordKind,
  specs: FieldSpec[],
  index: Map<string, number>,
  columnsInFile: number,
  { row, cells }: CsvRow,
  crs: ImportCrs,
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
    const projected = isProjectedCrs(crs);
    if (projected ? !isLonLat(toWgs84(raw, crs)) || isLonLat(raw) : !isLonLat(raw)) {
      const swapped = !projected && Math.abs(raw[1]) > 90 && Math.abs(raw[0]) <= 90;
      fail(
        'value_invalid',
        swapped
          ? `lon ${raw[0]} / lat ${raw[1]}: longitude and latitude look swapped`
          : projected
            ? `x ${raw[0]} / y ${raw[1]} are not the easting and northing of ${crs} (degrees? choose WGS84)`
            : `lon ${raw[0]} / lat ${raw[1]} are not longitude/latitude (projected metres? declare the projection, e.g. crs=EPSG:4528, or export in degrees)`,
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
  await tx.query(recordSql(t).insertStage, params);
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
  crs: ImportCrs,
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
  const sql = recordSql(RECORD_TABLES[kind]);
  await tx.query(sql.keepReplaced, [importId]);
  await tx.query(sql.recordKeys, [importId]);
  let deleted = 0;
  if (replace) {
    await tx.query(sql.keepDeleted, [importId]);
    const [gone] = await tx.query<{ n: number }>(sql.deleteMissing);
    deleted = gone!.n;
  }
  await tx.query(sql.upsert);
  return { ...(await importCounts(tx, importId)), deleted };
}
