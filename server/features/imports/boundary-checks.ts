/**
 * The checks of staged boundaries that need PostGIS and the areas already loaded: validity
 * with its reason, containment in the parent, overlaps and gaps between siblings, the
 * coordinate system's fit. The statements are in boundary-checks.sql; the level, the
 * tolerance and whether the import replaces its level are their parameters.
 */
import type { AreaLevel, ImportCrs } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { PARENT_LEVEL, clone, type Staged } from './boundaries.ts';
import { listChecked, reportCrsFit } from './checks.ts';
import { convertCoordinates, crsCandidates, isLonLat } from './coords.ts';
import type { Report } from './report.ts';

const SQL = sqlQueries(new URL('./boundary-checks.sql', import.meta.url), [
  'duplicateCode',
  'levelChanged',
  'parentUnknown',
  'validity',
  'repair',
  'invalid',
  'toMulti',
  'notInsideParent',
  'createSiblings',
  'fillSiblings',
  'indexSiblings',
  'overlap',
  'gap',
  'replaceInUse',
  'crsReferences',
  'crsShares',
]);

const LEVEL_ZH: Record<AreaLevel, string> = {
  chengqu: '城区',
  pianqu: '片区',
  shequ: '社区',
  xiaoqu: '小区',
};

/** Share of a 小区 (or any child) allowed outside its parent before it is an error. */
const OUTSIDE_SHARE = 0.01;
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
  await listChecked(tx, report, 'duplicate', 'error', SQL.duplicateCode, [], (r) => ({
    message: `code ${r.code} is already on row ${r.first}`,
    field: 'code',
    code: r.code as string,
    params: { first: r.first as number },
  }));
  await listChecked(tx, report, 'value_invalid', 'error', SQL.levelChanged, [o.level], (r) => ({
    message: `code ${r.code} is already a ${r.level} in the database; a code keeps its level`,
    field: 'code',
    code: r.code as string,
    params: { level: r.level as string },
  }));
  if (parentLevel) {
    await listChecked(
      tx,
      report,
      'parent_unknown',
      'error',
      SQL.parentUnknown,
      [parentLevel],
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
  await tx.query(SQL.validity);
  if (o.repair) {
    await listChecked(tx, report, 'geometry_repaired', 'warning', SQL.repair, [], (r) => ({
      message: `repaired (${r.reason}): area ${m2(r.before_m2)} m² → ${m2(r.after_m2)} m²`,
      code: r.code as string,
      location: at(r),
      params: { reason: r.reason as string, beforeM2: m2(r.before_m2), afterM2: m2(r.after_m2) },
    }));
  }
  await listChecked(tx, report, 'geometry_invalid', 'error', SQL.invalid, [], (r) => ({
    message: `the geometry is invalid: ${r.reason ?? 'empty after repair'}${o.repair ? '' : ' (import with repair on to fix it with ST_MakeValid)'}`,
    code: r.code as string,
    location: at(r),
    params: { reason: (r.reason as string) ?? 'empty' },
  }));
  await tx.query(SQL.toMulti);

  if (parentLevel) {
    await listChecked(
      tx,
      report,
      'not_inside_parent',
      'error',
      SQL.notInsideParent,
      [parentLevel, o.toleranceM2, OUTSIDE_SHARE],
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
  await tx.query(SQL.createSiblings);
  await tx.query(SQL.fillSiblings, [o.level, o.replace]);
  await tx.query(SQL.indexSiblings);
  await listChecked(tx, report, 'overlap', 'error', SQL.overlap, [o.toleranceM2], (r) => ({
    message: `${r.code} and ${r.other} overlap by ${m2(r.m2)} m²`,
    code: r.code as string,
    location: at(r),
    params: { other: r.other as string, areaM2: m2(r.m2) },
  }));

  // 片区 tile their 城区 and 社区 their 片区 (小区 do not tile a 社区): report the gaps.
  if (o.level === 'pianqu' || o.level === 'shequ') {
    await listChecked(tx, report, 'gap', 'error', SQL.gap, [o.toleranceM2], (r) => ({
      message: `a gap of ${m2(r.m2)} m² inside ${r.parent} is covered by none of its ${o.level === 'pianqu' ? '片区' : '社区'}`,
      code: r.parent as string,
      location: at(r),
      params: { parent: r.parent as string, areaM2: m2(r.m2) },
    }));
  }

  if (o.replace) {
    await listChecked(tx, report, 'replace_in_use', 'error', SQL.replaceInUse, [o.level], (r) => ({
      message: `replacing would delete ${r.code}, which still has ${r.children} areas under it: move or delete them first`,
      code: r.code as string,
      params: { children: r.children as number },
    }));
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
  declared: ImportCrs,
): Promise<{ crs: ImportCrs; share: number }[] | null> {
  const parentLevel = PARENT_LEVEL[level];
  const [refs] = await tx.query<{ n: number }>(SQL.crsReferences, [
    staged.map((s) => s.parent_code ?? s.code).concat(staged.map((s) => s.code)),
    [level, parentLevel ?? level],
  ]);
  if (!refs || refs.n === 0) return null;
  const probe = firstOf(staged[0]?.raw);
  const candidates = crsCandidates(declared, probe);
  const sample = staged.slice(0, candidates.length > 4 ? 30 : FIT_SAMPLE);
  const crs: string[] = [];
  const code: string[] = [];
  const parent: (string | null)[] = [];
  const geo: string[] = [];
  for (const c of candidates) {
    for (const s of sample) {
      const g = clone(s.raw);
      const p = firstOf(g);
      // Degrees read as metres (or the reverse) are no boundary: skipped, so the share is 0.
      if (!p || isLonLat(p) === c.startsWith('EPSG:')) continue;
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
    .query<{ crs: ImportCrs; share: number }>(SQL.crsShares, [
      crs,
      code,
      parent,
      geo,
      level,
      parentLevel ?? level,
    ])
    .then((rows) => rows.map((r) => ({ crs: r.crs, share: r.share ?? 0 })));
}

export async function reportAreaCrs(
  tx: Tx,
  staged: Staged[],
  level: AreaLevel,
  declared: ImportCrs,
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

function firstOf(g: Staged['raw'] | undefined): [number, number] | undefined {
  const p =
    g?.type === 'Polygon'
      ? g.coordinates[0]?.[0]
      : g?.type === 'MultiPolygon'
        ? g.coordinates[0]?.[0]?.[0]
        : undefined;
  return p ? [p[0]!, p[1]!] : undefined;
}
