import {
  VOCABULARY_KINDS,
  type Vocabulary,
  type VocabularyKind,
} from '../../server/contract/vocabulary.ts';
import { figureDefinition, type FigureKey } from '../../server/contract/figure-definitions.ts';
import { DEFAULT_LANG, LANGS, MESSAGES, type Lang, type MessageKey } from './catalogue.ts';

export { DEFAULT_LANG, LANGS, type Lang, type MessageKey };

/**
 * Vocabulary lists of the API. The database's lists (`VOCABULARY_KINDS`: categories,
 * statuses, levels, departments, compound types, room kinds, activity kinds) are named by
 * their rows (`GET /api/vocabulary`); the fixed ones by the catalogue (`vocab.<list>.<key>`).
 */
export type VocabList =
  | 'compoundType'
  | 'issueCategory'
  | 'issueStatus'
  | 'handlingLevel'
  | 'department'
  | 'siteRoomKind'
  | 'workerRole'
  | 'activityScope'
  | 'activityKind'
  | 'projectStatus';

/** Parameters spliced into a message at `{name}`. */
export type MessageParams = Record<string, string | number>;

/** Looks messages up in one language and formats numbers the way that language writes them. */
export interface Translator {
  /** The language of this translator. */
  lang: Lang;
  /** The message for `key`, with `{name}` placeholders replaced by `params`. */
  t(key: MessageKey, params?: MessageParams): string;
  /**
   * The label of a vocabulary key, e.g. `vocab('issueCategory', 'roads')` → 道路修缮: the
   * row's name in this language, or the catalogue's for a fixed list; the key itself when
   * neither knows it (before the vocabulary has loaded).
   */
  vocab(list: VocabList, key: string): string;
  /** A figure's label in this language, from its one definition (figure-definitions.ts). */
  figure(key: FigureKey): string;
  /** An integer count with the digit grouping of zh-CN (1,234), the same in both languages. */
  count(n: number): string;
  /** A ratio 0..1 as a percentage with one decimal, or the "none" mark for null. */
  percent(ratio: number | null): string;
  /**
   * A moment (ms since the epoch) as a wall-clock time, 24-hour: `14:05:09` on the day of
   * `now` (default: the current time), with the date in front on any other day.
   */
  clock(at: number, now?: number): string;
}

/** Whether a string names a language of the catalogue. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

// Counts are always grouped as zh-CN writes them: tests and users read the same digits.
const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('zh-CN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** The end of the `{…}` that opens at `open`, or -1 when it is not closed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Chooses the forms of `{name, plural, one {# site} other {# sites}}` (ICU MessageFormat's
 * plural; `=0 {…}` for an exact number; `#` is the value as given, often already grouped as
 * `1,234`) by the language's plural rules: English needs them, Chinese writes one form.
 */
export function choosePlurals(
  text: string,
  params: MessageParams,
  rules: Intl.PluralRules,
): string {
  const head = /\{(\w+),\s*plural,/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const end = closingBrace(text, m.index);
    if (end < 0) break;
    const given = String(params[m[1]!] ?? '');
    const n = Number(given.replaceAll(',', ''));
    const forms = new Map<string, string>();
    const option = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/g;
    option.lastIndex = head.lastIndex;
    for (let o = option.exec(text); o && o.index < end; o = option.exec(text)) {
      const close = closingBrace(text, option.lastIndex - 1);
      forms.set(o[1]!, text.slice(option.lastIndex, close));
      option.lastIndex = close + 1;
    }
    const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
    out += text.slice(from, m.index) + form.replaceAll('#', given);
    from = end + 1;
    head.lastIndex = from;
  }
  return out + text.slice(from);
}

const isRowKind = (list: VocabList): list is VocabularyKind =>
  (VOCABULARY_KINDS as readonly string[]).includes(list);

/**
 * Builds the translator of one language. Clock times are the zone's (`timeZone`, the data
 * set's IANA zone), not the browser's: a screen in another zone shows the district's time.
 * Without one (before the data set is read) the browser's own zone. The database's lists are
 * named from `vocabulary` (default none: their keys are shown as they are).
 */
export function translator(
  lang: Lang,
  timeZone?: string,
  vocabulary: Vocabulary | null = null,
): Translator {
  const table = MESSAGES[lang];
  const names = new Map<string, string>();
  for (const kind of VOCABULARY_KINDS)
    for (const term of vocabulary?.[kind] ?? [])
      names.set(`${kind}.${term.key}`, lang === 'en' ? term.en : term.zh);
  const timeFormat = new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const dateFormat =
    lang === 'en'
      ? new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', timeZone })
      : new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', timeZone });
  const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone });
  const sameDay = (a: Date, b: Date) => dayFormat.format(a) === dayFormat.format(b);
  const pluralRules = new Intl.PluralRules(lang);
  const t = (key: MessageKey, params?: MessageParams): string => {
    const raw = table[key] ?? MESSAGES[DEFAULT_LANG][key] ?? key;
    if (!params) return raw;
    const text = raw.includes(', plural,') ? choosePlurals(raw, params, pluralRules) : raw;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
  return {
    lang,
    t,
    vocab(list, key) {
      if (isRowKind(list)) return names.get(`${list}.${key}`) ?? key;
      const id = `vocab.${list}.${key}`;
      return id in table ? t(id as MessageKey) : key;
    },
    figure: (key) => figureDefinition(key)[lang === 'en' ? 'en' : 'zh'],
    count: (n) => countFormat.format(n),
    percent: (ratio) => (ratio === null ? t('stat.none') : percentFormat.format(ratio)),
    clock(at, now = Date.now()) {
      const date = new Date(at);
      const time = timeFormat.format(date);
      return sameDay(date, new Date(now)) ? time : `${dateFormat.format(date)} ${time}`;
    },
  };
}
