/**
 * Which column holds which field. Apart from fields.ts so the file-reading worker can find a
 * CSV's WKT column without loading the field definitions.
 */
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
