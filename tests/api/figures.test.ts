import { describe, expect, it } from 'vitest';
import type { AreaFigures, FiguresResponse } from '../../server/contract/index.ts';
import {
  DEPARTMENTS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
} from '../../server/contract/index.ts';
import type { Queryable, Tx } from '../../server/db/db.ts';
import { figuresRepository } from '../../server/features/figures/repository.ts';
import { useTestApp } from '../support/test-app.ts';

/**
 * Issue counts per grid cell straight from the issue table, with the grid written here: what
 * issue_cell (migration 012) must hold.
 */
const CELLS_FROM_ISSUES = `
  WITH p AS (SELECT status, ST_Transform(geom, 3857) AS g FROM issue),
  z AS (SELECT unnest(ARRAY[10, 12, 13]) AS zoom)
  SELECT zoom, cx, cy, count(*)::int AS n, (count(*) FILTER (WHERE status <> 'resolved'))::int AS unresolved
  FROM (
    SELECT z.zoom, p.status,
           floor((ST_X(p.g) + 20037508.342789244) / (40075016.68557849 / 2 ^ z.zoom / 8))::int AS cx,
           floor((20037508.342789244 - ST_Y(p.g)) / (40075016.68557849 / 2 ^ z.zoom / 8))::int AS cy
    FROM p CROSS JOIN z
  ) AS c
  GROUP BY zoom, cx, cy
  ORDER BY zoom, cx, cy`;
const CELLS_KEPT = `SELECT zoom, cx, cy, n, unresolved FROM issue_cell WHERE n <> 0 ORDER BY zoom, cx, cy`;

/**
 * An area's figures that do not depend on issues, by a recursive walk of its subtree written
 * here (not the server's SQL): the reference the statistics are checked against.
 */
async function expectedFigures(q: Queryable, code: string) {
  const [row] = await q.query<{ f: Record<string, unknown> }>(
    `WITH RECURSIVE sub AS (
       SELECT code, level FROM area WHERE code = $1
       UNION ALL
       SELECT a.code, a.level FROM area a JOIN sub ON a.parent_code = sub.code
     ),
     xq AS (SELECT a.* FROM area a JOIN sub USING (code) WHERE sub.level = 'xiaoqu')
     SELECT json_build_object(
       'pianqu', (SELECT count(*)::int FROM sub WHERE level = 'pianqu'),
       'shequ', (SELECT count(*)::int FROM sub WHERE level = 'shequ'),
       'xiaoqu', (SELECT count(*)::int FROM xq),
       'partyBranches', (SELECT count(*)::int FROM xq WHERE has_party_branch),
       'households', (SELECT coalesce(sum(households), 0)::int FROM xq),
       'population', (SELECT coalesce(sum(population), 0)::int FROM xq),
       'sites', (SELECT count(*)::int FROM site WHERE xiaoqu_code IN (SELECT code FROM xq)),
       'workers', (SELECT coalesce(sum(count), 0)::int FROM worker_post WHERE xiaoqu_code IN (SELECT code FROM xq)),
       'staff', (SELECT count(*)::int FROM staff WHERE xiaoqu_code IN (SELECT code FROM xq)),
       'staffByDepartment', (
         SELECT json_agg(json_build_object('department', d, 'count',
           (SELECT count(*)::int FROM staff WHERE department = d AND xiaoqu_code IN (SELECT code FROM xq)))
           ORDER BY o)
         FROM unnest($2::text[]) WITH ORDINALITY AS u (d, o)
       ),
       'microActivities', (SELECT count(*)::int FROM activity WHERE scope = 'xiaoqu' AND area_code IN (SELECT code FROM xq)),
       -- The 片区 the area belongs to or contains (one definition for every level).
       'pianquActivities', (
         SELECT count(*)::int FROM activity WHERE scope = 'pianqu' AND area_code IN (
           SELECT p.parent_code FROM area x JOIN area p ON p.code = x.parent_code
           WHERE x.code IN (SELECT code FROM xq)
         )
       ),
       'projects', (SELECT count(*)::int FROM project WHERE area_code IN (SELECT code FROM sub)),
       'projectsCompleted', (SELECT count(*)::int FROM project WHERE status = 'completed' AND area_code IN (SELECT code FROM sub)),
       'creditPoints', (SELECT coalesce(sum(points), 0)::int FROM credit_monthly WHERE xiaoqu_code IN (SELECT code FROM xq)),
       'creditParticipants', (
         SELECT coalesce(sum(participants), 0)::int FROM credit_monthly
         WHERE xiaoqu_code IN (SELECT code FROM xq) AND month = (SELECT max(month) FROM credit_monthly)
       )
     ) AS f`,
    [code, DEPARTMENTS],
  );
  return row!.f;
}

/** The figures the reference above computes, picked from the engine's. */
function figuresOf(f: AreaFigures): Record<string, unknown> {
  return {
    pianqu: f.pianqu,
    shequ: f.shequ,
    xiaoqu: f.xiaoqu,
    partyBranches: f.partyBranches,
    households: f.households,
    population: f.population,
    sites: f.sites,
    workers: f.workers,
    staff: f.staff,
    staffByDepartment: f.staffByDepartment,
    microActivities: f.microActivities,
    pianquActivities: f.pianquActivities,
    projects: f.projects,
    projectsCompleted: f.projectsCompleted,
    creditPoints: f.credits.earned,
    creditParticipants: f.credits.participants,
  };
}

const ALL = { kind: 'all', from: null, to: null } as const;

describe('issue cells', () => {
  const t = useTestApp();

  it('keeps issue_cell equal to the issue table through inserts, updates, deletes and a rebuild', async () => {
    // Rolled back at the end, so the shared database on PostgreSQL is left as it was.
    await t
      .db()
      .transaction(async (tx) => {
        expect(await tx.query(CELLS_KEPT)).toEqual(await tx.query(CELLS_FROM_ISSUES));
        const [x] = await tx.query<{ code: string; lon: number; lat: number }>(
          `SELECT code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat FROM area WHERE level = 'xiaoqu' LIMIT 1`,
        );
        await tx.query(
          `INSERT INTO issue (id, category, status, handling_level, reported_at, resolved_at, xiaoqu_code, geom)
           VALUES (900001, 'roads', 'open', 'xiaoqu', '2026-11-20T09:00:00+08:00', NULL, $1, ST_SetSRID(ST_MakePoint($2, $3), 4326)),
                  (900002, 'roads', 'resolved', 'shequ', '2026-11-21T09:00:00+08:00', '2026-11-22T09:00:00+08:00', $1, ST_SetSRID(ST_MakePoint($2 + 0.05, $3), 4326))`,
          [x!.code, x!.lon, x!.lat],
        );
        expect(await tx.query(CELLS_KEPT)).toEqual(await tx.query(CELLS_FROM_ISSUES));
        await tx.query(
          `UPDATE issue SET status = 'resolved', resolved_at = '2026-11-25T10:00:00+08:00',
                  geom = ST_SetSRID(ST_MakePoint($1 - 0.05, $2), 4326)
           WHERE id = 900001`,
          [x!.lon, x!.lat],
        );
        expect(await tx.query(CELLS_KEPT)).toEqual(await tx.query(CELLS_FROM_ISSUES));
        await tx.query('DELETE FROM issue WHERE id = 900002');
        expect(await tx.query(CELLS_KEPT)).toEqual(await tx.query(CELLS_FROM_ISSUES));
        await tx.query('SELECT issue_rollup_rebuild()');
        expect(await tx.query(CELLS_KEPT)).toEqual(await tx.query(CELLS_FROM_ISSUES));
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  });

  it('answers the unfiltered view (issue_cell) as the rollup answers a filter naming every value', async () => {
    const all = new URLSearchParams({
      category: ISSUE_CATEGORIES.join(','),
      status: ISSUE_STATUSES.join(','),
      level: HANDLING_LEVELS.join(','),
    }).toString();
    for (const zoom of [9, 11.5, 13]) {
      const unfiltered = await t.app().inject(`/api/issues/cells?zoom=${zoom}`);
      const filtered = await t.app().inject(`/api/issues/cells?zoom=${zoom}&${all}`);
      expect(unfiltered.statusCode).toBe(200);
      expect(unfiltered.json().total).toBeGreaterThan(0);
      expect(unfiltered.json()).toEqual(filtered.json());
    }
  });
});

describe('area figures', () => {
  const t = useTestApp();

  /** The zone, the largest 片区, one of its 社区 and one of that 社区's 小区. */
  async function sampleCodes(q: Queryable): Promise<string[]> {
    const [r] = await q.query<{ zone: string; pianqu: string; shequ: string; xiaoqu: string }>(
      `SELECT p.parent_code AS zone, p.code AS pianqu, s.code AS shequ, min(x.code) AS xiaoqu
       FROM area p JOIN area s ON s.parent_code = p.code JOIN area x ON x.parent_code = s.code
       WHERE p.level = 'pianqu'
       GROUP BY p.parent_code, p.code, s.code
       ORDER BY p.code, s.code LIMIT 1`,
    );
    return [r!.zone, r!.pianqu, r!.shequ, r!.xiaoqu];
  }

  async function expectAllEqual(tx: Tx, codes: string[]) {
    const engine = figuresRepository(tx);
    const figures = await engine.figures(codes, ALL);
    for (const code of codes) {
      expect(figuresOf(figures.get(code)!), code).toEqual(await expectedFigures(tx, code));
    }
  }

  const referenceOf = (tx: Tx, codes: string[]) =>
    Promise.all(codes.map((c) => expectedFigures(tx, c)));

  /**
   * Runs `write` in a transaction that is rolled back, checking the figures after it, and that
   * the write moved at least one of them (a write touching no row would pass otherwise).
   */
  async function afterWrite(write: (tx: Tx, codes: string[]) => Promise<unknown>) {
    await t
      .db()
      .transaction(async (tx) => {
        const codes = await sampleCodes(tx);
        await expectAllEqual(tx, codes);
        const before = await referenceOf(tx, codes);
        await write(tx, codes);
        expect(await referenceOf(tx, codes)).not.toEqual(before);
        await expectAllEqual(tx, codes);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  }

  it('serves the figures of the data as read through the route', async () => {
    const codes = await sampleCodes(t.db());
    for (const code of codes) {
      const res = await t.app().inject(`/api/figures?codes=${encodeURIComponent(code)}`);
      const body = res.json<FiguresResponse>();
      expect(figuresOf(body.areas[0]!.figures), code).toEqual(await expectedFigures(t.db(), code));
    }
  });

  it('follows a write to the areas (households, party branch)', () =>
    afterWrite((tx, [, , , xiaoqu]) =>
      tx.query(
        `UPDATE area SET households = households + 7, has_party_branch = NOT has_party_branch WHERE code = $1`,
        [xiaoqu],
      ),
    ));

  it('follows a write to the sites', () =>
    // A site from another 社区 moves into the 小区: its 社区 and 小区 gain one.
    afterWrite((tx, [, , shequ, xiaoqu]) =>
      tx.query(
        `UPDATE site SET xiaoqu_code = $1 WHERE code = (
           SELECT min(s.code) FROM site s JOIN area x ON x.code = s.xiaoqu_code
           WHERE x.parent_code <> $2)`,
        [xiaoqu, shequ],
      ),
    ));

  it('follows a write to the worker posts', () =>
    afterWrite((tx, [, , , xiaoqu]) =>
      tx
        .query(`UPDATE worker_post SET count = count + 3 WHERE xiaoqu_code = $1`, [xiaoqu])
        .then(() =>
          tx.query(
            `DELETE FROM worker_post WHERE xiaoqu_code <> $1 AND role = (SELECT min(role) FROM worker_post)`,
            [xiaoqu],
          ),
        ),
    ));

  it('follows a write to the staff', () =>
    afterWrite((tx, [, , , xiaoqu]) =>
      tx.query(
        `UPDATE staff SET xiaoqu_code = $1, department = $2 WHERE code = (SELECT min(code) FROM staff)`,
        [xiaoqu, DEPARTMENTS[DEPARTMENTS.length - 1]],
      ),
    ));

  it('follows a write to the activities', () =>
    afterWrite(async (tx, [, pianqu, , xiaoqu]) => {
      await tx.query(`DELETE FROM activity WHERE code = (SELECT min(code) FROM activity)`);
      await tx.query(
        `UPDATE activity SET area_code = CASE scope WHEN 'pianqu' THEN $1 ELSE $2 END
         WHERE code IN (SELECT code FROM activity ORDER BY code DESC LIMIT 4)`,
        [pianqu, xiaoqu],
      );
    }));

  it('follows a write to the projects', () =>
    afterWrite((tx, [, , shequ]) =>
      tx.query(
        `UPDATE project SET area_code = $1, status = 'completed' WHERE code = (SELECT min(code) FROM project)`,
        [shequ],
      ),
    ));

  it('follows a write to the credit months, including a new latest month', () =>
    afterWrite((tx, [, , , xiaoqu]) =>
      tx.query(
        `INSERT INTO credit_monthly (xiaoqu_code, month, points, participants)
         VALUES ($1, (SELECT max(month) + interval '1 month' FROM credit_monthly)::date, 50, 4)`,
        [xiaoqu],
      ),
    ));

  it('follows a planner apply moving a 社区 to another 片区', () =>
    afterWrite(async (tx, [, pianqu, shequ]) => {
      const [other] = await tx.query<{ code: string }>(
        `SELECT min(code) AS code FROM area WHERE level = 'pianqu' AND code <> $1`,
        [pianqu],
      );
      await tx.query(`UPDATE area SET parent_code = $1 WHERE code = $2`, [other!.code, shequ]);
      await expectAllEqual(tx, [other!.code]);
    }));
});
