/** The issue overlay: its cells, points and bbox answers checked against the issue table. */
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthEnd } from '../../client/state/linked-filters.ts';
import type { Queryable } from '../../server/db/db.ts';
import {
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  HANDLING_LEVELS,
  type IssueCells,
} from '../../server/contract/index.ts';
import { recordMonth } from '../support/demo-record.ts';
import { useTestApp } from '../support/test-app.ts';
import { tileOf } from '../support/tiles.ts';

/** A random but valid set of map filters. */
const filterArb = fc.record(
  {
    category: fc.subarray([...ISSUE_CATEGORIES], { minLength: 1 }).map((v) => v.join(',')),
    status: fc.subarray([...ISSUE_STATUSES], { minLength: 1 }).map((v) => v.join(',')),
    level: fc.subarray([...HANDLING_LEVELS], { minLength: 1 }).map((v) => v.join(',')),
    from: fc.constantFrom(recordMonth(0), recordMonth(6), recordMonth(15)),
    to: fc.constantFrom(recordMonth(18), recordMonth(35)),
    at: fc.constantFrom(recordMonth(7), recordMonth(20), recordMonth(34)),
  },
  { requiredKeys: [] },
);

/**
 * The issues a filter selects, counted straight from the issue table by code written here
 * (not the server's SQL functions): the reference the map's answers are checked against.
 */
async function expectedIssues(db: Queryable, f: Record<string, string>) {
  const rows = await db.query<{
    category: string;
    status: string;
    handling_level: string;
    reported: string;
    resolved: string | null;
  }>(
    `SELECT category, status, handling_level,
            to_char((reported_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS reported,
            to_char((resolved_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS resolved
     FROM issue`,
  );
  const inList = (v: string, list?: string) => !list || list.split(',').includes(v);
  const statusAt = (r: (typeof rows)[number]) =>
    !f.at
      ? r.status
      : r.resolved && r.resolved <= f.at
        ? 'resolved'
        : r.status === 'resolved'
          ? 'in_progress'
          : r.status;
  return rows
    .filter(
      (r) =>
        inList(r.category, f.category) &&
        inList(statusAt(r), f.status) &&
        inList(r.handling_level, f.level) &&
        (!f.from || r.reported >= f.from) &&
        (!f.to || r.reported <= f.to) &&
        (!f.at || r.reported <= f.at),
    )
    .map((r) => ({ ...r, statusAt: statusAt(r) }));
}

/**
 * The zone's figures for a map filter: its months become the figures' window (its end, the
 * replayed month or `to`, is the day they are read at), the rest stays an issue filter.
 */
function zoneFiguresUrl(f: Record<string, string>): string {
  const { from, to, at, ...lists } = f;
  const end = at && (!to || at < to) ? at : to;
  const params = new URLSearchParams({ codes: '371071', ...lists });
  if (from || end) {
    params.set('window', 'range');
    params.set('from', from ? `${from}-01` : '1900-01-01');
    params.set('to', end ? monthEnd(end) : '2999-12-31');
  }
  return `/api/figures?${params.toString().replace(/%2C/g, ',')}`;
}

/** A map filter as the figures read it: as of the window's end. */
const asFigures = (f: Record<string, string>) => {
  const end = f.at && (!f.to || f.at < f.to) ? f.at : f.to;
  return end ? { ...f, at: end } : f;
};

describe('issue overlay', () => {
  const t = useTestApp();
  const qs = (f: Record<string, string>) => new URLSearchParams(f).toString();

  it('counts the filtered issues in the grid cells, for any filter', async () => {
    await fc.assert(
      fc.asyncProperty(filterArb, fc.constantFrom(9, 11.5, 13), async (f, zoom) => {
        if (f.from && f.to && f.from > f.to) return;
        const res = await t.app().inject(`/api/issues/cells?zoom=${zoom}&${qs(f)}`);
        expect(res.statusCode).toBe(200);
        const expected = await expectedIssues(t.db(), f);
        const body = res.json();
        expect(body.total).toBe(expected.length);
        const unresolved = body.features.reduce(
          (a: number, { properties: c }: { properties: { unresolved: number } }) =>
            a + c.unresolved,
          0,
        );
        expect(unresolved).toBe(expected.filter((e) => e.statusAt !== 'resolved').length);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps the rollup equal to a fresh count through inserts, resolutions and deletes', async () => {
    const db = t.db();
    const fresh = `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'resolved')::int AS open FROM issue`;
    const rolled = `SELECT sum(n)::int AS n, (sum(n) FILTER (WHERE status <> 'resolved'))::int AS open FROM issue_rollup WHERE zoom = 12`;
    // Rolled back at the end, so the shared database on PostgreSQL is left as it was.
    await db
      .transaction(async (tx) => {
        const [x] = await tx.query<{ code: string; lon: number; lat: number }>(
          `SELECT code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat FROM area WHERE level = 'xiaoqu' LIMIT 1`,
        );
        await tx.query(
          `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
           VALUES (900001, 'parking', 'open', 'xiaoqu', '2026-11-20T09:00:00+08:00', $1, ST_SetSRID(ST_MakePoint($2, $3), 4326)),
                  (900002, 'roads', 'open', 'shequ', '2026-11-21T09:00:00+08:00', $1, ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
          [x!.code, x!.lon, x!.lat],
        );
        expect(await tx.query(rolled)).toEqual(await tx.query(fresh));
        await tx.query(
          `UPDATE issue SET status = 'resolved', resolved_at = '2026-11-25T10:00:00+08:00' WHERE id = 900001`,
        );
        expect(await tx.query(rolled)).toEqual(await tx.query(fresh));
        await tx.query('DELETE FROM issue WHERE id IN (900001, 900002)');
        expect(await tx.query(rolled)).toEqual(await tx.query(fresh));
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  });

  it('rebuilds in one statement exactly the rollup the triggers keep', async () => {
    const db = t.db();
    const rows = `SELECT zoom, cx, cy, category, status, handling_level,
                         reported_month::text, resolved_month::text, n
                  FROM issue_rollup WHERE n <> 0
                  ORDER BY zoom, cx, cy, category, status, handling_level, reported_month, resolved_month`;
    // Rolled back at the end, so the shared database on PostgreSQL is left as it was.
    await db
      .transaction(async (tx) => {
        const kept = await tx.query(rows);
        await tx.query('SELECT issue_rollup_rebuild()');
        const rebuilt = await tx.query(rows);
        expect(rebuilt.length).toBeGreaterThan(0);
        expect(rebuilt).toEqual(kept);
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
  });

  it('draws filtered issue points in tiles, with their attributes and no personal data', async () => {
    const [p] = await t
      .db()
      .query<{ lon: number; lat: number }>(
        `SELECT ST_X(geom)::float8 AS lon, ST_Y(geom)::float8 AS lat FROM issue WHERE category = 'parking' ORDER BY id LIMIT 1`,
      );
    const z = 13;
    const { x, y } = tileOf(p!.lon, p!.lat, z);
    const res = await t.app().inject(`/tiles/issues/${z}/${x}/${y}.mvt?category=parking`);
    expect(res.statusCode).toBe(200);
    const layer = new VectorTile(new Pbf(res.rawPayload)).layers.issues!;
    const [expected] = await t.db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM issue
       WHERE category = 'parking' AND geom && ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)`,
      [z, x, y],
    );
    expect(layer.length).toBe(expected!.n);
    const props = layer.feature(0).properties;
    expect(Object.keys(props).sort()).toEqual(
      ['category', 'handling_level', 'reported_on', 'resolved_on', 'status', 'xiaoqu'].sort(),
    );
    expect(props.category).toBe('parking');
    expect(layer.feature(0).id).toBeGreaterThan(0);
  });

  it('refuses issue points below zoom 12, pointing to the cells', async () => {
    const res = await t.app().inject('/tiles/issues/10/850/390.mvt');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('/api/issues/cells');
  });

  it('counts escalations to 片区 as the issue table does', async () => {
    const f = { from: recordMonth(6), category: 'roads,power_grid,disputes' };
    const res = await t.app().inject(`/api/issues/escalations?${qs(f)}`);
    const sum = res
      .json()
      .features.reduce(
        (a: number, e: { properties: { count: number } }) => a + e.properties.count,
        0,
      );
    const expected = (await expectedIssues(t.db(), f)).filter((e) => e.handling_level === 'pianqu');
    expect(sum).toBe(expected.length);
  });

  it('applies the map filters to the statistics panel', async () => {
    const f = { category: 'parking', status: 'resolved' };
    const res = await t.app().inject(zoneFiguresUrl(f));
    expect(res.json().areas[0].figures.issues.total).toBe((await expectedIssues(t.db(), f)).length);
  });

  it('counts the zone as the table does, for any filter', async () => {
    await fc.assert(
      fc.asyncProperty(filterArb, async (f) => {
        const res = await t.app().inject(zoneFiguresUrl(f));
        const expected = await expectedIssues(t.db(), asFigures(f));
        const end = asFigures(f).at;
        if (f.from && end && f.from > end) {
          // Months that select nothing make a window that ends before it starts: refused,
          // with the reason, rather than answered with zeros.
          expect(expected).toEqual([]);
          expect(res.statusCode).toBe(400);
          expect(res.json().message).toContain('after');
          return;
        }
        const issues = res.json().areas[0].figures.issues;
        expect(issues.total).toBe(expected.length);
        expect(issues.unresolved).toBe(expected.filter((e) => e.statusAt !== 'resolved').length);
        for (const c of issues.byCategory as { category: string; total: number }[]) {
          expect(c.total).toBe(expected.filter((e) => e.category === c.category).length);
        }
      }),
      { numRuns: 12 },
    );
  });

  it.each([
    ['an unknown category', '/api/issues/cells?zoom=11&category=noise'],
    ['a month that does not exist', '/api/issues/cells?zoom=11&from=2025-13'],
    ['from after to', '/api/issues/cells?zoom=11&from=2026-01&to=2025-01'],
    ['no zoom', '/api/issues/cells'],
    ['a day that does not exist', '/api/tourism/peak?at=2026-02-30T10:00'],
    ['a filter in the statistics that does not exist', '/api/figures?codes=371071&colour=red'],
  ])('answers 400 with a reason for %s', async (_what, url) => {
    const res = await t.app().inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().message.length).toBeGreaterThan(5);
  });
});

/** Web Mercator, written here as the reference: metres from a longitude and a latitude. */
const EARTH_R = 6378137;
const HALF = Math.PI * EARTH_R;
const mercX = (lon: number) => (EARTH_R * lon * Math.PI) / 180;
const mercY = (lat: number) => EARTH_R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

interface CellsAnswer {
  cellSize: number;
  total: number;
  cells: { position: [number, number]; count: number; unresolved: number }[];
}

/** The cells of an answer whose square overlaps a bbox (sharing an edge is not overlapping). */
function overlapping(answer: CellsAnswer, [w, s, e, n]: readonly number[]): CellsAnswer {
  const size = answer.cellSize;
  const cells = answer.cells.filter(({ position: [lon, lat] }) => {
    // The cell's indices from its centre (rounded to 1e-6°, far less than a cell), then its
    // exact square.
    const cx = Math.round((mercX(lon) + HALF) / size - 0.5);
    const cy = Math.round((HALF - mercY(lat)) / size - 0.5);
    const [west, east] = [cx * size - HALF, (cx + 1) * size - HALF];
    const [north, south] = [HALF - cy * size, HALF - (cy + 1) * size];
    return west < mercX(e!) && east > mercX(w!) && south < mercY(n!) && north > mercY(s!);
  });
  return { cellSize: size, total: cells.reduce((a, c) => a + c.count, 0), cells };
}

describe('issue cells within a bbox', () => {
  const t = useTestApp();
  const qs = (f: Record<string, string>) => new URLSearchParams(f).toString();
  const cells = async (query: string) => {
    const res = await t.app().inject(`/api/issues/cells?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    // The answer is GeoJSON; the checks below read its features' properties as cells.
    const body = res.json<IssueCells>();
    const answer: CellsAnswer = {
      cellSize: body.cellSize,
      total: body.total,
      cells: body.features.map((f) => f.properties),
    };
    return answer;
  };

  /** Where the issues are, [west, south, east, north]: the bboxes below are cut from it. */
  async function issueExtent(): Promise<[number, number, number, number]> {
    const [r] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT min(ST_X(geom))::float8 AS w, min(ST_Y(geom))::float8 AS s,
              max(ST_X(geom))::float8 AS e, max(ST_Y(geom))::float8 AS n FROM issue`,
    );
    return [r!.w, r!.s, r!.e, r!.n];
  }

  /** A part of the extent, by fractions of its width and height. */
  const part = ([w, s, e, n]: readonly number[], f: readonly number[]) => [
    w! + (e! - w!) * f[0]!,
    s! + (n! - s!) * f[1]!,
    w! + (e! - w!) * f[2]!,
    s! + (n! - s!) * f[3]!,
  ];

  it('answers the cells overlapping the bbox, filtered and not, as the issue table counts them', async () => {
    const bbox = part(await issueExtent(), [0.3, 0.2, 0.7, 0.6]);
    // Grid zoom 12 at map zoom 11.5: 8 cells per tile of zoom 12.
    const size = (2 * HALF) / 2 ** 12 / 8;
    const filters: Record<string, string>[] = [
      {},
      { category: 'parking,roads', status: 'open,in_progress' },
    ];
    for (const f of filters) {
      const whole = await cells(`zoom=11.5&${qs(f)}`);
      const within = await cells(`zoom=11.5&bbox=${bbox.join(',')}&${qs(f)}`);
      expect(within.cellSize).toBeCloseTo(size, 6);
      expect(within.cells.length).toBeGreaterThan(0);
      expect(within.cells.length).toBeLessThan(whole.cells.length);
      expect(within).toEqual(overlapping(whole, bbox));
      // And straight from the issues: each one's cell on the grid, kept when it overlaps the
      // bbox, which PostGIS projects.
      const [row] = await t.db().query<{ n: number }>(
        `WITH b AS (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857) AS e),
              c AS (SELECT floor((ST_X(p) + $6) / $5) AS cx, floor(($6 - ST_Y(p)) / $5) AS cy
                    FROM (SELECT ST_Transform(geom, 3857) AS p FROM issue
                          WHERE ($7::text[] IS NULL OR category = ANY ($7))
                            AND ($8::text[] IS NULL OR status = ANY ($8))) i)
         SELECT count(*)::int AS n FROM c, b
         WHERE cx * $5 - $6 < ST_XMax(e) AND (cx + 1) * $5 - $6 > ST_XMin(e)
           AND $6 - (cy + 1) * $5 < ST_YMax(e) AND $6 - cy * $5 > ST_YMin(e)`,
        [...bbox, size, HALF, f.category?.split(',') ?? null, f.status?.split(',') ?? null],
      );
      expect(within.total).toBe(row!.n);
    }
  });

  it('answers a bbox around the whole world as no bbox', async () => {
    const filters: Record<string, string>[] = [{}, { category: 'parking', at: recordMonth(20) }];
    for (const f of filters) {
      for (const zoom of [9, 13]) {
        const whole = await cells(`zoom=${zoom}&${qs(f)}`);
        expect(whole.total).toBeGreaterThan(0);
        expect(await cells(`zoom=${zoom}&bbox=-180,-85.05,180,85.05&${qs(f)}`)).toEqual(whole);
      }
    }
  });

  it('answers exactly the cells overlapping any bbox, for any filter and zoom', async () => {
    const extent = await issueExtent();
    const fraction = fc.double({ min: -0.1, max: 1.1, noNaN: true });
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fraction, fraction, fraction, fraction),
        fc.option(filterArb, { nil: undefined }),
        fc.constantFrom(9, 10, 11.5, 13),
        async ([a, b, c, d], filter, zoom) => {
          const f = filter ?? {};
          fc.pre(a !== c && b !== d && !(f.from && f.to && f.from > f.to));
          const bbox = part(extent, [
            Math.min(a, c),
            Math.min(b, d),
            Math.max(a, c),
            Math.max(b, d),
          ]);
          fc.pre(bbox[0]! < bbox[2]! && bbox[1]! < bbox[3]!);
          const whole = await cells(`zoom=${zoom}&${qs(f)}`);
          const within = await cells(`zoom=${zoom}&bbox=${bbox.join(',')}&${qs(f)}`);
          expect(within).toEqual(overlapping(whole, bbox));
        },
      ),
      { numRuns: 25 },
    );
  });

  it.each([
    ['3 numbers', '121.9,37.3,122.2', /bbox.*4 numbers, not 3/],
    ['text', 'west,south,east,north', /bbox minLon \(west\) is not a number/],
    ['characters no number has', '121.9;37.3;122.2;37.6', /bbox/],
    ['min lon after max lon', '122.2,37.3,121.9,37.6', /minLon \(122.2\) must be less than maxLon/],
    ['min lat after max lat', '121.9,37.6,122.2,37.3', /minLat \(37.6\) must be less than maxLat/],
    ['a latitude of 91', '121.9,37.3,122.2,91', /maxLat \(91\) is outside -85.05..85.05/],
    ['a longitude of -181', '-181,37.3,122.2,37.6', /minLon \(-181\) is outside -180..180/],
    ['an infinite number', '121.9,1e309,122.2,37.6', /minLat \(1e309\) is not a finite number/],
  ])('answers 400 naming the problem for a bbox with %s', async (_what, bbox, message) => {
    const res = await t.app().inject(`/api/issues/cells?zoom=11&bbox=${bbox}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });
});
