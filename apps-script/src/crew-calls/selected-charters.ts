import { OfficeError } from '../office-error.js';
import { CHARTERS_TAB, type ChartersTable } from '../sheet/charters-tab.js';

/** Row indexes (into the table's values) of the charter rows the user selected. */
export function selectedCharterRows(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  table: ChartersTable,
): number[] {
  // Ctrl-click selects several ranges; getActiveRange() would give only the last of them.
  const ranges = spreadsheet.getActiveRangeList()?.getRanges() ?? [];
  if (ranges.length === 0 || ranges[0]?.getSheet().getName() !== CHARTERS_TAB) {
    throw new OfficeError(`Select one or more charter rows in the ${CHARTERS_TAB} tab first.`);
  }
  const picked = new Set<number>();
  for (const range of ranges) {
    const first = range.getRow() - 1;
    for (
      let r = Math.max(first, 1);
      r < first + range.getNumRows() && r < table.values.length;
      r++
    ) {
      picked.add(r);
    }
  }
  const rows = [...picked]
    .sort((a, b) => a - b)
    .filter((r) => String(table.values[r]?.[table.columns.id as number] ?? '').trim() !== '');
  if (rows.length === 0)
    throw new OfficeError(`The selection has no charter rows (row 1 is the header).`);
  return rows;
}
