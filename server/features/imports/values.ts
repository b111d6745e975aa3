/**
 * One cell to one value, or the reason it is not one. Dates and times without an offset are the
 * data set's local time (its time zone), as every local system writes them; Excel's serial day numbers are
 * read too, since an unformatted date column exports that way.
 */
import { freshKey } from '../vocabulary/keys.ts';
import type { FieldSpec } from './fields.ts';
import { zoneInstant } from '../../contract/zone-time.ts';
import { AREA_CODE, whole } from '../../contract/patterns.ts';

export type Parsed =
  { ok: true; value: string | number | string[] | null } | { ok: false; reason: string };

const ok = (value: string | number | string[] | null): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

/** Area and record codes as the API addresses them (leading zeros are part of the code). */
export const CODE_PATTERN = whole(AREA_CODE);

/** Text decoded with the wrong encoding earlier in its life: replacement characters, or Latin-1 letters where Chinese was. */
export function looksDamaged(s: string): boolean {
  // UTF-8 read as Latin-1 turns each Chinese character into a lead letter (Ã, å, æ, ç, è, é…)
  // followed by symbols of U+0080–U+00BF.
  // (Windows-1252 puts a few of those symbols elsewhere: Œ Š Ÿ € ™ …)
  const latin1Pairs =
    s.match(
      /[\u00C2-\u00EF][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u2026\u2030\u2039\u203A\u20AC\u2122]/g,
    )?.length ?? 0;
  return s.includes('\uFFFD') || (latin1Pairs >= 2 && !/[\u4e00-\u9fff]/.test(s));
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel serial day (1900 system, counted from 1899-12-30) as local date and minutes. */
function fromExcelSerial(serial: number): { y: number; m: number; d: number; minutes: number } {
  const day = Math.floor(serial);
  const t = new Date(Date.UTC(1899, 11, 30) + day * 86400000);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    minutes: Math.round((serial - day) * 1440),
  };
}

/**
 * A date or date-time: ISO 8601 (with or without offset), `2024/3/5 14:20`, `2024年3月5日`,
 * `20240305` or an Excel serial. Returns ISO text with the offset the cell gives, else the one
 * `timeZone` had at that wall time; or `YYYY-MM-DD` for dates.
 */
export function parseDateTime(raw: string, dateOnly: boolean, timeZone: string): Parsed {
  const s = raw.normalize('NFKC').trim();
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    sec = 0;
  let offset: string | null = null;
  const serial = /^\d{5}(\.\d+)?$/.exec(s);
  const iso =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]*(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})?(?:\.\d+)?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      s,
    );
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (serial && Number(s) >= 20000 && Number(s) <= 80000) {
    const t = fromExcelSerial(Number(s));
    ({ y, m: mo, d } = t);
    h = Math.floor(t.minutes / 60);
    mi = t.minutes % 60;
  } else if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] !== undefined) [h, mi, sec] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (iso[7])
      offset = iso[7] === 'Z' ? '+00:00' : iso[7].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  } else if (compact) {
    [y, mo, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
  } else {
    return bad(
      `"${raw}" is not a ${dateOnly ? 'date' : 'date and time'} (write 2024-03-05${dateOnly ? '' : ' 14:20'})`,
    );
  }
  if (!validDate(y, mo, d) || y < 1900 || y > 2100) return bad(`"${raw}" is not a real date`);
  if (h > 23 || mi > 59 || sec > 59) return bad(`"${raw}" is not a real time of day`);
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (dateOnly) return ok(date);
  const wall = `${date}T${pad(h)}:${pad(mi)}:${pad(sec)}`;
  return ok(offset === null ? zoneInstant(timeZone, wall) : `${wall}${offset}`);
}

/** A number as written in a spreadsheet: full-width digits allowed, no thousands separators. */
export function parseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A term of the list: by its key or any of its words, letter case aside (English names). */
const enumKey = (spec: FieldSpec, s: string): string | null => {
  const lower = s.toLowerCase();
  for (const [key, names] of Object.entries(spec.values ?? {})) {
    if (key === lower || names.some((n) => n === s || n.toLowerCase() === lower)) return key;
  }
  return null;
};

const HAN = /\p{Script=Han}/u;

/**
 * A new term of an extensible list: a name in Chinese that no term has (a Latin word that
 * matches nothing is more likely a mistyped key, and stays an error). The same name gets the
 * same fresh key on every row; the import adds the terms with the records.
 */
const newTermKey = (spec: FieldSpec, s: string, row: number): string | null => {
  if (!spec.adds || !HAN.test(s)) return null;
  const known = spec.adds.get(s);
  if (known) return known.key;
  const taken = new Set([
    ...Object.keys(spec.values ?? {}),
    ...[...spec.adds.values()].map((t) => t.key),
  ]);
  const key = freshKey(s, taken);
  spec.adds.set(s, { key, row });
  return key;
};

/**
 * One cell of `spec`'s field; empty cells are null (the caller decides if that is allowed).
 * `row` is the cell's row, remembered with a new term it names.
 */
export function parseCell(spec: FieldSpec, raw: string | undefined, row = 0): Parsed {
  const s = (raw ?? '').trim();
  if (s === '') return ok(null);
  if (looksDamaged(s)) {
    return bad(`"${s}" is damaged text (wrong encoding before this file was saved)`);
  }
  switch (spec.type) {
    case 'text':
      return ok(s);
    case 'code':
      return CODE_PATTERN.test(s)
        ? ok(s)
        : bad(`"${s}" is not a code (letters, digits, _ and -, at most 32)`);
    case 'integer': {
      const n = parseNumber(s);
      if (n === null || !Number.isInteger(n)) return bad(`"${s}" is not a whole number`);
      if (n < 0 || n > 2147483647) return bad(`${s} is out of range`);
      return ok(n);
    }
    case 'number': {
      const n = parseNumber(s);
      return n === null ? bad(`"${s}" is not a number`) : ok(n);
    }
    case 'date':
    case 'datetime':
      // The import service gives every datetime field the data set's zone.
      return parseDateTime(s, spec.type === 'date', spec.timeZone ?? 'UTC');
    case 'enum': {
      const text = s.normalize('NFKC').trim();
      const key = enumKey(spec, text) ?? newTermKey(spec, text, row);
      if (key !== null) return ok(key);
      const allowed = Object.entries(spec.values ?? {}).map(([k, n]) =>
        n[0] ? `${n[0]} (${k})` : k,
      );
      return bad(`"${s}" is not one of ${allowed.join(', ')}`);
    }
    case 'list':
      return ok(
        s
          .split(/[|、;；,，]/)
          .map((x) => x.trim())
          .filter(Boolean),
      );
  }
}
