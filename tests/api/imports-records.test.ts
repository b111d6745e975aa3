/** The issue CSV import: encodings, coordinate systems, and every way a row can be wrong. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { fromWgs84, metresBetween } from '../../server/features/imports/coords.ts';
import {
  ISSUE_HEADER,
  csvBytes,
  issueRows,
  xiaoquPoints,
  type Cell,
} from '../support/import-files.ts';
import {
  ISSUES,
  dataFingerprint,
  idBlocks,
  postImport,
  restoreImport,
} from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

let db: Db;
let app: FastifyInstance;
let admin: string;

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp({ importMaxBytes: 2 * 1024 * 1024 }));
}, 120_000);
afterAll(() => stopScratchApp(app, db));

const ids = idBlocks();

const restore = (importId: number | null) => restoreImport(app, admin, importId);

describe('issues CSV', () => {
  it('dry run reports every row valid and writes nothing', async () => {
    const before = await dataFingerprint(db);
    const rows = issueRows(await xiaoquPoints(db, 20), ids(20));
    const { status, report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({
      rows: 20,
      valid: 20,
      applied: false,
      errorCount: 0,
      encoding: 'utf-8',
    });
    expect(report.mapping).toMatchObject({
      id: '工单编号',
      category: '问题类别',
      lon: '经度',
      lat: '纬度',
    });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('imports the rows with Chinese values, moves the issues data version, and restores', async () => {
    const before = await dataFingerprint(db);
    const [v0] = await db.query<{ version: number }>(
      "SELECT version::int FROM data_version WHERE layer = 'issues'",
    );
    const first = ids(10);
    const { status, report } = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([ISSUE_HEADER, ...issueRows(await xiaoquPoints(db, 10), first)]),
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({ applied: true, inserted: 10, updated: 0 });
    const rows = await db.query<{ category: string; status: string; reported_at: string }>(
      `SELECT category, status, to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS reported_at FROM issue WHERE id = $1`,
      [first],
    );
    expect(rows[0]).toEqual({
      category: 'parking',
      status: 'resolved',
      reported_at: '2026-03-05 09:30',
    });
    const [v1] = await db.query<{ version: number }>(
      "SELECT version::int FROM data_version WHERE layer = 'issues'",
    );
    expect(v1!.version).toBeGreaterThan(v0!.version);
    await restore(report.importId);
    const after = JSON.parse(await dataFingerprint(db));
    const was = JSON.parse(before);
    for (const k of ['area', 'issue', 'site', 'staff', 'activity', 'rollup'])
      expect(after[k]).toBe(was[k]);
  });

  it('reads a GBK file (Excel CSV in China) by detecting its encoding', async () => {
    const rows = issueRows(await xiaoquPoints(db, 5), ids(5));
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows], 'gbk'),
    );
    expect(report).toMatchObject({ encoding: 'gb18030', valid: 5, errorCount: 0 });
    expect(report.columns).toEqual(ISSUE_HEADER);
  });

  it('refuses a GBK file declared UTF-8, naming the line', async () => {
    const rows = issueRows(await xiaoquPoints(db, 5), ids(5));
    const { status, report } = await postImport(
      app,
      admin,
      { ...ISSUES, encoding: 'utf-8', dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows], 'gbk'),
    );
    expect(status).toBe(422);
    expect(report.problems[0]).toMatchObject({ problem: 'encoding_invalid', row: 1 });
  });

  it('converts GCJ-02 to WGS84 within 1 m of where the issue is', async () => {
    const points = await xiaoquPoints(db, 12);
    const first = ids(points.length);
    const gcj = points.map((p) => {
      const [lon, lat] = fromWgs84([p.lon, p.lat], 'gcj02');
      return { ...p, lon, lat };
    });
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, crs: 'gcj02' },
      csvBytes([ISSUE_HEADER, ...issueRows(gcj, first)]),
    );
    expect(report.applied).toBe(true);
    const stored = await db.query<{ id: number; lon: number; lat: number }>(
      'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM issue WHERE id >= $1 AND id < $2 ORDER BY id',
      [first, first + points.length],
    );
    const off = stored.map((s, i) =>
      metresBetween([s.lon, s.lat], [points[i]!.lon, points[i]!.lat]),
    );
    expect(Math.max(...off)).toBeLessThan(1);
    await restore(report.importId);
  });

  it('says a GCJ-02 file declared WGS84 looks like GCJ-02, before writing', async () => {
    const before = await dataFingerprint(db);
    const points = (await xiaoquPoints(db, 40)).map((p) => {
      const [lon, lat] = fromWgs84([p.lon, p.lat], 'gcj02');
      return { ...p, lon, lat };
    });
    const { status, report } = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([
        ISSUE_HEADER,
        ...issueRows(points, ids(40)).map((r) => [...r.slice(0, 5), null, ...r.slice(6)]),
      ]),
    );
    expect(status).toBe(422);
    const crs = report.problems.find((p) => p.problem === 'crs_suspect');
    expect(crs?.params).toMatchObject({ declared: 'wgs84', suggested: 'gcj02' });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('names the row and column of a date that cannot be read', async () => {
    const rows = issueRows(await xiaoquPoints(db, 3), ids(3));
    rows[1]![3] = '2026-13-45 10:00';
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'value_invalid', row: 3, field: 'reported_at' }),
    ]);
  });

  it('names the row of a coordinate that is not a number', async () => {
    const rows = issueRows(await xiaoquPoints(db, 3), ids(3));
    rows[2]![6] = '东经122度';
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'value_invalid', row: 4, field: 'lon' }),
    ]);
  });

  it('reports a point in the sea outside the zone', async () => {
    const rows = issueRows(await xiaoquPoints(db, 3), ids(3));
    rows[0]![5] = null;
    rows[0]![6] = '122.3';
    rows[0]![7] = '37.6';
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    const p = report.problems.find((x) => x.problem === 'outside_zone');
    expect(p).toMatchObject({ row: 2, location: [122.3, 37.6] });
    expect(p!.message).toContain('in the sea');
  });

  it('reports a duplicate id with the row it first appeared on', async () => {
    const rows = issueRows(await xiaoquPoints(db, 3), ids(3));
    rows[2]![0] = rows[0]![0]!;
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'duplicate', row: 4, params: { first: 2 } }),
    ]);
  });

  it('reports a 小区 code that is not in the database', async () => {
    const rows = issueRows(await xiaoquPoints(db, 2), ids(2));
    rows[1]![5] = 'XQ999';
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'area_unknown', row: 3, code: String(rows[1]![0]) }),
    ]);
  });

  it('assigns a point without a 小区 code to the 小区 it is in', async () => {
    const points = await xiaoquPoints(db, 4);
    const rows = issueRows(points, ids(4)).map((r) => [...r.slice(0, 5), null, ...r.slice(6)]);
    const { report } = await postImport(app, admin, ISSUES, csvBytes([ISSUE_HEADER, ...rows]));
    expect(report.applied).toBe(true);
    const got = await db.query<{ xiaoqu_code: string }>(
      'SELECT xiaoqu_code FROM issue WHERE id = ANY($1::int[]) ORDER BY id',
      [rows.map((r) => r[0])],
    );
    expect(got.map((g) => g.xiaoqu_code)).toEqual(points.map((p) => p.code));
    await restore(report.importId);
  });

  it('reports a file cut off inside a quoted cell', async () => {
    const text = csvBytes([ISSUE_HEADER, ...issueRows(await xiaoquPoints(db, 3), ids(3))]).toString(
      'utf8',
    );
    const cut = text.slice(0, text.lastIndexOf('\r\n', text.length - 3)) + '\r\n"905000,停车';
    const { report } = await postImport(app, admin, { ...ISSUES, dryRun: true }, cut);
    expect(report.problems.map((p) => p.problem)).toContain('file_truncated');
  });

  it('reports a last row with fewer cells than the header', async () => {
    const rows: Cell[][] = issueRows(await xiaoquPoints(db, 3), ids(3));
    rows[2] = rows[2]!.slice(0, 4);
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'row_columns', row: 4, params: { cells: 4, columns: 8 } }),
    ]);
  });

  it('answers a header it cannot parse (a stray quote) with a report, not a hang', async () => {
    const { status, report } = await postImport(
      app,
      admin,
      { kind: 'sites', fileName: 'x.csv' },
      'h":$^c"',
    );
    expect(status).toBe(422);
    expect(report.problems[0]!.problem).toBe('file_unreadable');
  });

  it('reports an empty file', async () => {
    const { status, report } = await postImport(app, admin, ISSUES, '');
    expect(status).toBe(422);
    expect(report.problems[0]!.problem).toBe('file_empty');
  });

  it('reports a header without rows as empty', async () => {
    const { report } = await postImport(app, admin, ISSUES, csvBytes([ISSUE_HEADER]));
    expect(report.problems[0]!.problem).toBe('file_empty');
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const { status, report } = await postImport(app, admin, ISSUES, big);
    expect(status).toBe(413);
    expect(report.problems[0]).toMatchObject({ problem: 'file_too_large', params: { limitMb: 2 } });
  });

  it('names a required field no column maps to', async () => {
    const header = ISSUE_HEADER.map((h) => (h === '经度' ? '东经' : h));
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, dryRun: true },
      csvBytes([header, ...issueRows(await xiaoquPoints(db, 2), ids(2))]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'column_missing', field: 'lon' }),
    ]);
  });

  it('leaves the database unchanged when one row of many is bad', async () => {
    const before = await dataFingerprint(db);
    const rows = issueRows(await xiaoquPoints(db, 100), ids(100));
    rows[57]![2] = '不知道';
    const { status, report } = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([ISSUE_HEADER, ...rows]),
    );
    expect(status).toBe(422);
    expect(report).toMatchObject({ applied: false, errorCount: 1, valid: 99 });
    expect(await dataFingerprint(db)).toBe(before);
  });

  it('reports text damaged by a wrong encoding before the file was saved', async () => {
    const header = ['code', 'name', 'room_kind', 'opening_hours', 'floor_area_m2', 'lon', 'lat'];
    const [p] = await xiaoquPoints(db, 1);
    const { report } = await postImport(
      app,
      admin,
      { kind: 'sites', fileName: 's.csv', dryRun: true },
      csvBytes([header, ['LJ900', 'Ã¤Â¸Â­Ã¦Â–Â‡', '闲置用房', '09:00-17:00', 80, p!.lon, p!.lat]]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'value_invalid', row: 2, field: 'name' }),
    ]);
  });
});
