import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { GEODATA_DIR, geodataVersion, seedDemo } from '../../server/db/seed.ts';
import { sqlCount } from '../support/test-app.ts';
import { openSeededDb } from '../support/test-db.ts';

/**
 * A load day after the record's end that brings 2024's 29 February into a common year
 * (2027), and puts the load mid-month: the seed must run the record up to it.
 */
const D = '2027-03-10';

const csv = async (file: string) =>
  parse(await readFile(GEODATA_DIR + file), { columns: true }) as Record<string, string>[];

describe('the demo seed runs the record up to the load day', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openSeededDb(D);
  });
  afterAll(async () => {
    await db?.close();
  });
  const count = (sql: string, params: unknown[] = []) => sqlCount(db, sql, params);
  /** A local day on the data set's clock, written here rather than through the schema's. */
  const local = (col: string) => `(${col} AT TIME ZONE (SELECT time_zone FROM dataset))::date`;

  it('puts every record in the three years up to D', async () => {
    for (const [table, col] of [
      ['issue', local('reported_at')],
      ['issue', local('resolved_at')],
      ['activity', 'held_on'],
      ['resource_use', 'used_on'],
      ['project', 'claimed_on'],
      ['project', 'completed_on'],
      ['pianqu_meeting', 'held_on'],
      ['credit_monthly', 'month'],
      ['credit_exchange', 'month'],
    ] as const) {
      const [span] = await db.query<{ first: string; last: string }>(
        `SELECT min(${col})::text AS first, max(${col})::text AS last FROM ${table}`,
      );
      expect(span!.first > '2024-03-10', `${table}.${col}`).toBe(true);
      expect(span!.last <= D, `${table}.${col}`).toBe(true);
    }
  });

  it('fills the month of D with issues, activities and credits', async () => {
    for (const sql of [
      `SELECT count(*)::int AS n FROM issue WHERE ${local('reported_at')} >= '2027-03-01'`,
      `SELECT count(*)::int AS n FROM activity WHERE held_on >= '2027-03-01'`,
      `SELECT count(*)::int AS n FROM credit_monthly WHERE month = '2027-03-01'`,
    ]) {
      expect(await count(sql)).toBeGreaterThan(0);
    }
  });

  it('keeps every calendar month’s share of the issues the record had resolved', async () => {
    // 29 February became the 28th, still in February: month by month nothing moves.
    const rows = await csv('issues.csv');
    const resolved = rows.filter((r) => r.status === 'resolved');
    const expected = new Map<string, number>();
    for (const r of resolved) {
      const m = r.reported_at!.slice(5, 7);
      expected.set(m, (expected.get(m) ?? 0) + 1);
    }
    const got = await db.query<{ m: string; n: number }>(
      `SELECT to_char(${local('reported_at')}, 'MM') AS m, count(*)::int AS n FROM issue
        WHERE id = ANY ($1::int[]) GROUP BY 1 ORDER BY 1`,
      [resolved.map((r) => Number(r.id))],
    );
    expect(new Map(got.map((r) => [r.m, r.n]))).toEqual(expected);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM issue WHERE ${local('reported_at')} = '2027-02-28'`,
      ),
    ).toBeGreaterThan(0);
  });

  it('still reproduces the article’s figures over those three years', async () => {
    expect(
      await count("SELECT count(*)::int AS n FROM issue WHERE status = 'resolved'"),
    ).toBeGreaterThanOrEqual(4300);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM issue WHERE status = 'resolved' AND handling_level = 'pianqu'",
      ),
    ).toBeGreaterThanOrEqual(130);
    expect(
      await count("SELECT count(*)::int AS n FROM activity WHERE scope = 'xiaoqu'"),
    ).toBeGreaterThanOrEqual(850);
    expect(
      await count("SELECT count(*)::int AS n FROM activity WHERE scope = 'pianqu'"),
    ).toBeGreaterThanOrEqual(180);
    expect(await count('SELECT count(*)::int AS n FROM project')).toBeGreaterThanOrEqual(280);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM issue i JOIN area x ON x.code = i.xiaoqu_code
          WHERE x.name = '海湾国际小区' AND i.status = 'resolved'
            AND extract(month FROM ${local('i.reported_at')}) IN (7, 8)`,
      ),
    ).toBeGreaterThanOrEqual(80);
    const [legacy] = await db.query<{ rate: number }>(
      `SELECT avg((i.status = 'resolved')::int)::float8 AS rate
         FROM issue_tag t JOIN issue i ON i.id = t.issue_id
         JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
         JOIN area p ON p.code = l.pianqu_code
        WHERE t.tag = 'legacy' AND p.name = '田村片区'`,
    );
    expect(Math.round(legacy!.rate * 100)).toBe(67);
  });

  it('keeps the coastal peaks in July–August and early October', async () => {
    const [s] = await db.query<{ summer: number; october: number; rest: number }>(
      `WITH c AS (
         SELECT ${local('i.reported_at')} AS d FROM issue i JOIN area x ON x.code = i.xiaoqu_code
          WHERE x.compound_type = 'coastal')
       SELECT (count(*) FILTER (WHERE extract(month FROM d) IN (7, 8)) / 62.0 / 3)::float8 AS summer,
              (count(*) FILTER (WHERE extract(month FROM d) = 10 AND extract(day FROM d) <= 7)
                / 7.0 / 3)::float8 AS october,
              (count(*) FILTER (WHERE extract(month FROM d) IN (1, 2, 3, 4, 5, 11, 12))
                / 212.0 / 3)::float8 AS rest
         FROM c`,
    );
    expect(s!.summer).toBeGreaterThan(2 * s!.rest);
    expect(s!.october).toBeGreaterThan(2 * s!.rest);
  });

  it('keeps the open issues near their level, each as old as at the record’s end', async () => {
    const open = await count("SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved'");
    const before = (await csv('issues.csv')).filter((r) => r.status !== 'resolved').length;
    expect(open).toBeGreaterThanOrEqual(before);
    expect(open).toBeLessThan(before * 1.3);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM issue
          WHERE status <> 'resolved' AND ${local('reported_at')} < DATE '${D}' - 90`,
      ),
    ).toBe(0);
  });

  it('holds no meeting after D, keeps the latest agenda open and settles the older ones', async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM pianqu_meeting WHERE held_on > '${D}'`),
    ).toBe(0);
    const [a] = await db.query<{ latest_settled: number; old_open: number; latest: number }>(
      `WITH last AS (SELECT pianqu_code, max(month) AS month FROM pianqu_meeting GROUP BY 1)
       SELECT count(*) FILTER (WHERE a.month = l.month AND a.status IN ('done', 'carried_over'))::int
                AS latest_settled,
              count(*) FILTER (WHERE a.month < l.month AND a.status IN ('pending', 'in_progress'))::int
                AS old_open,
              count(*) FILTER (WHERE a.month = l.month)::int AS latest
         FROM agenda_item a JOIN last l USING (pianqu_code)`,
    );
    expect(a).toEqual({ latest_settled: 0, old_open: 0, latest: a!.latest });
    expect(a!.latest).toBeGreaterThan(0);
  });

  it('is not loaded again for the same day, and is for the next one', async () => {
    const again = await seedDemo(db, undefined, { today: D });
    expect(again).toMatchObject({ loaded: false, version: await geodataVersion(undefined, D) });
    const next = await seedDemo(db, undefined, { today: '2027-03-11' });
    expect(next).toMatchObject({ loaded: true, source: 'demo' });
    expect(next.version).not.toBe(again.version);
    const [row] = await db.query<{ version: string; last: string }>(
      `SELECT version, (SELECT max(${local('reported_at')})::text FROM issue) AS last FROM dataset`,
    );
    expect(row).toEqual({ version: next.version, last: '2027-03-11' });
  });
});
