/**
 * Checks written as SQL over the staged rows, listed into the report: the first rows in file
 * order with their reasons, and the complete count.
 */
import type { CoordinateSystem, ImportCrs, ImportProblemCode } from '../../contract/index.ts';
import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { crsCandidates, toWgs84OrNull, type LonLat } from './coords.ts';
import { LISTED_PROBLEMS, type ProblemInput, type Report } from './report.ts';

const SQL = sqlQueries(new URL('./checks.sql', import.meta.url), ['pointReference', 'pointShares']);

type Row = Record<string, unknown>;

/**
 * Runs `sql` with `params` (a named statement: a SELECT, or an UPDATE … RETURNING that marks
 * the rows bad) and reports each row it returns through `describe`. `row` must be among its
 * columns.
 */
export async function listChecked(
  q: Queryable,
  report: Report,
  problem: ImportProblemCode,
  severity: 'error' | 'warning',
  sql: string,
  params: unknown[],
  describe: (r: Row) => ProblemInput & { message: string },
): Promise<number> {
  const rows = await q.query<Row & { total: number }>(
    // eslint-disable-next-line no-restricted-syntax -- wraps whichever check it is given: the first rows and the count of all
    `WITH found AS (${sql}) SELECT *, count(*) OVER ()::int AS total FROM found ORDER BY row LIMIT ${Number(LISTED_PROBLEMS)}`,
    params,
  );
  for (const r of rows) {
    const { message, ...p } = describe(r);
    report.add(severity, problem, message, { row: r.row as number, ...p });
  }
  const total = rows[0]?.total ?? 0;
  if (total > rows.length) report.addUnlisted(severity, problem, total - rows.length);
  return total;
}

const NAMED: Record<CoordinateSystem, string> = {
  wgs84: 'WGS84',
  cgcs2000: 'CGCS2000',
  gcj02: 'GCJ-02 (高德/腾讯)',
  bd09: 'BD-09 (百度)',
};
const nameOf = (c: ImportCrs) => NAMED[c as CoordinateSystem] ?? c;

/** Sample points read in each system when the candidates include projections (there are many). */
const PROJECTED_SAMPLE = 200;

/**
 * Whether the declared system fits the data: the share of sample points that fall in or
 * within 50 m of a 小区 (or, with no 小区 yet, the zone) when read in each system. A file
 * declared WGS84 that is really GCJ-02 lands about 450 m off, and another system then fits
 * far better: that is reported before anything is written.
 */
export async function checkPointCrs(
  q: Queryable,
  report: Report,
  sample: LonLat[],
  declared: ImportCrs,
): Promise<void> {
  if (sample.length < 5) return;
  const [ref] = await q.query<{ level: string | null }>(SQL.pointReference);
  if (!ref?.level) return;
  const candidates = crsCandidates(declared, sample[0]);
  const points = candidates.length > 4 ? sample.slice(0, PROJECTED_SAMPLE) : sample;
  const crs: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  for (const c of candidates) {
    for (const p of points) {
      // A point the system cannot read counts as a miss: (0, 0) is in no district.
      const w = toWgs84OrNull(p, c) ?? [0, 0];
      crs.push(c);
      lon.push(w[0]);
      lat.push(w[1]);
    }
  }
  const shares = await q.query<{ crs: ImportCrs; share: number }>(SQL.pointShares, [
    crs,
    lon,
    lat,
    ref.level,
  ]);
  reportCrsFit(
    report,
    shares,
    declared,
    ref.level === 'xiaoqu' ? 'points fall in or near a 小区' : 'points fall in the zone',
  );
}

/** Compares the declared system's fit with the best other one; reports when another fits clearly better. */
export function reportCrsFit(
  report: Report,
  shares: { crs: ImportCrs; share: number }[],
  declared: ImportCrs,
  what: string,
): void {
  const of = (c: ImportCrs) =>
    shares.find((s) => s.crs === (c === 'cgcs2000' ? 'wgs84' : c))?.share ??
    shares.find((s) => s.crs === c)?.share ??
    0;
  const mine = of(declared);
  const best = shares
    .filter((s) => s.crs !== declared && !(declared === 'cgcs2000' && s.crs === 'wgs84'))
    .sort((a, b) => b.share - a.share)[0];
  if (!best) return;
  if (best.share >= 0.5 && best.share - mine >= 0.25) {
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    report.error(
      'crs_suspect',
      `the coordinates do not look like ${nameOf(declared)}: read as ${nameOf(declared)}, ${pct(mine)} of ${what}; read as ${nameOf(best.crs)}, ${pct(best.share)} do. Choose ${nameOf(best.crs)}, or import with the check off if you are sure`,
      {
        params: {
          declared,
          declaredShare: Math.round(mine * 1000) / 1000,
          suggested: best.crs,
          suggestedShare: Math.round(best.share * 1000) / 1000,
        },
      },
    );
  }
}
