/**
 * The tables a records file lands in: for each kind, its key, the columns staged from the
 * file (with their SQL types) and the expressions that fill the table from the stage. The
 * names are constants of the code, never the file's: table-sql.ts builds the import's
 * statements from them.
 */
import type { ImportKind } from '../../contract/index.ts';

export type RecordKind = Exclude<ImportKind, 'boundaries'>;

/** The SQL types a staged column takes (spliced as written: a type is not an identifier). */
export type StageType = 'int' | 'text' | 'float8' | 'timestamptz' | 'bool' | 'date';

interface StageColumn {
  name: string;
  cast: StageType;
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

const c = (name: string, cast: StageType): StageColumn => ({ name, cast });
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
