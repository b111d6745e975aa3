import { describe, expect, it } from 'vitest';
import type { Vocabulary } from '../../contract/index.ts';
import { recordFields } from './fields.ts';
import { looksDamaged, parseCell, parseDateTime, parseNumber } from './values.ts';

/** A few rows of the vocabulary, as GET /api/vocabulary gives them (tests/api check the real ones). */
const VOCABULARY: Vocabulary = {
  issueCategory: [
    { key: 'parking', zh: '停车优化', en: 'Parking', synonyms: ['停车管理', '停车'] },
    { key: 'roads', zh: '道路修缮', en: 'Road repair', synonyms: ['道路'] },
  ],
  issueStatus: [
    { key: 'open', zh: '待处理', en: 'Open', synonyms: [] },
    { key: 'resolved', zh: '已解决', en: 'Resolved', synonyms: ['已办结'] },
  ],
  handlingLevel: [{ key: 'xiaoqu', zh: '小区', en: 'Compound', synonyms: [] }],
  department: [{ key: 'police', zh: '公安', en: 'Police', synonyms: ['派出所'] }],
  compoundType: [],
  siteRoomKind: [],
  activityKind: [],
};

/** The field of a fresh issues import: each case meets new terms on its own. */
const field = (name: string) => recordFields(VOCABULARY).issues.find((f) => f.field === name)!;

describe('dates and times', () => {
  it.each([
    ['2024-03-05 14:20', '2024-03-05T14:20:00+08:00'],
    ['2024/3/5 14:20:07', '2024-03-05T14:20:07+08:00'],
    ['2024年3月5日 9时5分', '2024-03-05T09:05:00+08:00'],
    ['2024-03-05T06:20:00Z', '2024-03-05T06:20:00+00:00'],
    ['2024-03-05T14:20:00+0800', '2024-03-05T14:20:00+08:00'],
    ['20240305', '2024-03-05T00:00:00+08:00'],
    ['45356.5', '2024-03-05T12:00:00+08:00'],
  ])('reads %s as %s', (raw, iso) => {
    expect(parseDateTime(raw, false)).toEqual({ ok: true, value: iso });
  });

  it.each(['2024-02-30', '2024-13-01 10:00', '2024-03-05 24:10', '昨天', '3/5/2024'])(
    'refuses %s',
    (raw) => {
      expect(parseDateTime(raw, false).ok).toBe(false);
    },
  );

  it('gives a date for date fields', () => {
    expect(parseDateTime('2024/3/5', true)).toEqual({ ok: true, value: '2024-03-05' });
  });
});

describe('numbers, values and damaged text', () => {
  it('reads full-width digits and refuses thousands separators', () => {
    expect(parseNumber('１２２.０５')).toBe(122.05);
    expect(parseNumber('1,234')).toBeNull();
  });

  it('reads a listed value by its key, its Chinese name or a source system word', () => {
    expect(parseCell(field('status'), 'resolved')).toEqual({ ok: true, value: 'resolved' });
    expect(parseCell(field('status'), '已办结')).toEqual({ ok: true, value: 'resolved' });
    expect(parseCell(field('category'), '停车')).toEqual({ ok: true, value: 'parking' });
  });

  it('reads a listed value by its English name, in any letter case', () => {
    expect(parseCell(field('category'), 'Road Repair')).toEqual({ ok: true, value: 'roads' });
  });

  it('names the allowed values when one is unknown', () => {
    const r = parseCell(field('category'), 'noise');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('停车优化 (parking)');
  });

  it('takes a Chinese name no category has as a new term, with one key for every row', () => {
    const category = field('category');
    expect(parseCell(category, '供暖', 2)).toEqual({ ok: true, value: 'gong_nuan' });
    expect(parseCell(category, '供暖', 3)).toEqual({ ok: true, value: 'gong_nuan' });
    expect([...category.adds!]).toEqual([['供暖', { key: 'gong_nuan', row: 2 }]]);
  });

  it('never adds a status: its keys have meanings', () => {
    expect(parseCell(field('status'), '已撤销').ok).toBe(false);
  });

  it('tells damaged text (replacement characters, Latin-1 mojibake) from Chinese and Latin', () => {
    expect(looksDamaged('海\uFFFD')).toBe(true);
    expect(looksDamaged('æµ·éŸµ')).toBe(true);
    expect(looksDamaged('海韵丽苑')).toBe(false);
    expect(looksDamaged('Café Zoë')).toBe(false);
  });
});
