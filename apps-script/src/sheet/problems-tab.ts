import type { ParsedAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';

export const PROBLEMS_TAB = 'Problems';

export interface SheetProblem {
  tab: string;
  cell: string;
  value: string;
  message: string;
}

/** Every cell and header the month tabs could not read, and headers matched despite drift. */
export function availabilityProblems(parsed: ParsedAvailabilityTab[]): SheetProblem[] {
  return parsed.flatMap((tab) => [
    ...tab.problems.map((p) => ({
      tab: tab.sheetName,
      cell: p.cell,
      value: p.value,
      message: p.message,
    })),
    ...tab.matchedHeaders
      .filter((m) => !m.exact)
      .map((m) => ({
        tab: tab.sheetName,
        cell: '',
        value: m.header,
        message: `read as ${m.availability_key} (the roster's availability key); rename the header to match exactly`,
      })),
  ]);
}

/** Replaces the Problems tab with the current list: one clear, one setValues, all as text. */
export function writeProblemsTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  problems: SheetProblem[],
  now: Date,
): void {
  const sheet = spreadsheet.getSheetByName(PROBLEMS_TAB) ?? spreadsheet.insertSheet(PROBLEMS_TAB);
  sheet.clearContents();
  const rows: string[][] = [
    ['Tab', 'Cell', 'Value', 'Problem', `Checked ${now.toISOString()}`],
    ...(problems.length === 0
      ? [['', '', '', 'Every cell of the month tabs read for this run was understood.', '']]
      : problems.map((p) => [p.tab, p.cell, p.value, p.message, ''])),
  ];
  const range = sheet.getRange(1, 1, rows.length, 5);
  range.setNumberFormat('@');
  range.setValues(rows);
  sheet.setFrozenRows(1);
}
