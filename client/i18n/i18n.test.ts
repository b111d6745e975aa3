import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_SCOPES,
  PROJECT_STATUSES,
  WORKER_ROLES,
  type Vocabulary,
} from '../../server/contract/vocabulary.ts';
import { LANGS, choosePlurals, translator, type VocabList } from './i18n.ts';
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

// A plain `{name}`, or the argument of a plural `{name, plural, …}`.
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]).sort();

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

describe('plural forms', () => {
  const english = new Intl.PluralRules('en');
  const text = '{n, plural, one {# household} other {# households}} in {area}';

  it('takes the form of one for 1 and the other form for any other count', () => {
    expect(choosePlurals(text, { n: 1 }, english)).toBe('1 household in {area}');
    expect(choosePlurals(text, { n: 0 }, english)).toBe('0 households in {area}');
    expect(choosePlurals(text, { n: 2 }, english)).toBe('2 households in {area}');
  });

  it('reads a count already grouped for display, and writes it as given', () => {
    expect(choosePlurals(text, { n: '1,234' }, english)).toBe('1,234 households in {area}');
  });

  it('prefers an exact form over the rule', () => {
    const exact = '{n, plural, =0 {no issue} one {# issue} other {# issues}}';
    expect(choosePlurals(exact, { n: 0 }, english)).toBe('no issue');
  });

  it('chooses each plural of a message by its own count', () => {
    const two =
      '{a, plural, one {# session} other {# sessions}} · {b, plural, one {# visit} other {# visits}}';
    expect(choosePlurals(two, { a: 1, b: 3 }, english)).toBe('1 session · 3 visits');
  });

  it('gives every plural of the catalogue an other form, and says 1 in the singular', () => {
    for (const lang of LANGS) {
      const { t } = translator(lang);
      for (const [key, message] of Object.entries(MESSAGES[lang])) {
        if (!message?.includes(', plural,')) continue;
        expect(message, `${lang} ${key}`).toMatch(/other\s*\{/);
        const args = Object.fromEntries(placeholders(message).map((name) => [name!, 1]));
        expect(t(key as never, args), `${lang} ${key}`).not.toMatch(/plural|#/);
      }
    }
  });

  it('says English counts of one in the singular through the translator', () => {
    const { t } = translator('en');
    expect(t('panel.householdsShort', { n: 1 })).toBe('1 household');
    expect(t('panel.householdsShort', { n: 12 })).toBe('12 households');
  });
});
