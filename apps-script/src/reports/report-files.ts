import type { MonthlyReport } from '../../../shared/reports/monthly-report.js';
import { scriptSetting, toast } from '../office-run.js';
import { buildTabs, type Tab } from './report-tabs.js';

type Folder = GoogleAppsScript.Drive.Folder;
type File = GoogleAppsScript.Drive.File;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Script Property naming the folder (or path, "Office/crewcall") the reports go under. */
export const REPORTS_ROOT_KEY = 'CREWCALL_REPORTS_ROOT';

export function reportFileNames(month: string) {
  return {
    spreadsheet: `crewcall report ${month}`,
    pdf: `crewcall report ${month} summary.pdf`,
  };
}

export interface ReportFiles {
  folderPath: string;
  spreadsheetId: string;
  spreadsheetUrl: string;
  pdfName: string;
  /** The Summary tab as a PDF, to attach to the owners' email. */
  pdf: GoogleAppsScript.Base.Blob;
  /** Earlier files of the month moved to the Drive trash. */
  replaced: number;
}

/**
 * Writes the month into `<root>/Reports/YYYY-MM` in My Drive: the spreadsheet
 * "crewcall report YYYY-MM" and "crewcall report YYYY-MM summary.pdf".
 *
 * Re-running a month replaces its files: the new spreadsheet and PDF are
 * written completely first, then the month's earlier ones (found by name in
 * that folder) go to the Drive trash. A run that fails half-way therefore
 * leaves the previous report intact (the next run trashes the half-written
 * one), and a replaced report can be recovered from the trash for 30 days.
 * Reusing the old spreadsheet would keep its link, but a failed re-run would
 * then leave the only copy half-cleared.
 */
export function writeReportFiles(report: MonthlyReport, timeZone: string): ReportFiles {
  const names = reportFileNames(report.month);
  const { folder, path } = monthFolder(report.month);
  const previous = [
    ...liveFilesNamed(folder, names.spreadsheet),
    ...liveFilesNamed(folder, names.pdf),
  ];

  toast(`Monthly report ${report.month}: writing the spreadsheet…`);
  const book = SpreadsheetApp.create(names.spreadsheet);
  book.setSpreadsheetTimeZone(timeZone);
  DriveApp.getFileById(book.getId()).moveTo(folder);
  writeWorkbook(book, buildTabs(report, timeZone, new Date()));
  SpreadsheetApp.flush();

  toast(`Monthly report ${report.month}: exporting the summary PDF…`);
  const pdf = summaryPdf(book, names.pdf);
  folder.createFile(pdf);
  for (const old of previous) old.setTrashed(true);
  return {
    folderPath: path,
    spreadsheetId: book.getId(),
    spreadsheetUrl: book.getUrl(),
    pdfName: names.pdf,
    pdf,
    replaced: previous.length,
  };
}

/** Finds or creates each folder of `<root>/Reports/<month>`, looked up by name under its parent. */
export function monthFolder(month: string): { folder: Folder; path: string } {
  const root = scriptSetting(REPORTS_ROOT_KEY, 'crewcall');
  const names = [
    ...root
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean),
    'Reports',
    month,
  ];
  let folder = DriveApp.getRootFolder();
  for (const name of names) folder = childFolder(folder, name);
  return { folder, path: names.join('/') };
}

function childFolder(parent: Folder, name: string): Folder {
  const found = parent.getFoldersByName(name);
  while (found.hasNext()) {
    const folder = found.next();
    if (!folder.isTrashed()) return folder;
  }
  return parent.createFolder(name);
}

/** Drive keeps trashed files in their folder's listings; those are not the month's files. */
function liveFilesNamed(folder: Folder, name: string): File[] {
  const files: File[] = [];
  const found = folder.getFilesByName(name);
  while (found.hasNext()) {
    const file = found.next();
    if (!file.isTrashed()) files.push(file);
  }
  return files;
}

/** The tabs in order: the new spreadsheet's first sheet becomes the first tab. */
export function writeWorkbook(book: Spreadsheet, tabs: Tab[]): void {
  const first = book.getSheets()[0];
  tabs.forEach((tab, index) => {
    const sheet =
      index === 0 && first ? first.setName(tab.name) : book.insertSheet(tab.name, index);
    writeTab(sheet, tab);
  });
}

/**
 * One tab, however long: formats first (text cells as plain text, so nothing
 * anyone typed becomes a formula), then every value in ONE setValues, then
 * the bold rows in one call; frozen header.
 */
function writeTab(sheet: Sheet, tab: Tab): void {
  const rows = tab.values.length;
  const columns = tab.values[0]?.length ?? 1;
  const missing = rows - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  const range = sheet.getRange(1, 1, rows, columns);
  range.setNumberFormats(tab.formats);
  range.setValues(tab.values);
  range.setFontWeights(tab.bold.map((bold) => Array(columns).fill(bold ? 'bold' : 'normal')));
  sheet.getRange(1, 1, 1, columns).setBackground('#e8eaed');
  sheet.setFrozenRows(1);
  sheet.autoResizeColumns(1, columns);
}

/**
 * The Summary tab alone as a PDF. Spreadsheet.getAs('application/pdf')
 * exports every tab, so the Summary is copied (values and formats) into a
 * temporary spreadsheet whose only tab it is, exported with getAs (needs only
 * the spreadsheets scope, unlike fetching the export URL with an OAuth token),
 * and the temporary spreadsheet goes to the trash.
 */
function summaryPdf(book: Spreadsheet, name: string): GoogleAppsScript.Base.Blob {
  const summary = book.getSheetByName('Summary');
  if (!summary) throw new Error('the report has no Summary tab');
  const temp = SpreadsheetApp.create(`${book.getName()} (PDF export, temporary)`);
  try {
    temp.setSpreadsheetTimeZone(book.getSpreadsheetTimeZone());
    const blank = temp.getSheets();
    const copy = summary.copyTo(temp);
    for (const sheet of blank) temp.deleteSheet(sheet);
    copy.setName('Summary');
    SpreadsheetApp.flush();
    return temp.getAs(MimeType.PDF).setName(name);
  } finally {
    DriveApp.getFileById(temp.getId()).setTrashed(true);
  }
}
