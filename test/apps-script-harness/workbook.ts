// Reading a spreadsheet from a test: tabs, values as stored and as shown, formats, and the
// calls each tab received (the bound spreadsheet or one the script created).
import { EmulatedRange } from './range.js';
import { type CallCounter, HarnessError } from './runtime.js';
import type { EmulatedSheet, EmulatedSpreadsheet } from './spreadsheet.js';

/** Test-side reading of one spreadsheet (the bound one or one the script created). */
export function workbook(book: EmulatedSpreadsheet) {
  function sheet(name: string): EmulatedSheet {
    const found = book._sheetNamed(name);
    if (!found) throw new HarnessError(`No sheet named ${name} in ${book._name}`);
    return found;
  }
  function dataRange(name: string): EmulatedRange | null {
    const s = sheet(name);
    const rows = s.getLastRow();
    const columns = s.getLastColumn();
    return rows === 0
      ? null
      : new EmulatedRange(s, { row: 1, column: 1, numRows: rows, numColumns: columns });
  }
  return {
    id: book._id,
    get name(): string {
      return book._name;
    },
    get timeZone(): string {
      return book._timeZone;
    },
    sheetNames: (): string[] => book._sheets.map((s) => s._name),
    sheet,
    dataRange,
    values: (name: string): unknown[][] => dataRange(name)?.getValues() ?? [],
    displayValues: (name: string): string[][] => dataRange(name)?.getDisplayValues() ?? [],
    formulas: (name: string): string[][] => dataRange(name)?.getFormulas() ?? [],
    numberFormats: (name: string): string[][] => dataRange(name)?.getNumberFormats() ?? [],
    fontWeights: (name: string): string[][] =>
      (dataRange(name)?.getFontWeights() ?? []) as unknown as string[][],
    frozenRows: (name: string): number => sheet(name)._frozenRows,
    /** Calls on this tab and its ranges: calls('Summary').count('SpreadsheetApp.Range.setValues'). */
    calls: (name: string): CallCounter => sheet(name)._calls,
  };
}

export type Workbook = ReturnType<typeof workbook>;
