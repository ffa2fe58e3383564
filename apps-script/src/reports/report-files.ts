import type { MonthlyReport } from '../../../shared/reports/monthly-report.js';
import { OfficeError } from '../office-error.js';
import { toast } from '../office-run.js';
import { DRIVE_ID, OFFICE_KEYS, reportsRoot } from '../settings/office-settings.js';
import { buildTabs, type Tab } from './report-tabs.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Script Property naming where the reports go: a folder name or path ("Office/crewcall",
 * folders crewcall makes in My Drive), or the id of a folder crewcall made before.
 */
export const REPORTS_ROOT_KEY = OFFICE_KEYS.reportsRoot;

const FOLDER = 'application/vnd.google-apps.folder';
const SHEETS = 'application/vnd.google-apps.spreadsheet';

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
  /** True when the month's earlier spreadsheet and PDF were rewritten in place (same links). */
  updated: boolean;
}

/**
 * Drive through the Advanced Drive service (Drive API v3), not DriveApp: DriveApp needs the
 * full `drive` scope (every file of the account), while the API accepts `drive.file`, which
 * reaches only files and folders this script created. That is all the report touches; see
 * the README (Monthly report) for what it means for CREWCALL_REPORTS_ROOT.
 */
function drive(): GoogleAppsScript.Drive {
  if (!Drive) {
    throw new OfficeError(
      'The Drive advanced service is not enabled for this script: push appsscript.json again (npm run push).',
    );
  }
  return Drive;
}

/**
 * Writes the month into `<root>/Reports/YYYY-MM`: the spreadsheet
 * "crewcall report YYYY-MM" and "crewcall report YYYY-MM summary.pdf".
 *
 * Re-running a month rewrites those same two files, so the link in the
 * owners' earlier email opens the current report: a trashed file's link stops
 * opening for anyone but its owner ("other users can't view files in the
 * owner's trash", https://developers.google.com/workspace/drive/api/guides/delete).
 * The spreadsheet's new tabs are written in full under temporary names before
 * the old tabs go, so a run that fails half-way leaves the previous report
 * readable (the next run clears the half-written tabs); the PDF's content is
 * replaced in one Drive files.update.
 */
export function writeReportFiles(
  report: MonthlyReport,
  timeZone: string,
  title: string,
  note: string | null,
): ReportFiles {
  const names = reportFileNames(report.month);
  const { folderId, path } = monthFolder(report.month);
  const [sheetId, ...extraSheets] = liveFilesNamed(folderId, names.spreadsheet);
  const [pdfId, ...extraPdfs] = liveFilesNamed(folderId, names.pdf);

  toast(`Monthly report ${report.month}: writing the spreadsheet…`);
  // Created by Drive straight into its folder, so it is the script's own file under drive.file.
  const book = sheetId
    ? SpreadsheetApp.openById(sheetId)
    : newSpreadsheet(names.spreadsheet, folderId);
  book.setSpreadsheetTimeZone(timeZone);
  writeWorkbook(book, buildTabs(report, timeZone, new Date(), title, note));
  SpreadsheetApp.flush();

  toast(`Monthly report ${report.month}: exporting the summary PDF…`);
  const pdf = summaryPdf(book, names.pdf);
  if (pdfId) drive().Files.update({}, pdfId, pdf);
  else drive().Files.create({ name: names.pdf, parents: [folderId], mimeType: MimeType.PDF }, pdf);
  // Copies left by older versions, which made new files on every run; their links already broke.
  for (const id of [...extraSheets, ...extraPdfs]) drive().Files.update({ trashed: true }, id);
  return {
    folderPath: path,
    spreadsheetId: book.getId(),
    spreadsheetUrl: book.getUrl(),
    pdfName: names.pdf,
    pdf,
    updated: Boolean(sheetId),
  };
}

/** A new Google Sheets file made by Drive (in `parentId`, or My Drive), opened as a spreadsheet. */
function newSpreadsheet(name: string, parentId?: string): Spreadsheet {
  const file = drive().Files.create({
    name,
    mimeType: SHEETS,
    ...(parentId ? { parents: [parentId] } : {}),
  });
  return SpreadsheetApp.openById(file.id as string);
}

/** Finds or creates each folder of `<root>/Reports/<month>`, looked up by name under its parent. */
export function monthFolder(month: string): { folderId: string; path: string } {
  const setting = reportsRoot();
  if (DRIVE_ID.test(setting)) {
    const root = folderById(setting);
    let folderId = root.id;
    for (const name of ['Reports', month]) folderId = childFolder(folderId, name);
    return { folderId, path: [root.name, 'Reports', month].join('/') };
  }
  const names = [
    ...setting
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean),
    'Reports',
    month,
  ];
  let folderId = 'root';
  for (const name of names) folderId = childFolder(folderId, name);
  return { folderId, path: names.join('/') };
}

/** The reports folder named by id: only one crewcall made can be reached (drive.file). */
function folderById(id: string): { id: string; name: string } {
  let file: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
  try {
    file = drive().Files.get(id, { fields: 'id,name,mimeType,trashed' });
  } catch (error) {
    if (!/File not found/.test((error as Error).message)) throw error;
    throw new OfficeError(
      `The reports folder in the Script Property ${REPORTS_ROOT_KEY} (${id}) cannot be opened: crewcall may only open Drive folders it made itself. Set ${REPORTS_ROOT_KEY} to a folder name such as "crewcall" (crewcall makes it), or to the id of a folder crewcall made; a folder crewcall made can be moved anywhere in your Drive.`,
    );
  }
  if (file.mimeType !== FOLDER || file.trashed) {
    throw new OfficeError(
      `The Script Property ${REPORTS_ROOT_KEY} (${id}) names ${file.trashed ? 'a folder in the trash' : 'a file, not a folder'}.`,
    );
  }
  return { id: file.id as string, name: file.name as string };
}

const quoted = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function childFolder(parentId: string, name: string): string {
  const found = drive().Files.list({
    q: `name = ${quoted(name)} and mimeType = '${FOLDER}' and ${quoted(parentId)} in parents and trashed = false`,
    fields: 'files(id)',
  }).files;
  const existing = found?.[0]?.id;
  if (existing) return existing;
  return drive().Files.create({ name, mimeType: FOLDER, parents: [parentId] }).id as string;
}

/** The ids of the month's live files of that name (the search leaves trashed ones out). */
function liveFilesNamed(folderId: string, name: string): string[] {
  const found = drive().Files.list({
    q: `name = ${quoted(name)} and ${quoted(folderId)} in parents and trashed = false`,
    fields: 'files(id)',
  }).files;
  return (found ?? []).map((f) => f.id as string);
}

/** Suffix of a tab still being written; one left by a failed run is cleared by the next. */
const WRITING = ' (being written)';

/**
 * Replaces every tab of `book` with `tabs`, in order: each new tab is written
 * in full under a temporary name first, then the old tabs are deleted and the
 * new ones take their names, so readers never see a half-written tab.
 */
export function writeWorkbook(book: Spreadsheet, tabs: Tab[]): void {
  for (const sheet of book.getSheets()) {
    if (sheet.getName().endsWith(WRITING)) book.deleteSheet(sheet);
  }
  const old = book.getSheets();
  const written = tabs.map((tab) => {
    const sheet = book.insertSheet(`${tab.name}${WRITING}`, book.getSheets().length);
    writeTab(sheet, tab);
    return sheet;
  });
  for (const sheet of old) book.deleteSheet(sheet);
  written.forEach((sheet, index) => {
    sheet.setName(tabs[index]?.name as string);
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
  const temp = newSpreadsheet(`${book.getName()} (PDF export, temporary)`);
  try {
    temp.setSpreadsheetTimeZone(book.getSpreadsheetTimeZone());
    const blank = temp.getSheets();
    const copy = summary.copyTo(temp);
    for (const sheet of blank) temp.deleteSheet(sheet);
    copy.setName('Summary');
    SpreadsheetApp.flush();
    return temp.getAs(MimeType.PDF).setName(name);
  } finally {
    drive().Files.update({ trashed: true }, temp.getId());
  }
}
