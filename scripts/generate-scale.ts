/**
 * A city-sized data set for benchmarks: the demo zone repeated ×N side by side (×100 is a city
 * of 2,300 片区, 6,400 社区, 17,500 小区, 18,300 邻里之家) and any number of issues, loaded
 * into PostgreSQL/PostGIS in minutes. Deterministic: the same options give the same rows.
 *
 *   npm run generate:scale -- --database-url postgres://… --factor 100 --issues 1000000
 *
 * The database is emptied first (it must be a scratch database: the script refuses one holding
 * anything but the demo data unless --replace is given). Copies keep the demo's shapes, shifted
 * east and south on a grid, with codes suffixed `-k` and names `·k`.
 */
import { parseArgs } from 'node:util';
import { ISSUE_CATEGORIES } from '../server/contract/vocabulary.ts';
import type { Queryable } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import { seedDemo } from '../server/db/seed.ts';

export interface ScaleOptions {
  factor: number;
  issues: number;
  seed: number;
}

async function columnsOf(tx: Queryable, table: string): Promise<string[]> {
  const rows = await tx.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/**
 * Copies the rows of `table` matching `where` into copies 1…factor−1, with the given column
 * expressions (over `t`, the copy number `k`, and its offset `dx`, `dy` in degrees). Columns a
 * later migration adds are copied as they are, so the script keeps working as the schema grows.
 */
async function copyRows(
  tx: Queryable,
  table: string,
  overrides: Record<string, string>,
  where: string,
  grid: { factor: number; cols: number; w: number; h: number },
): Promise<number> {
  const cols = await columnsOf(tx, table);
  const select = cols.map((c) => overrides[c] ?? `t.${c}`);
  const [row] = await tx.query<{ n: number }>(
    `WITH copied AS (
       INSERT INTO ${table} (${cols.join(', ')})
       SELECT ${select.join(', ')}
       FROM ${table} t
       CROSS JOIN generate_series(1, $1::int - 1) AS k
       CROSS JOIN LATERAL (
         SELECT (k % $2::int) * $3::float8 AS dx, -(k / $2::int) * $4::float8 AS dy
       ) AS off
       WHERE ${where}
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM copied`,
    [grid.factor, grid.cols, grid.w, grid.h],
  );
  return row!.n;
}

const suffixed = (col: string) => `t.${col} || '-' || k`;
const shifted = (col: string) => `ST_Translate(t.${col}, off.dx, off.dy)`;

/** Repeats the zone and its records, then writes `issues` issues over every 小区. */
export async function generateScale(
  db: Queryable,
  o: ScaleOptions,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const [ext] = await db.query<{ w: number; h: number }>(
    `SELECT (ST_XMax(e) - ST_XMin(e)) * 1.02 AS w, (ST_YMax(e) - ST_YMin(e)) * 1.02 AS h
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM area WHERE level = 'chengqu') z`,
  );
  const grid = { factor: o.factor, cols: Math.ceil(Math.sqrt(o.factor)), w: ext!.w, h: ext!.h };
  const original = `position('-' in t.code) = 0`;

  if (o.factor > 1) {
    // Parents before children: each level's copies point at the copies above them.
    for (const level of ['pianqu', 'shequ', 'xiaoqu']) {
      counts[`area_${level}`] = await copyRows(
        db,
        'area',
        {
          code: suffixed('code'),
          parent_code: level === 'pianqu' ? 't.parent_code' : `t.parent_code || '-' || k`,
          name: `t.name || '·' || k`,
          geom: shifted('geom'),
          label_point: shifted('label_point'),
        },
        `t.level = '${level}' AND ${original}`,
        grid,
      );
    }
    counts.site = await copyRows(
      db,
      'site',
      {
        code: suffixed('code'),
        name: `t.name || '·' || k`,
        xiaoqu_code: suffixed('xiaoqu_code'),
        geom: shifted('geom'),
      },
      original,
      grid,
    );
    counts.worker_post = await copyRows(
      db,
      'worker_post',
      { xiaoqu_code: suffixed('xiaoqu_code') },
      `position('-' in t.xiaoqu_code) = 0`,
      grid,
    );
    counts.staff = await copyRows(
      db,
      'staff',
      { code: suffixed('code'), xiaoqu_code: suffixed('xiaoqu_code') },
      original,
      grid,
    );
    await db.query(
      `UPDATE area SET geom = ST_Multi((SELECT ST_Union(ST_Envelope(geom)) FROM area WHERE level = 'pianqu'))
       WHERE level = 'chengqu'`,
    );
  }

  if (o.issues > 0) {
    // Per-row triggers (rollup, events) would cost minutes at a million rows: off for the load,
    // then the rollup is rebuilt in one statement and the tile version moved once.
    await db.query('ALTER TABLE issue DISABLE TRIGGER USER');
    await db.query('DELETE FROM issue_reporter');
    await db.query('DELETE FROM issue');
    // One plan, no parallel workers: random() then yields the same sequence every run.
    await db.query('SET max_parallel_workers_per_gather = 0');
    await db.query('SELECT setseed($1)', [((o.seed % 1000) + 0.5) / 1000]);
    await db.query(
      `CREATE TEMP TABLE scale_xiaoqu ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY code)::int AS i, code,
              ST_X(label_point) AS lon, ST_Y(label_point) AS lat
       FROM area WHERE level = 'xiaoqu'`,
    );
    await db.query(
      `INSERT INTO issue (id, category, status, handling_level, reported_at, resolved_at, xiaoqu_code, geom)
       SELECT g,
              ($2::text[])[1 + floor(r.c * 7)::int],
              s.status,
              CASE WHEN r.l < 0.85 THEN 'xiaoqu' WHEN r.l < 0.97 THEN 'shequ' ELSE 'pianqu' END,
              r.at,
              CASE WHEN s.status = 'resolved' THEN r.at + r.took * interval '20 days' END,
              x.code,
              ST_SetSRID(ST_MakePoint(x.lon + (r.jx - 0.5) * 0.0016, x.lat + (r.jy - 0.5) * 0.0012), 4326)
       FROM generate_series(1, $1::int) AS g
       CROSS JOIN LATERAL (
         SELECT random() AS q, random() AS c, random() AS st, random() AS l, random() AS took,
                random() AS jx, random() AS jy,
                timestamptz '2023-12-01 00:00+08' + random() * interval '1090 days' AS at,
                g AS keep
       ) AS r
       CROSS JOIN LATERAL (
         SELECT CASE WHEN r.st < 0.965 THEN 'resolved' WHEN r.st < 0.98 THEN 'in_progress'
                     WHEN r.st < 0.995 THEN 'open' ELSE 'escalated' END AS status
       ) AS s
       JOIN scale_xiaoqu x ON x.i = 1 + floor(r.q * (SELECT count(*) FROM scale_xiaoqu))::int`,
      [o.issues, ISSUE_CATEGORIES],
    );
    await db.query('ALTER TABLE issue ENABLE TRIGGER USER');
    await db.query('SELECT issue_rollup_rebuild()');
    await db.query(
      `UPDATE data_version SET version = version + 1, changed_at = now() WHERE layer = 'issues'`,
    );
    const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM issue');
    counts.issue = n!.n;
  }
  return counts;
}

/** The version label a scale load writes, so a benchmark can reuse a database already loaded. */
export const scaleVersion = (o: ScaleOptions) => `x${o.factor}-issues${o.issues}-seed${o.seed}`;

/**
 * Empties the database at `url`, migrates, loads the demo, then scales it. Refuses a database
 * holding other data unless `replace`. Returns the row counts and the seconds it took.
 */
export async function loadScale(
  url: string,
  o: ScaleOptions & { replace?: boolean },
): Promise<{ counts: Record<string, number>; seconds: number }> {
  const db = await openPostgres(url);
  const started = Date.now();
  try {
    const [existing] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_name = 'dataset'`,
    );
    if (existing!.n > 0) {
      const [source] = await db.query<{ source: string }>('SELECT source FROM dataset LIMIT 1');
      if (source && !['demo', 'scale'].includes(source.source) && !o.replace) {
        throw new Error(
          `this database holds "${source.source}" data, not the demo: give a scratch database, or --replace to empty it`,
        );
      }
    }
    await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    await migrate(db);
    await seedDemo(db);
    await db.transaction(async (tx) => {
      await generateScale(tx, o);
      // Not 'demo': a server started on this database must not reload the demo over it.
      await tx.query(`UPDATE dataset SET source = 'scale', version = $1`, [scaleVersion(o)]);
    });
    await db.exec('ANALYZE');
    const [counts] = await db.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE level = 'pianqu')::int AS pianqu,
              count(*) FILTER (WHERE level = 'shequ')::int AS shequ,
              count(*) FILTER (WHERE level = 'xiaoqu')::int AS xiaoqu,
              (SELECT count(*)::int FROM site) AS sites,
              (SELECT count(*)::int FROM issue) AS issues
       FROM area`,
    );
    return { counts: counts!, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      factor: { type: 'string', default: '1' },
      issues: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      replace: { type: 'boolean', default: false },
    },
  });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'give --database-url postgres://… (or DATABASE_URL): a scratch PostGIS database',
    );
  }
  const factor = Number(values.factor);
  const issues = Number(values.issues);
  const seed = Number(values.seed);
  if (!Number.isInteger(factor) || factor < 1 || factor > 400) {
    throw new Error(`--factor must be a whole number from 1 to 400, got "${values.factor}"`);
  }
  if (!Number.isInteger(issues) || issues < 0 || issues > 20_000_000) {
    throw new Error(`--issues must be a whole number up to 20000000, got "${values.issues}"`);
  }
  if (!Number.isInteger(seed))
    throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  const { counts, seconds } = await loadScale(url, {
    factor,
    issues,
    seed,
    replace: values.replace,
  });
  console.log(
    `×${factor}, seed ${seed}: ${JSON.stringify(counts)}; loaded in ${seconds.toFixed(1)} s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
