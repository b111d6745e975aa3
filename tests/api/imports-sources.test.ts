/** Record imports beyond one issue file: saved mappings, other kinds, restores and the list. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { fromWgs84, metresBetween } from '../../server/features/imports/coords.ts';
import { ISSUE_HEADER, csvBytes, issueRows, xiaoquPoints } from '../support/import-files.ts';
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

describe('saved sources and other kinds', () => {
  it('uses the mapping saved for a source on its next file', async () => {
    const header = ['单号', '类型', '状态', '时间', '完成', '小区', 'X', 'Y'];
    const mapping = {
      id: '单号',
      category: '类型',
      status: '状态',
      reported_at: '时间',
      resolved_at: '完成',
      xiaoqu_code: '小区',
      lon: 'X',
      lat: 'Y',
    };
    const points = await xiaoquPoints(db, 2);
    const first = await postImport(
      app,
      admin,
      { ...ISSUES, source: '12345热线', mapping: JSON.stringify(mapping) },
      csvBytes([header, ...issueRows(points, ids(2))]),
    );
    expect(first.report.applied).toBe(true);
    const second = await postImport(
      app,
      admin,
      { ...ISSUES, source: '12345热线', dryRun: true },
      csvBytes([header, ...issueRows(points, ids(2))]),
    );
    expect(second.report).toMatchObject({ errorCount: 0, mapping });
    await restore(first.report.importId);
  });

  it('keeps the leading zeros of codes', async () => {
    const [p] = await xiaoquPoints(db, 1);
    const header = ['编码', '名称', '用房类型', '开放时间', '面积', '经度', '纬度'];
    const { report } = await postImport(
      app,
      admin,
      { kind: 'sites', fileName: '邻里之家.csv' },
      csvBytes([header, ['007', '测试邻里之家', '闲置用房', '09:00-17:00', '80', p!.lon, p!.lat]]),
    );
    expect(report.applied).toBe(true);
    const [site] = await db.query<{ code: string; xiaoqu_code: string }>(
      "SELECT code, xiaoqu_code FROM site WHERE code = '007'",
    );
    expect(site).toEqual({ code: '007', xiaoqu_code: p!.code });
    await restore(report.importId);
  });

  it('replaces a whole table with the file, and a restore brings every row back', async () => {
    const before = await dataFingerprint(db);
    const sites = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM site');
    const [p] = await xiaoquPoints(db, 1);
    const header = ['编码', '名称', '用房类型', '开放时间', '面积', '经度', '纬度'];
    const { report } = await postImport(
      app,
      admin,
      { kind: 'sites', fileName: '邻里之家.csv', mode: 'replace' },
      csvBytes([
        header,
        ['LJ-NEW-1', '唯一的邻里之家', '党群服务站', '09:00-17:00', '120', p!.lon, p!.lat],
      ]),
    );
    expect(report).toMatchObject({ applied: true, inserted: 1, deleted: sites[0]!.n });
    expect(await db.query('SELECT code FROM site')).toEqual([{ code: 'LJ-NEW-1' }]);
    await restore(report.importId);
    expect(JSON.parse(await dataFingerprint(db)).site).toBe(JSON.parse(before).site);
  });

  it('converts BD-09 (Baidu) coordinates to within 1 m', async () => {
    const points = await xiaoquPoints(db, 5);
    const first = ids(points.length);
    const bd = points.map((p) => {
      const [lon, lat] = fromWgs84([p.lon, p.lat], 'bd09');
      return { ...p, lon, lat };
    });
    const { report } = await postImport(
      app,
      admin,
      { ...ISSUES, crs: 'bd09' },
      csvBytes([ISSUE_HEADER, ...issueRows(bd, first)]),
    );
    expect(report.applied).toBe(true);
    const stored = await db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM issue WHERE id >= $1 AND id < $2 ORDER BY id',
      [first, first + points.length],
    );
    expect(
      Math.max(
        ...stored.map((s, i) => metresBetween([s.lon, s.lat], [points[i]!.lon, points[i]!.lat])),
      ),
    ).toBeLessThan(1);
    await restore(report.importId);
  });

  it('names a duty schedule it cannot read', async () => {
    const [p] = await xiaoquPoints(db, 1);
    const { report } = await postImport(
      app,
      admin,
      { kind: 'staff', fileName: '下沉人员.csv', dryRun: true },
      csvBytes([
        ['编号', '部门', '小区编码', '值守时间'],
        ['ST900', '派出所', p!.code, '随叫随到'],
      ]),
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ problem: 'value_invalid', row: 2, field: 'duty_schedule' }),
    ]);
  });

  it('refuses to restore an import that a later one followed', async () => {
    const points = await xiaoquPoints(db, 1);
    const a = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([ISSUE_HEADER, ...issueRows(points, ids(1))]),
    );
    const b = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([ISSUE_HEADER, ...issueRows(points, ids(1))]),
    );
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/imports/${a.report.importId}/restore`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`restore it first`);
    await restore(b.report.importId);
    await restore(a.report.importId);
  });

  it('lists imports newest first with which one can be restored', async () => {
    const a = await postImport(
      app,
      admin,
      ISSUES,
      csvBytes([ISSUE_HEADER, ...issueRows(await xiaoquPoints(db, 1), ids(1))]),
    );
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/imports',
      headers: { cookie: admin },
    });
    const [latest] = res.json();
    expect(latest).toMatchObject({
      id: a.report.importId,
      status: 'applied',
      restorable: true,
      inserted: 1,
    });
    await restore(a.report.importId);
  });
});
