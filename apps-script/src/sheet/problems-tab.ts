import type { ParsedAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';
import type { XMeans } from '../../../shared/availability/read-cell.js';

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
        cell: m.cell,
        value: m.header,
        message: `read as ${m.availability_key} (the roster's availability key); rename the header to match exactly`,
      })),
  ]);
}

/** How `x` was read, in the office's words, for the summary and the Problems tab. */
export function xMeansNotice(xMeans: XMeans): string {
  return `x is read as '${xMeans === 'yes' ? 'available' : 'not available'}' (Settings: what x means)`;
}

/** One line per tab where `x` was read: not a problem, but the office must know how it was read. */
function xRows(parsed: ParsedAvailabilityTab[], xMeans: XMeans): string[][] {
  return parsed
    .filter((tab) => tab.xCells.length > 0)
    .map((tab) => [
      tab.sheetName,
      '',
      'x',
      `${xMeansNotice(xMeans)}: ${tab.xCells.length} cell(s), first ${tab.xCells[0]}`,
      '',
    ]);
}

/** The summary lines of a run that read month tabs: the problem count and how x was read. */
export function availabilitySummaryLines(
  problems: SheetProblem[],
  parsed: ParsedAvailabilityTab[],
  xMeans: XMeans,
): string[] {
  return [
    ...(problems.length
      ? [`${problems.length} availability problem(s) need a look: see the Problems tab.`]
      : []),
    ...(parsed.some((tab) => tab.xCells.length > 0) ? [`${xMeansNotice(xMeans)}.`] : []),
  ];
}

/**
 * Replaces the Problems tab with the current list: one clear, one setValues, all as text.
 * The time is the spreadsheet's local time, as the office reads its clock. After the sheet's
 * own problems come the people each charter of the run left out (one row per person per
 * charter, at their cell where there is one).
 */
export function writeProblemsTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  problems: SheetProblem[],
  parsed: ParsedAvailabilityTab[],
  xMeans: XMeans,
  now: Date,
  leftOut: SheetProblem[] = [],
): void {
  const checked = Utilities.formatDate(
    now,
    spreadsheet.getSpreadsheetTimeZone(),
    'yyyy-MM-dd HH:mm z',
  );
  const sheet = spreadsheet.getSheetByName(PROBLEMS_TAB) ?? spreadsheet.insertSheet(PROBLEMS_TAB);
  sheet.clearContents();
  const rows: string[][] = [
    ['Tab', 'Cell', 'Value', 'Problem', `Checked ${checked}`],
    ...(problems.length === 0
      ? [['', '', '', 'Every cell of the month tabs read for this run was understood.', '']]
      : problems.map((p) => [p.tab, p.cell, p.value, p.message, ''])),
    ...xRows(parsed, xMeans),
    ...leftOut.map((p) => [p.tab, p.cell, p.value, p.message, '']),
  ];
  const range = sheet.getRange(1, 1, rows.length, 5);
  range.setNumberFormat('@');
  range.setValues(rows);
  sheet.setFrozenRows(1);
}

/**
 * A crew member's mark the office's later typing outranked, with both values:
 * "Crew mark not applied: 'December 2026'!C5 — Kenji Sato marked “Y” on Wed 2 Dec 14:05; the
 * office typed “N” after that (kept)".
 */
export function keptOfficeProblem(
  kept: { cell: string; office_value?: string; set_at: string; text: string; name: string },
  when: (iso: string) => string,
): SheetProblem {
  const bang = kept.cell.lastIndexOf('!');
  const tab = kept.cell.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'");
  return {
    tab,
    cell: kept.cell.slice(bang + 1),
    value: kept.office_value ?? '',
    message: `Crew mark not applied: ${kept.cell} — ${kept.name} marked “${kept.text}” on ${when(kept.set_at)}; the office typed “${kept.office_value ?? ''}” after that (kept)`,
  };
}

/** A crew mark the sheet has no cell for (no month tab, no row for the date, no column for the person). */
export function noCellProblem(
  mark: { tab?: string; why: string; set_at: string; text: string; date: string; name: string },
  when: (iso: string) => string,
): SheetProblem {
  return {
    tab: mark.tab ?? '',
    cell: '',
    value: mark.text,
    message: `Crew mark not applied: ${mark.name} marked “${mark.text}” for ${mark.date} on ${when(mark.set_at)}, but there is ${mark.why}; it is typed in once the tab, row or column is there`,
  };
}

/** The timer's own lines, added under the Problems tab's list (a preview or send rewrites it whole). */
export function appendProblems(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  problems: SheetProblem[],
): void {
  if (problems.length === 0) return;
  const sheet = spreadsheet.getSheetByName(PROBLEMS_TAB) ?? spreadsheet.insertSheet(PROBLEMS_TAB);
  const rows = problems.map((p) => [p.tab, p.cell, p.value, p.message, '']);
  const range = sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, 5);
  range.setNumberFormat('@');
  range.setValues(rows);
}
