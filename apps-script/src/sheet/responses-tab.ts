import type { Change } from '../../../shared/api/index.js';

export const RESPONSES_TAB = 'Responses';

const HEADER = ['When', 'Charter', 'Crew', 'Role', 'Answer', 'Level', 'Reason', 'Note'];

/**
 * Appends crew answers to the Responses tab: one setValues for the new block,
 * formatted as text first, so a decline reason like "=IMPORTXML(...)" stays words.
 */
export function appendResponses(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  changes: Change[],
  timeZone: string,
): void {
  const rows = changes
    .filter((c) => c.type === 'response')
    .map((c) => [
      Utilities.formatDate(new Date(c.at), timeZone, 'yyyy-MM-dd HH:mm:ss'),
      c.charter_id,
      c.name ?? '',
      c.role ?? '',
      c.state ?? '',
      c.level === undefined ? '' : String(c.level),
      c.reason ?? '',
      c.decided_within_a_minute ? 'answered within a minute of the email' : '',
    ]);
  if (rows.length === 0) return;
  let sheet = spreadsheet.getSheetByName(RESPONSES_TAB);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(RESPONSES_TAB);
    const header = sheet.getRange(1, 1, 1, HEADER.length);
    header.setValues([HEADER]);
    sheet.setFrozenRows(1);
  }
  // A tab has a fixed number of rows (1,000 when new); getRange past the last one throws, so
  // grow the tab first, in one call, to fit the new block.
  const first = sheet.getLastRow() + 1;
  const missing = first + rows.length - 1 - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  const range = sheet.getRange(first, 1, rows.length, HEADER.length);
  range.setNumberFormat('@');
  range.setValues(rows);
}
