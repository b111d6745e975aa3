import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_SCOPES,
  PROJECT_STATUSES,
  WORKER_ROLES,
  type Vocabulary,
} from '../../server/contract/vocabulary.ts';
import { LANGS, translator, type VocabList } from './i18n.ts';
import { EMPTY_VOCABULARY } from './use-vocabulary.ts';
import { MESSAGES, addCatalogue } from './catalogue.ts';
import { CATALOGUES } from './all-catalogues.ts';

/**
 * The lists the catalogue translates. The database's lists (categories, statuses…) are named
 * by their rows: tests/api/vocabulary.test.ts checks those names, the case below their use.
 */
const VOCABULARY: Partial<Record<VocabList, readonly string[]>> = {
  workerRole: WORKER_ROLES,
  activityScope: ACTIVITY_SCOPES,
  projectStatus: PROJECT_STATUSES,
};

// Every mode's catalogue, as if each mode had been opened.
for (const catalogue of Object.values(CATALOGUES)) addCatalogue(catalogue);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has a non-empty text for every key in every language', () => {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const [key, text] of Object.entries(MESSAGES['zh-CN'])) {
      const english = MESSAGES.en[key as keyof (typeof MESSAGES)['en']];
      expect(placeholders(english ?? ''), key).toEqual(placeholders(text ?? ''));
    }
  });

  it('labels every vocabulary key of the API in both languages', () => {
    for (const lang of LANGS) {
      const { vocab } = translator(lang);
      for (const [list, keys] of Object.entries(VOCABULARY)) {
        for (const key of keys) {
          const label = vocab(list as VocabList, key);
          expect(label, `${lang} ${list}.${key}`).not.toBe(key);
        }
      }
    }
  });

  it('has English labels that are not Chinese', () => {
    const { vocab } = translator('en');
    for (const [list, keys] of Object.entries(VOCABULARY)) {
      for (const key of keys) {
        expect(vocab(list as VocabList, key)).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('en').t('stat.projectsCompleted', { n: 12 })).toBe('12 completed');
  });

  it('names a term of the database by its row, in the language', () => {
    const rows: Vocabulary = {
      ...EMPTY_VOCABULARY,
      issueCategory: [{ key: 'gong_nuan', zh: '供暖', en: 'Heating', synonyms: [] }],
    };
    expect(translator('zh-CN', undefined, rows).vocab('issueCategory', 'gong_nuan')).toBe('供暖');
    expect(translator('en', undefined, rows).vocab('issueCategory', 'gong_nuan')).toBe('Heating');
    expect(translator('en', undefined, rows).vocab('department', 'gong_nuan')).toBe('gong_nuan');
  });

  it('returns an unknown vocabulary key unchanged', () => {
    expect(translator('zh-CN').vocab('department', 'navy')).toBe('navy');
  });

  it('groups counts the zh-CN way in both languages', () => {
    expect(translator('zh-CN').count(12345)).toBe('12,345');
    expect(translator('en').count(12345)).toBe('12,345');
  });

  it('writes a ratio as a percentage, and null as a dash', () => {
    expect(translator('zh-CN').percent(0.6789)).toBe('67.9%');
    expect(translator('en').percent(null)).toBe('—');
  });

  it('writes a time of today as a 24-hour clock', () => {
    const now = new Date(2026, 2, 4, 18, 0, 0).getTime();
    expect(translator('zh-CN').clock(new Date(2026, 2, 4, 14, 5, 9).getTime(), now)).toBe(
      '14:05:09',
    );
    expect(translator('en').clock(new Date(2026, 2, 4, 4, 5, 9).getTime(), now)).toBe('04:05:09');
  });

  it("writes the time on the zone's clock when given one", () => {
    const at = Date.parse('2024-10-17T03:41:07Z');
    expect(translator('zh-CN', 'Asia/Urumqi').clock(at, at)).toBe('09:41:07');
    expect(translator('en', 'America/New_York').clock(at, at)).toBe('23:41:07');
  });

  it("tells today from another day by the zone's date", () => {
    // 23:41 on 16 October in New York is already 17 October in Urumqi, where `now` is 17:00.
    const at = Date.parse('2024-10-17T03:41:07Z');
    const now = Date.parse('2024-10-17T11:00:00Z');
    expect(translator('zh-CN', 'Asia/Urumqi').clock(at, now)).toBe('09:41:07');
    expect(translator('zh-CN', 'America/New_York').clock(at, now)).toBe('10月16日 23:41:07');
    expect(translator('en', 'America/New_York').clock(at, now)).toBe('16 Oct 23:41:07');
  });

  it('puts the date in front of a time of another day', () => {
    const now = new Date(2026, 2, 5, 0, 10, 0).getTime();
    const at = new Date(2026, 2, 4, 23, 58, 1).getTime();
    expect(translator('zh-CN').clock(at, now)).toBe('3月4日 23:58:01');
    expect(translator('en').clock(at, now)).toBe('4 Mar 23:58:01');
  });
});
