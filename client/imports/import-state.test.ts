import { describe, expect, it } from 'vitest';
import type { DataImportProblem, DataImportReport, Me } from '../../server/contract/index.ts';
import { addCatalogue } from '../i18n/catalogue.ts';
import { translator } from '../i18n/i18n.ts';
import { IMPORTS_MESSAGES } from './i18n/index.ts';
import {
  DEFAULT_SETTINGS,
  checkKey,
  fileSize,
  importQuery,
  isTruncated,
  mayImport,
  encodingLabel,
  problemLabel,
  problemPlace,
  problemSentence,
  problemTally,
  withSource,
} from './import-state.ts';
import { mayImportData } from './access.ts';

// The page loads its catalogue with its chunk; here the test does.
addCatalogue(IMPORTS_MESSAGES);

const zh = translator('zh-CN');
const en = translator('en');
const FILE = { name: '工单.csv', size: 1234, lastModified: 1 };

function problem(over: Partial<DataImportProblem>): DataImportProblem {
  return {
    problem: 'value_invalid',
    severity: 'error',
    file: '工单.csv',
    row: 3,
    field: 'reported_at',
    code: null,
    location: null,
    params: { value: '2026-13-45 10:00' },
    message: 'row 3: reported_at: not a date',
    ...over,
  };
}

function report(over: Partial<DataImportReport> = {}): DataImportReport {
  return {
    importId: null,
    kind: 'issues',
    level: null,
    fileName: '工单.csv',
    format: 'csv',
    encoding: 'gb18030',
    crs: 'wgs84',
    mode: 'upsert',
    dryRun: true,
    applied: false,
    columns: [],
    mapping: {},
    rows: 3,
    valid: 3,
    inserted: 0,
    updated: 0,
    deleted: 0,
    errorCount: 0,
    warningCount: 0,
    problems: [],
    problemCounts: {},
    dataVersion: null,
    seconds: 0.1,
    addedTerms: [],
    ...over,
  };
}

describe('mayImportData', () => {
  it('lets admins in and no one else', () => {
    const me = (role: Me['role']) => ({ role }) as Me;
    expect(mayImportData(me('admin'))).toBe(true);
    expect(mayImportData(me('planner'))).toBe(false);
    expect(mayImportData(me('official'))).toBe(false);
    expect(mayImportData(null)).toBe(false);
  });
});

describe('mayImport', () => {
  const clean = { key: checkKey(FILE, DEFAULT_SETTINGS), report: report() };

  it('allows the import after a clean dry run of the same file and settings', () => {
    expect(mayImport(clean, FILE, DEFAULT_SETTINGS)).toBe(true);
  });

  it('refuses after a check that found an error', () => {
    const bad = { ...clean, report: report({ errorCount: 1 }) };
    expect(mayImport(bad, FILE, DEFAULT_SETTINGS)).toBe(false);
  });

  it('refuses when the file or a setting changed since the check', () => {
    expect(mayImport(clean, { ...FILE, lastModified: 2 }, DEFAULT_SETTINGS)).toBe(false);
    expect(mayImport(clean, FILE, { ...DEFAULT_SETTINGS, crs: 'gcj02' })).toBe(false);
    expect(mayImport(clean, FILE, { ...DEFAULT_SETTINGS, mapping: { lon: 'x' } })).toBe(false);
  });

  it('refuses without a check or a file', () => {
    expect(mayImport(null, FILE, DEFAULT_SETTINGS)).toBe(false);
    expect(mayImport(clean, null, DEFAULT_SETTINGS)).toBe(false);
  });
});

describe('importQuery', () => {
  it('sends the mapping as JSON, the dry run and a skipped check', () => {
    const q = new URLSearchParams(
      importQuery(
        FILE,
        { ...DEFAULT_SETTINGS, mapping: { lon: '经度' }, crsCheck: false, source: ' 12345 ' },
        true,
      ),
    );
    expect(q.get('mapping')).toBe('{"lon":"经度"}');
    expect(q.get('dryRun')).toBe('true');
    expect(q.get('crsCheck')).toBe('false');
    expect(q.get('source')).toBe('12345');
    expect(q.get('level')).toBeNull();
  });

  it('sends the level, repair and tolerance for boundaries only', () => {
    const q = new URLSearchParams(
      importQuery(
        FILE,
        { ...DEFAULT_SETTINGS, kind: 'boundaries', level: 'shequ', repair: true },
        false,
      ),
    );
    expect(q.get('level')).toBe('shequ');
    expect(q.get('repair')).toBe('true');
    expect(q.get('toleranceM2')).toBe('10');
    expect(q.get('dryRun')).toBeNull();
  });
});

describe('withSource', () => {
  it("takes the saved source's system, encoding and level and drops the user's mapping", () => {
    const next = withSource(
      { ...DEFAULT_SETTINGS, mapping: { lon: 'x' } },
      {
        name: '自然资源局',
        kind: 'boundaries',
        mapping: { code: 'BM' },
        crs: 'cgcs2000',
        encoding: 'gbk',
        level: 'shequ',
        updatedAt: '2026-01-01T00:00:00Z',
      },
    );
    expect(next).toMatchObject({
      kind: 'boundaries',
      source: '自然资源局',
      crs: 'cgcs2000',
      encoding: 'gb18030',
      level: 'shequ',
      mapping: {},
    });
  });
});

describe('problemPlace', () => {
  it("names a CSV's spreadsheet row as the server counts it (the header is row 1)", () => {
    expect(problemPlace(zh, problem({ row: 4 }), { format: 'csv' })).toBe('第 4 行');
  });

  it("names a GeoJSON's or Shapefile's feature by its number", () => {
    expect(problemPlace(zh, problem({ row: 3 }), { format: 'shapefile' })).toBe('第 3 个要素');
  });

  it('names the file when the problem has no row', () => {
    expect(problemPlace(zh, problem({ row: null }), { format: 'csv' })).toBe('整个文件');
  });
});

describe('problemSentence', () => {
  it('words a value that cannot be read with its field and value', () => {
    expect(problemSentence(zh, problem({}))).toBe('“上报时间”的值“2026-13-45 10:00”无法识别。');
  });

  it('names coordinate systems and shares in a suspect system', () => {
    const p = problem({
      problem: 'crs_suspect',
      row: null,
      field: null,
      params: { declared: 'wgs84', declaredShare: 0.1, suggested: 'gcj02', suggestedShare: 0.95 },
    });
    expect(problemSentence(zh, p)).toContain('GCJ-02 高德·腾讯');
    expect(problemSentence(zh, p)).toContain('95.0%');
    expect(problemSentence(en, p)).toContain('GCJ-02 (Amap, Tencent)');
  });

  it("falls back to the server's words when a figure is missing", () => {
    const p = problem({ problem: 'overlap', params: { other: null, areaM2: 12 } });
    expect(problemSentence(zh, p)).toBe(p.message);
  });
});

describe('problem counts', () => {
  const r = report({
    problems: [problem({}), problem({ problem: 'nearest_xiaoqu', severity: 'warning' })],
    problemCounts: { nearest_xiaoqu: 700, value_invalid: 3 },
  });

  it('lists errors first, then by count', () => {
    expect(problemTally(r).map((c) => c.problem)).toEqual(['value_invalid', 'nearest_xiaoqu']);
  });

  it('says when the list holds fewer problems than were counted', () => {
    expect(isTruncated(r)).toBe(true);
    expect(isTruncated(report())).toBe(false);
  });
});

describe('fileSize', () => {
  it('writes bytes, kilobytes and megabytes', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('labels', () => {
  it('names a problem code and the encoding read in the user language', () => {
    expect(problemLabel(zh, 'crs_suspect')).toBe('坐标系可疑');
    expect(problemLabel(zh, 'something_new')).toBe('something_new');
    expect(encodingLabel(zh, 'gb18030')).toBe('GBK');
    expect(encodingLabel(zh, null)).toBe('—');
  });
});
