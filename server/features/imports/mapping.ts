/**
 * Which column holds which field. Apart from fields.ts so the file-reading worker can find a
 * CSV's WKT column without loading the field definitions.
 */
import { distance } from 'fastest-levenshtein';
import type { ColumnMapping } from '../../contract/index.ts';

/** A field as the mapping sees it: its key and the headers that name it. */
interface FieldSpec {
  field: string;
  headers: string[];
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, '');

/**
 * The mapping to use: the user's overrides, then the source's saved mapping, then a column
 * whose header names the field. Only columns the file has are kept from the saved mapping.
 */
export function resolveMapping(
  specs: readonly Pick<FieldSpec, 'field' | 'headers'>[],
  columns: string[],
  saved: ColumnMapping | null,
  given: ColumnMapping | null,
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const byNorm = new Map(columns.map((c) => [norm(c), c]));
  const taken = new Set<string>();
  for (const spec of specs) {
    const chosen =
      given?.[spec.field] ??
      (saved?.[spec.field] && columns.includes(saved[spec.field]!) ? saved[spec.field] : undefined);
    if (chosen !== undefined) {
      mapping[spec.field] = chosen;
      taken.add(chosen);
    }
  }
  for (const spec of specs) {
    if (mapping[spec.field] !== undefined) continue;
    for (const h of spec.headers) {
      const column = byNorm.get(norm(h));
      if (column !== undefined && !taken.has(column)) {
        mapping[spec.field] = column;
        taken.add(column);
        break;
      }
    }
  }
  return mapping;
}

/** Below this similarity (1 = the same) a column is not said to mean a field. */
const SIMILAR = 0.75;

/**
 * The columns the mapping leaves out, each with the unmapped field it probably meant: a
 * header cut short (a DBF's 10 characters: `compoundTy` for compoundType) or one a few
 * letters off (`populaton`), by edit distance against every name the field goes by.
 */
export function unmappedColumns(
  specs: readonly Pick<FieldSpec, 'field' | 'headers'>[],
  columns: string[],
  mapping: ColumnMapping,
): { column: string; field: string | null }[] {
  const used = new Set(Object.values(mapping));
  const open = specs.filter((s) => mapping[s.field] === undefined);
  return columns
    .filter((c) => c.trim() !== '' && !used.has(c))
    .map((column) => {
      const c = norm(column);
      let best: { field: string; score: number } | null = null;
      for (const s of open) {
        for (const h of s.headers) {
          const n = norm(h);
          const score =
            c.length >= 4 && n.startsWith(c)
              ? 0.99
              : 1 - distance(c, n) / Math.max(c.length, n.length, 1);
          if (score >= SIMILAR && (!best || score > best.score)) best = { field: s.field, score };
        }
      }
      return { column, field: best?.field ?? null };
    });
}
