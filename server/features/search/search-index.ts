import { pinyin } from 'pinyin-pro';
import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';

const SQL = sqlQueries(new URL('./queries.sql', import.meta.url), [
  'searchable',
  'clearKeys',
  'insertKeys',
]);

/** Readings of one name: the one chosen in context first, then other readings of single characters. */
export interface NameReading {
  initials: string;
  pinyin: string;
}

/** At most this many readings per name: a name of many polyphonic characters must not explode. */
const MAX_READINGS = 12;

/** Lower-case ASCII: tones dropped, ü written v (as pinyin keyboards do). */
function plain(syllable: string): string {
  return syllable
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ü/g, 'v')
    .replace(/u\u0308/g, 'v')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The readings of a name for search. pinyin-pro reads a character in context (长春 → changchun,
 * 银行 → yinhang), but a user may type another reading of a polyphonic character (zhangchun),
 * so each other reading of each character gives one more row, one character changed at a time.
 * Characters that are not Chinese keep their letters and digits.
 */
export function nameReadings(name: string): NameReading[] {
  const chars = pinyin(name, {
    toneType: 'none',
    type: 'all',
    multiple: true,
    nonZh: 'consecutive',
  });
  const base = chars.map((c) => (c.isZh ? plain(c.pinyin) : plain(c.origin)));
  const readings: string[][] = [base];
  chars.forEach((c, i) => {
    if (!c.isZh) return;
    const others = [...new Set(c.polyphonic.map(plain))].filter((p) => p && p !== base[i]);
    for (const other of others) readings.push(base.map((b, k) => (k === i ? other : b)));
  });
  const seen = new Set<string>();
  const out: NameReading[] = [];
  for (const r of readings) {
    const key = r.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pinyin: r.join(''), initials: r.map((s) => s.slice(0, 1)).join('') });
    if (out.length === MAX_READINGS) break;
  }
  return out;
}

/**
 * Rebuilds `search_key` from the areas and sites in the database, inside the caller's
 * transaction (the seed's, so names and their pinyin always change together).
 */
export async function rebuildSearchIndex(q: Queryable): Promise<number> {
  const rows = await q.query<{ kind: string; code: string; name: string }>(SQL.searchable);
  const kind: string[] = [];
  const code: string[] = [];
  const name: string[] = [];
  const initials: string[] = [];
  const full: string[] = [];
  const variant: number[] = [];
  for (const r of rows) {
    nameReadings(r.name).forEach((reading, i) => {
      kind.push(r.kind);
      code.push(r.code);
      name.push(r.name);
      initials.push(reading.initials);
      full.push(reading.pinyin);
      variant.push(i);
    });
  }
  await q.query(SQL.clearKeys);
  await q.query(SQL.insertKeys, [kind, code, name, initials, full, variant]);
  return kind.length;
}
