import type { AreaFigures, FigureWindow, MapLevel, Vocabulary } from '../../contract/index.ts';
import type { CsvCell } from '../../lib/csv.ts';
// The profile CSV's rows, one per figure definition: the table's columns are the same labels.
import { figureRows } from '../profiles/csv.ts';

/** zh-CN names of the levels, for headers and file names (the UI's catalogue is the client's). */
export const LEVEL_ZH: Record<MapLevel, string> = { pianqu: '片区', shequ: '社区', xiaoqu: '小区' };

/** One area of a level, as the export lists it. */
export interface TableArea {
  code: string;
  name: string;
  level: MapLevel;
  parentCode: string | null;
  parentName: string | null;
}

/** A table of the export: Chinese column labels, and one row of cells per area. */
export interface ExportTable {
  columns: string[];
  /** The codes of the rows, in order (the join key to the boundaries). */
  codes: string[];
  rows: CsvCell[][];
}

/** The columns before the figures. `代码` is the key that joins the table to the boundaries. */
export const KEY_COLUMNS = ['代码', '名称', '层级', '上级代码', '上级名称', '起', '止'] as const;

/**
 * Every area's figures as one row, under the profile CSV's labels (`figureRows`: one per figure
 * definition, lists a column per term, shares in %). The columns are every label any area has,
 * in the order they first come; an area without a term's entry has it empty.
 */
export function figureTable(
  areas: readonly TableArea[],
  figures: ReadonlyMap<string, AreaFigures>,
  window: FigureWindow,
  vocabulary: Vocabulary,
): ExportTable {
  const perArea = areas.map((a) => new Map(figureRows(figures.get(a.code)!, vocabulary)));
  const labels: string[] = [];
  const seen = new Set<string>(KEY_COLUMNS);
  for (const m of perArea) {
    for (const label of m.keys()) {
      if (!seen.has(label)) {
        seen.add(label);
        labels.push(label);
      }
    }
  }
  return {
    columns: [...KEY_COLUMNS, ...labels],
    codes: areas.map((a) => a.code),
    rows: areas.map((a, i) => [
      a.code,
      a.name,
      LEVEL_ZH[a.level],
      a.parentCode,
      a.parentName,
      window.from,
      window.to,
      ...labels.map((l) => perArea[i]!.get(l) ?? null),
    ]),
  };
}

/** A cell as a GeoJSON or database value: numbers stay numbers, empty is null. */
export const cellValue = (c: CsvCell): string | number | null => (c === '' ? null : c);
