import ExcelJS from 'exceljs';
import type { ExportTable } from './table.ts';

/**
 * The table as an Excel workbook (exceljs): one sheet, the header bold and frozen, numbers as
 * numbers, codes and names as text (so a code's leading zeros stay). Excel does not run a cell
 * written as a string, so nothing needs neutralising as in the CSV.
 */
export async function tableXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date();
  const sheet = book.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
  });
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((c) => (c === '' ? null : c)));
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(28, Math.max(8, [...(table.columns[i] ?? '')].length * 2 + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
