import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  ACTIVITY_KINDS,
  COMPOUND_TYPES,
  DEPARTMENTS,
  FIGURE_DEFINITIONS,
  HANDLING_LEVELS,
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  SITE_ROOM_KINDS,
  VOCABULARY_KINDS,
  type FiguresResponse,
  type Vocabulary,
  type VocabularyKind,
} from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { ISSUE_HEADER, csvBytes, xiaoquPoints, type Cell } from '../support/import-files.ts';
import { dataFingerprint, postImport } from '../support/imports.ts';
import { startScratchApp, stopScratchApp } from '../support/test-app.ts';

let db: Db;
let app: FastifyInstance;
let admin: string;

beforeAll(async () => {
  ({ db, app, admin } = await startScratchApp({ publicDemo: true }));
}, 120_000);
afterAll(() => stopScratchApp(app, db));

/** The table of each list, written here rather than taken from the server's code. */
const TABLES: Record<VocabularyKind, string> = {
  issueCategory: 'vocab_issue_category',
  issueStatus: 'vocab_issue_status',
  handlingLevel: 'vocab_handling_level',
  department: 'vocab_department',
  compoundType: 'vocab_compound_type',
  siteRoomKind: 'vocab_room_kind',
  activityKind: 'vocab_activity_kind',
};

const vocabulary = async (): Promise<Vocabulary> => {
  const res = await app.inject({ method: 'GET', url: '/api/vocabulary' });
  expect(res.statusCode).toBe(200);
  return res.json() as Vocabulary;
};

const rowsOf = (kind: VocabularyKind) =>
  db.query<{ key: string; zh: string; en: string; synonyms: string[] }>(
    `SELECT key, zh, en, to_json(synonyms) AS synonyms FROM ${TABLES[kind]} ORDER BY position, key`,
  );

const zoneCode = async () =>
  (await db.query<{ code: string }>("SELECT code FROM area WHERE level = 'chengqu'"))[0]!.code;

/** Ids far above the demo's, so new rows never collide with seeded ones. */
let nextId = 950_000;

/** Issue rows at the first compounds, one per category cell, in Chinese values otherwise. */
async function issueCsv(categories: string[]): Promise<{ bytes: Buffer; ids: number[] }> {
  const points = await xiaoquPoints(db, categories.length);
  const ids = categories.map(() => nextId++);
  const rows: Cell[][] = categories.map((c, i) => [
    ids[i]!,
    c,
    '处理中',
    '2026/3/5 09:30',
    '',
    points[i]!.code,
    points[i]!.lon.toFixed(7),
    points[i]!.lat.toFixed(7),
  ]);
  return { bytes: csvBytes([ISSUE_HEADER, ...rows]), ids };
}

const ISSUES = { kind: 'issues', fileName: '工单导出.csv' };

describe('GET /api/vocabulary', () => {
  it('returns every row of every list, in its order', async () => {
    const served = await vocabulary();
    expect(Object.keys(served).sort()).toEqual([...VOCABULARY_KINDS].sort());
    for (const kind of VOCABULARY_KINDS) expect(served[kind]).toEqual(await rowsOf(kind));
  });

  it('holds every default key the designed symbols know, named in zh-CN and in English', async () => {
    const defaults: Record<VocabularyKind, readonly string[]> = {
      issueCategory: ISSUE_CATEGORIES,
      issueStatus: ISSUE_STATUSES,
      handlingLevel: HANDLING_LEVELS,
      department: DEPARTMENTS,
      compoundType: COMPOUND_TYPES,
      siteRoomKind: SITE_ROOM_KINDS,
      activityKind: ACTIVITY_KINDS,
    };
    for (const kind of VOCABULARY_KINDS) {
      const rows = new Map((await rowsOf(kind)).map((r) => [r.key, r]));
      for (const key of defaults[kind]) {
        expect(rows.get(key)?.zh, `${kind}.${key}`).toMatch(/[\u4e00-\u9fff]/);
        expect(rows.get(key)?.en, `${kind}.${key}`).toMatch(/^[^\u4e00-\u9fff]+$/);
      }
    }
  });

  it('keeps the keys SQL gives a meaning to: a new status is refused by the schema', async () => {
    await expect(
      db.query(
        "INSERT INTO vocab_issue_status (key, zh, en, position) VALUES ('cancelled', '已撤销', 'Cancelled', 9)",
      ),
    ).rejects.toThrow(/vocab_issue_status_fixed/);
  });

  it('refuses a record whose category is no row', async () => {
    await expect(
      db.query(
        `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
         SELECT 990001, 'no_such', 'open', 'xiaoqu', now(), code, label_point
         FROM area WHERE level = 'xiaoqu' LIMIT 1`,
      ),
    ).rejects.toThrow(/issue_category_fkey/);
  });
});

describe('issue filters with keys the vocabulary holds', () => {
  it('answers 400 naming a category key that is no row', async () => {
    const known = (await rowsOf('issueCategory'))[0]!.key;
    for (const url of [
      `/api/figures?codes=${await zoneCode()}&category=${known},heating_x`,
      `/api/issues/cells?zoom=10&category=heating_x`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('heating_x');
      expect(res.json().message).not.toContain(known);
    }
  });

  it('takes every category the vocabulary holds', async () => {
    const keys = (await rowsOf('issueCategory')).map((r) => r.key).join(',');
    const res = await app.inject({
      method: 'GET',
      url: `/api/issues/cells?zoom=10&category=${keys}`,
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('CSV export', () => {
  it('labels the categories, statuses, levels and departments with their rows zh', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/areas/${await zoneCode()}/profile.csv`,
    });
    expect(res.statusCode).toBe(200);
    const labels = (parse(res.body, { bom: true }) as string[][]).map((r) => r[0]!);
    const under = (key: string) => {
      const zh = FIGURE_DEFINITIONS.find((d) => d.key === key)!.zh;
      return labels.filter((l) => l.startsWith(`${zh}·`)).map((l) => l.slice(zh.length + 1));
    };
    const zhOf = async (kind: VocabularyKind) => (await rowsOf(kind)).map((r) => r.zh);
    expect(under('issues.byCategory')).toEqual(await zhOf('issueCategory'));
    expect(under('issues.byStatus')).toEqual(await zhOf('issueStatus'));
    expect(under('issues.byHandlingLevel')).toEqual(await zhOf('handlingLevel'));
    expect(under('staffByDepartment')).toEqual(await zhOf('department'));
  });
});

describe('import value matching', () => {
  it('reads a category by its key, zh name, English name or synonym', async () => {
    const terms = (await rowsOf('issueCategory')).filter((t) => t.synonyms.length > 0);
    const cells = terms.flatMap((t) => [t.key, t.zh, t.en.toUpperCase(), t.synonyms.at(-1)!]);
    const { bytes, ids } = await issueCsv(cells);
    const { status, report } = await postImport(app, admin, ISSUES, bytes);
    expect(status).toBe(200);
    expect(report).toMatchObject({ applied: true, errorCount: 0, addedTerms: [] });
    const stored = await db.query<{ id: number; category: string }>(
      'SELECT id, category FROM issue WHERE id = ANY ($1::int[]) ORDER BY id',
      [ids],
    );
    expect(stored.map((r) => r.category)).toEqual(
      terms.flatMap((t) => [t.key, t.key, t.key, t.key]),
    );
  });
});

describe('a category an import brings', () => {
  it('is only reported by a dry run, which adds nothing', async () => {
    const before = await dataFingerprint(db);
    const { bytes } = await issueCsv(['供暖', '供暖']);
    const { status, report } = await postImport(app, admin, { ...ISSUES, dryRun: true }, bytes);
    expect(status).toBe(200);
    expect(report.addedTerms).toEqual([{ kind: 'issueCategory', key: 'gong_nuan', zh: '供暖' }]);
    expect(report.problems.filter((p) => p.problem === 'term_added')).toHaveLength(1);
    expect(await dataFingerprint(db)).toBe(before);
    expect((await rowsOf('issueCategory')).some((r) => r.zh === '供暖')).toBe(false);
  });

  it('is not added when the import fails', async () => {
    const { bytes } = await issueCsv(['燃气', '燃气']);
    const bad = bytes.toString('utf8').replace('2026/3/5 09:30', '2026/13/5 09:30');
    const { status, report } = await postImport(app, admin, ISSUES, bad);
    expect(status).toBe(422);
    expect(report.applied).toBe(false);
    expect((await rowsOf('issueCategory')).some((r) => r.zh === '燃气')).toBe(false);
  });

  it('is added with the records, served by /api/vocabulary and counted by the figures', async () => {
    const { bytes, ids } = await issueCsv(['绿化养护', '绿化养护', '绿化养护']);
    const { status, report } = await postImport(app, admin, ISSUES, bytes);
    expect(status).toBe(200);
    expect(report.applied).toBe(true);
    expect(report.addedTerms).toEqual([
      { kind: 'issueCategory', key: 'lv_hua_yang_hu', zh: '绿化养护' },
    ]);
    const served = (await vocabulary()).issueCategory;
    expect(served.at(-1)).toEqual({
      key: 'lv_hua_yang_hu',
      zh: '绿化养护',
      en: '绿化养护',
      synonyms: [],
    });
    const stored = await db.query<{ category: string }>(
      'SELECT DISTINCT category FROM issue WHERE id = ANY ($1::int[])',
      [ids],
    );
    expect(stored).toEqual([{ category: 'lv_hua_yang_hu' }]);

    const res = await app.inject({ method: 'GET', url: `/api/figures?codes=${await zoneCode()}` });
    expect(res.statusCode).toBe(200);
    const figures = (res.json() as FiguresResponse).areas[0]!.figures;
    const [count] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM issue WHERE category = 'lv_hua_yang_hu'",
    );
    expect(figures.issues.byCategory.find((c) => c.category === 'lv_hua_yang_hu')).toEqual({
      category: 'lv_hua_yang_hu',
      total: count!.n,
      resolved: 0,
    });
    expect(count!.n).toBe(3);
  });

  it('adds a department named in Chinese from a staff file', async () => {
    const [x] = await xiaoquPoints(db, 1);
    const header = ['人员编号', '部门', '所属小区编码', '值守时间'];
    const rows: Cell[][] = [['ZZ-VOCAB-1', '司法所', x!.code, '周一至周五 09:00-17:00']];
    const { status, report } = await postImport(
      app,
      admin,
      { kind: 'staff', fileName: '下沉人员.csv' },
      csvBytes([header, ...rows]),
    );
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(status).toBe(200);
    const [term] = report.addedTerms;
    expect(term).toMatchObject({ kind: 'department', zh: '司法所' });
    const [stored] = await db.query<{ department: string }>(
      "SELECT department FROM staff WHERE code = 'ZZ-VOCAB-1'",
    );
    expect(stored!.department).toBe(term!.key);
    expect((await vocabulary()).department.map((d) => d.key)).toContain(term!.key);
  });
});
