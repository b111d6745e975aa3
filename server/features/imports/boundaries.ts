/**
 * Boundaries of one level (城区, 片区, 社区 or 小区): features read from the file, checked one
 * by one (fields, geometry shape) and staged. Then they are checked together in PostGIS
 * (`boundary-checks.ts`) and merged into `area` (`boundary-merge.ts`).
 */
import type { Geometry, Position } from 'geojson';
import type { AreaLevel, ColumnMapping, ImportCrs } from '../../contract/index.ts';
import { isProjectedCrs } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import type { RawFeature } from './boundary-files.ts';
import { convertCoordinates, isLonLat, toWgs84 } from './coords.ts';
import type { FieldSpec } from './fields.ts';
import type { Report } from './report.ts';
import { parseCell } from './values.ts';

const SQL = sqlQueries(new URL('./boundaries.sql', import.meta.url), [
  'createAreaStage',
  'insertAreaStage',
  'indexAreaStage',
  'analyzeAreaStage',
]);

export const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  chengqu: null,
  pianqu: 'chengqu',
  shequ: 'pianqu',
  xiaoqu: 'shequ',
};
export interface Staged {
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

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

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
  crs: ImportCrs,
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
    const projected = isProjectedCrs(crs);
    if (srid === null && p && projected && isLonLat([p[0]!, p[1]!])) {
      failed = true;
      report.error(
        'geometry_invalid',
        `the coordinates (${p[0]}, ${p[1]}) are degrees, not the metres of ${crs}: the file names its own projection (a .prj), or is in WGS84; leave crs at WGS84`,
        { row, code, params: { reason: 'degrees' } },
      );
      continue;
    }
    if (
      srid === null &&
      p &&
      !isLonLat(projected ? toWgs84([p[0]!, p[1]!], crs) : [p[0]!, p[1]!])
    ) {
      failed = true;
      report.error(
        'geometry_invalid',
        `the coordinates (${p[0]}, ${p[1]}) are not longitude/latitude: the file needs a .prj (or GeoJSON crs) naming its projection, or declare it (crs=EPSG:NNNN, e.g. EPSG:4528 for CGCS2000 Gauss-Krüger 3° zone 40), or export it in degrees`,
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
  await tx.query(SQL.createAreaStage);
  const col = <K extends keyof Staged>(k: K) => staged.map((s) => s[k]);
  await tx.query(SQL.insertAreaStage, [
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
    srid,
  ]);
  await tx.query(SQL.indexAreaStage);
  await tx.query(SQL.analyzeAreaStage);
}
