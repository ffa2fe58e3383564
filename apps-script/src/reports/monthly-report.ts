import type { MonthlyReportAnswer } from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { TRIGGER_LOCK_WAIT_MS, toast, whileNoOtherRun, withScriptLock } from '../office-run.js';
import { executionBudget } from '../run-budget.js';
import { ownerEmails, senderName } from '../settings/office-settings.js';
import { reportFileNames, writeReportFiles } from './report-files.js';
import {
  type MailPlan,
  type MailResult,
  planMail,
  readSentRecord,
  sendPlannedMail,
} from './report-mail.js';
import { monthLabel, parseMonth, previousMonth } from './report-month.js';
import { monthState, reportNote, reportTitle } from './report-title.js';

/**
 * The monthly revenue report: the month's figures from the edge API
 * (GET /api/reports/monthly, computed by shared/reports/monthly-report.ts)
 * written to a spreadsheet and a Summary PDF in Drive, the owners' statement
 * emailed with the PDF, and each paid crew member's own statement emailed to
 * them. Crew › Monthly report… runs it for any month (with a dry run); the
 * `monthlyReportTrigger` runs it on the 1st for the month before. A month
 * not yet over is titled "December 2026 (to date, 2 Dec)". A month with no
 * charters emails the owners only when asked: the menu asks, the trigger never
 * sends one.
 *
 * Scopes (the full list, per method, is in the README's office section):
 * - spreadsheets: SpreadsheetApp.openById on the report and on the temporary
 *   copy of its Summary that is exported as PDF (spreadsheets.currentonly
 *   reaches only the bound sheet); it covers the bound sheet too.
 * - drive.file, through the Advanced Drive service (Drive API v3): the folder
 *   tree, creating the spreadsheets and the PDF in it, finding and trashing a
 *   month's earlier files. DriveApp would need the full `drive` scope (every
 *   file of the account); drive.file reaches only what this script created,
 *   which is all the report touches. (A folder the office makes by hand under
 *   the same name is therefore not seen; the script makes its own.)
 * - script.send_mail (MailApp), script.external_request (UrlFetchApp),
 *   script.scriptapp (the monthly trigger), script.container.ui (prompts).
 * The PDF is made with Spreadsheet.getAs (spreadsheets scope), not by
 * fetching the Sheets export URL with ScriptApp.getOAuthToken(), which would
 * need the token's Drive access as well.
 */

export interface MonthlyReportOptions {
  /** YYYY-MM */
  month: string;
  /** False: a dry run, which writes the files and sends nothing. */
  send: boolean;
  /** Send again to those who already had the month's statement. */
  resend: boolean;
  /** A month with no charters emails the owners only when this is true (the menu asks). */
  sendIfEmpty: boolean;
}

/**
 * Script Property: a month whose report work is unfinished, as JSON
 * {month, stage}: 'report' (the monthly trigger found another run busy: the
 * whole report is still to do) or 'statements' (a run neared Apps Script's
 * 6-minute limit with statements unsent). The timer carries it on.
 */
export const PENDING_REPORT_KEY = 'CREWCALL_REPORT_PENDING';

interface PendingReport {
  month: string;
  stage: 'report' | 'statements';
}

function readPending(): PendingReport | null {
  const raw = PropertiesService.getScriptProperties().getProperty(PENDING_REPORT_KEY);
  return raw ? (JSON.parse(raw) as PendingReport) : null;
}

function writePending(pending: PendingReport | null): void {
  const props = PropertiesService.getScriptProperties();
  if (pending) props.setProperty(PENDING_REPORT_KEY, JSON.stringify(pending));
  else props.deleteProperty(PENDING_REPORT_KEY);
}

/** Runs the report for a person under the script lock (one sending run at a time); returns the summary. */
export function runMonthlyReport(options: MonthlyReportOptions): string {
  return whileNoOtherRun(() => reportLocked(options));
}

/** The month's title and note as of now, on the office's calendar. */
function monthWords(month: string, timeZone: string) {
  const state = monthState(month, Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd'));
  return { title: reportTitle(month, state), note: reportNote(month, state) };
}

function fetchReport(month: string): MonthlyReportAnswer {
  return edgeApiClient().get<MonthlyReportAnswer>(
    `/api/reports/monthly?month=${encodeURIComponent(month)}`,
  );
}

function reportLocked({ month, send, resend, sendIfEmpty }: MonthlyReportOptions): string {
  const office = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = office.getSpreadsheetTimeZone();
  const owners = ownerEmails();
  const sender = senderName();
  toast(`Monthly report ${month}: reading the figures…`);
  const report = fetchReport(month);
  const words = monthWords(month, timeZone);
  const files = writeReportFiles(report, timeZone, words.title, words.note);
  const record = readSentRecord(month);
  const n = report.charters.length;
  const skipOwners = n === 0 && !sendIfEmpty;
  const plan = planMail(report, skipOwners ? [] : owners, record, resend);
  const lines = [
    `${words.title}: ${n} charter${n === 1 ? '' : 's'} written to ${files.folderPath}/${reportFileNames(month).spreadsheet}, with ${files.pdfName}${files.updated ? ' (both updated in place: the links sent before open this report)' : ''}.`,
    ...(words.note ? [words.note] : []),
    `Spreadsheet: ${files.spreadsheetUrl}`,
  ];
  if (skipOwners) {
    lines.push(
      `No charters in ${monthLabel(month)}: the owners' email ${send ? 'was not sent' : 'would not be sent'}. To send it anyway, run Crew › Monthly report…, choose this month, and answer Yes when it asks.`,
    );
  }
  if (send) {
    const result = sendPlannedMail(
      report,
      plan,
      { pdf: files.pdf, spreadsheetUrl: files.spreadsheetUrl, sender, ...words },
      record,
      executionBudget(),
    );
    lines.push(...describeSent(result));
    notePending(month, result);
  } else {
    lines.push(`Dry run: nothing was sent. Would send: ${describeRecipients(plan)}.`);
  }
  lines.push(...describeLeftOut(plan, month));
  toast(lines[0] as string);
  return lines.join('\n');
}

const names = (list: Array<{ name: string }>) => list.map((s) => s.name).join(', ');
const statements = (n: number) => `${n} statement${n === 1 ? '' : 's'}`;

function describeRecipients(plan: MailPlan): string {
  const owners = plan.owners.length
    ? `owners → ${plan.owners.join(', ')} (with the Summary PDF)`
    : 'owners → nobody';
  const crew = plan.crew.length
    ? `crew → ${statements(plan.crew.length)} (${names(plan.crew)})`
    : 'crew → no statements';
  return `${owners}; ${crew}`;
}

function describeSent(result: MailResult): string[] {
  const lines: string[] = [];
  if (result.ownersSent.length === 0 && result.crewSent.length === 0) lines.push('Nothing sent.');
  else {
    const owners = result.ownersSent.length ? result.ownersSent.join(', ') : 'nobody';
    const crew = result.crewSent.length
      ? `${statements(result.crewSent.length)} (${result.crewSent.join(', ')})`
      : 'no statements';
    lines.push(`Sent: owners → ${owners}; crew → ${crew}.`);
  }
  if (result.waitingForTime.length) {
    lines.push(
      `Not sent yet, this run neared Apps Script's 6-minute limit: ${statements(result.waitingForTime.length)} (${result.waitingForTime.join(', ')}). The timer sends them in its next runs; nobody gets theirs twice.`,
    );
  }
  if (result.leftForLater.length) {
    lines.push(
      `Not sent, the day's email quota ran out: ${result.leftForLater.join(', ')}. Run the month again tomorrow; those already sent are not sent twice.`,
    );
  }
  return lines;
}

function describeLeftOut(plan: MailPlan, month: string): string[] {
  const lines: string[] = [];
  const already = [
    ...(plan.ownersAlreadySent.length ? [`owners (${plan.ownersAlreadySent.join(', ')})`] : []),
    ...(plan.crewAlreadySent.length ? [names(plan.crewAlreadySent)] : []),
  ];
  if (already.length) {
    lines.push(
      `Already sent for ${month}, not sent again: ${already.join('; ')}. To send again, run Crew › Monthly report… and answer Yes to sending again.`,
    );
  }
  if (plan.crewWithoutEmail.length) {
    lines.push(`Not sent, no email on the roster: ${names(plan.crewWithoutEmail)}.`);
  }
  return lines;
}

/**
 * Crew › Monthly report…: asks for the month (empty = last month), then
 * Yes = send, No = dry run, Cancel = stop; if statements of that month went
 * out before, asks whether to send them again to everyone.
 */
export function askForMonthlyReport(): string | undefined {
  const ui = SpreadsheetApp.getUi();
  const title = 'Monthly report';
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const fallback = previousMonth(new Date(), timeZone);
  const answer = ui.prompt(
    title,
    `Which month? Type it as YYYY-MM, or leave it empty for ${monthLabel(fallback)} (${fallback}).`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return undefined;
  const typed = answer.getResponseText().trim();
  const month = typed === '' ? fallback : parseMonth(typed);
  if (!month)
    throw new OfficeError(`"${typed}" is not a month: type it as YYYY-MM, e.g. ${fallback}.`);

  const owners = ownerEmails();
  const label = monthLabel(month);
  const choice = ui.alert(
    title,
    [
      `Write the report for ${label} to Drive (it updates that month's earlier report, whose links keep working) and email the statements?`,
      '',
      `Yes: write it and send: the owners' statement to ${owners.join(', ')}, and each paid crew member their own.`,
      'No: dry run. Write it and show who would get what, sending nothing.',
      'Cancel: do nothing.',
    ].join('\n'),
    ui.ButtonSet.YES_NO_CANCEL,
  );
  if (choice !== ui.Button.YES && choice !== ui.Button.NO) return undefined;
  const send = choice === ui.Button.YES;
  let sendIfEmpty = false;
  // Read outside the script lock, so the question below never holds up another run.
  if (send && fetchReport(month).charters.length === 0) {
    const empty = ui.alert(
      title,
      [
        `${label} has no charters.`,
        '',
        'Yes: write the report and email the owners anyway (a report saying there were none).',
        'No: write the report, send nothing.',
        'Cancel: do nothing.',
      ].join('\n'),
      ui.ButtonSet.YES_NO_CANCEL,
    );
    if (empty !== ui.Button.YES && empty !== ui.Button.NO) return undefined;
    sendIfEmpty = empty === ui.Button.YES;
  }
  let resend = false;
  const alreadySent = readSentRecord(month).size();
  if (send && alreadySent > 0) {
    const again = ui.alert(
      title,
      [
        `Statements for ${label} were already sent to ${alreadySent} recipient${alreadySent === 1 ? '' : 's'}.`,
        '',
        'Yes: send them again to everyone.',
        'No: send only to those who have not had theirs.',
        'Cancel: do nothing.',
      ].join('\n'),
      ui.ButtonSet.YES_NO_CANCEL,
    );
    if (again !== ui.Button.YES && again !== ui.Button.NO) return undefined;
    resend = again === ui.Button.YES;
  }
  return runMonthlyReport({ month, send, resend, sendIfEmpty });
}

/** Leaves what a run could not send in time to the timer, or clears the month's pending work. */
function notePending(month: string, result: MailResult): void {
  const owed = result.waitingForTime;
  if (owed.length === 0) {
    if (readPending()?.month === month) writePending(null);
    return;
  }
  const ownersOwed = owed.some((name) => name.startsWith('owners ('));
  writePending({ month, stage: ownersOwed ? 'report' : 'statements' });
}

/**
 * The monthly trigger (the 1st, early morning): last month, sent, never resent;
 * no UI. When another run holds the lock it leaves the report to the timer.
 */
export function monthlyReportFromTrigger(): string {
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  const month = previousMonth(new Date(), timeZone);
  const done = withScriptLock(TRIGGER_LOCK_WAIT_MS, () =>
    reportLocked({ month, send: true, resend: false, sendIfEmpty: false }),
  );
  const summary =
    done?.value ??
    `crewcall monthly report ${month}: another run holds the script lock; the timer runs the report when it is free.`;
  if (!done) writePending({ month, stage: 'report' });
  console.log(summary);
  return summary;
}

/**
 * Called by the timer, under its lock: carries on a month's unfinished report
 * (the whole report, or only the statements still unsent). Returns what it did,
 * or undefined when nothing is pending.
 */
export function continueMonthlyReport(): string | undefined {
  const pending = readPending();
  if (!pending) return undefined;
  if (MailApp.getRemainingDailyQuota() < 1) return undefined; // nothing could go out today
  if (pending.stage === 'report') {
    return reportLocked({ month: pending.month, send: true, resend: false, sendIfEmpty: false });
  }
  const office = SpreadsheetApp.getActiveSpreadsheet();
  const report = fetchReport(pending.month);
  const record = readSentRecord(pending.month);
  const plan = planMail(report, ownerEmails(), record, false);
  const result = sendPlannedMail(
    report,
    { ...plan, owners: [] },
    {
      spreadsheetUrl: '',
      sender: senderName(),
      ...monthWords(pending.month, office.getSpreadsheetTimeZone()),
    },
    record,
    executionBudget(),
  );
  notePending(pending.month, result);
  return [`Monthly report ${pending.month}, continued:`, ...describeSent(result)].join(' ');
}
