import { OfficeError } from '../office-error.js';
import { CHARTERS_TAB, type ChartersTable } from '../sheet/charters-tab.js';

/** Row indexes (into the table's values) of the charter rows the user selected. */
export function selectedCharterRows(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  table: ChartersTable,
): number[] {
  const range = spreadsheet.getActiveRange();
  if (!range || range.getSheet().getName() !== CHARTERS_TAB) {
    throw new OfficeError(`Select one or more charter rows in the ${CHARTERS_TAB} tab first.`);
  }
  const first = range.getRow() - 1;
  const rows: number[] = [];
  for (let r = Math.max(first, 1); r < first + range.getNumRows() && r < table.values.length; r++) {
    const id = String(table.values[r]?.[table.columns.id as number] ?? '').trim();
    if (id) rows.push(r);
  }
  if (rows.length === 0)
    throw new OfficeError(`The selection has no charter rows (row 1 is the header).`);
  return rows;
}
