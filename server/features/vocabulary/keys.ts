/**
 * Keys for terms an import brings by their Chinese name: the name's pinyin, lower-case ASCII
 * joined by `_` (供暖 → gong_nuan), so a key reads as its name and stays stable across
 * imports of the same word. Pure, so the import and its tests share it.
 */
import { pinyin } from 'pinyin-pro';

const MAX_KEY = 32;

/** The key a name reads as, before any clash with keys already taken. */
export function keyOfName(name: string): string {
  const parts = pinyin(name.normalize('NFKC'), {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    v: true,
  })
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, ''),
    )
    .filter(Boolean);
  let key = parts.join('_').slice(0, MAX_KEY).replace(/_+$/, '');
  if (!/^[a-z]/.test(key)) key = `t_${key}`.slice(0, MAX_KEY).replace(/_+$/, '');
  return key === 't' ? 'term' : key;
}

/** A key for `name` not in `taken`: its reading, else the reading with `_2`, `_3`… */
export function freshKey(name: string, taken: ReadonlySet<string>): string {
  const base = keyOfName(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const key = base.slice(0, MAX_KEY - suffix.length).replace(/_+$/, '') + suffix;
    if (!taken.has(key)) return key;
  }
}
