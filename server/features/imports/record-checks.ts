/**
 * The set-based checks of staged records, against the areas loaded: duplicates, codes that
 * are not areas, points outside the zone or in no 小区. The statements are in
 * record-checks.sql, and in table-sql.ts for those that name the record by its kind's key.
 */
import type { Tx } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { listChecked } from './checks.ts';
import { RECORD_TABLES, type RecordKind } from './record-tables.ts';
import type { Report } from './report.ts';
import { recordSql } from './table-sql.ts';

const SQL = sqlQueries(new URL('./record-checks.sql', import.meta.url), [
  'analyzeStage',
  'activityAreaUnknown',
  'zoneLoaded',
  'zonePieces',
  'indexZonePieces',
  'xiaoquOfPoint',
  'nearestXiaoqu',
]);

/** The set-based checks: duplicates, codes that are not areas, points outside the zone or any 小区. */
export async function checkStaged(tx: Tx, kind: RecordKind, report: Report): Promise<void> {
  const t = RECORD_TABLES[kind];
  const built = recordSql(t);
  await tx.query(built.indexStage);
  await tx.query(SQL.analyzeStage);

  await listChecked(tx, report, 'duplicate', 'error', built.duplicate, [], (r) => ({
    message: `${t.key} ${r.code} is already on row ${r.first}`,
    field: t.key,
    code: r.code as string,
    params: { first: r.first as number },
  }));

  if (kind === 'activities') {
    await listChecked(tx, report, 'area_unknown', 'error', SQL.activityAreaUnknown, [], (r) => ({
      message: r.actual
        ? `area_code ${r.area_code} is a ${r.actual}, but the scope is ${r.scope}`
        : `area_code ${r.area_code} is not an area in the database`,
      field: 'area_code',
      code: r.code as string,
      params: { area: r.area_code as string, level: (r.actual as string) ?? null },
    }));
    return;
  }

  await listChecked(tx, report, 'area_unknown', 'error', built.xiaoquUnknown, [], (r) => ({
    message: `xiaoqu_code ${r.xiaoqu_code} is not a 小区 in the database`,
    field: 'xiaoqu_code',
    code: r.code as string,
    params: { area: r.xiaoqu_code as string },
  }));
  if (!t.hasPoint) return;

  const [zone] = await tx.query<{ zones: number; land: number }>(SQL.zoneLoaded);
  if (zone!.zones === 0) {
    report.error(
      'outside_zone',
      'no zone (城区) boundary is in the database: import the boundaries first',
    );
    return;
  }
  const land = zone!.land > 0;
  await tx.query(SQL.zonePieces);
  await tx.query(SQL.indexZonePieces);
  await listChecked(tx, report, 'outside_zone', 'error', built.outsideZone, [land], (r) => ({
    message: `the point ${fmt(r.lon)}, ${fmt(r.lat)} is outside the zone${r.in_sea ? ', in the sea' : ''}`,
    code: r.code as string,
    location: [r.lon as number, r.lat as number],
    params: { inSea: r.in_sea ? 1 : 0 },
  }));

  // Records without a 小区 code go to the 小区 their point is in, else the nearest within 100 m.
  await tx.query(SQL.xiaoquOfPoint);
  await tx.query(SQL.nearestXiaoqu);
  await listChecked(tx, report, 'nearest_xiaoqu', 'warning', built.nearestXiaoqu, [], (r) => ({
    message: `the point is in no 小区; it goes to the nearest, ${r.xiaoqu_code}, ${Math.round(r.near_m as number)} m away`,
    code: r.code as string,
    location: [r.lon as number, r.lat as number],
    params: { area: r.xiaoqu_code as string, metres: Math.round(r.near_m as number) },
  }));
  await listChecked(tx, report, 'outside_xiaoqu', 'error', built.outsideXiaoqu, [], (r) => ({
    message: `the point ${fmt(r.lon)}, ${fmt(r.lat)} is in no 小区 (the nearest is ${r.near_m === null ? '?' : Math.round(r.near_m as number)} m away): give its xiaoqu_code`,
    field: 'xiaoqu_code',
    code: r.code as string,
    location: [r.lon as number, r.lat as number],
    params: { metres: r.near_m === null ? null : Math.round(r.near_m as number) },
  }));
}

const fmt = (v: unknown) => (v as number).toFixed(6);
