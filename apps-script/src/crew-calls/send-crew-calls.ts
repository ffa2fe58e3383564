import type {
  CallRequestBody,
  CharterBody,
  CharterPutAnswer,
  CharterWithCall,
  LeftOut,
  PreviewAnswer,
  RecallAnswer,
  RosterAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { describeCall } from '../../../shared/crew-calls/call-summary.js';
import { DAY_CHANGES } from '../../../shared/crew-calls/day-changes.js';
import { type EdgeApiClient, edgeApiClient } from '../edge-api/client.js';
import { deliver, pendingLines } from '../mail/deliver.js';
import { readJournal, reportSent } from '../mail/sent-journal.js';
import { OfficeError } from '../office-error.js';
import { toast } from '../office-run.js';
import { executionBudget } from '../run-budget.js';
import { officeCurrency, senderName } from '../settings/office-settings.js';
import { xMeansSetting } from '../settings/x-means.js';
import { availabilityReader } from '../sheet/availability-tabs.js';
import {
  charterFromRow,
  charterRowError,
  readChartersTab,
  writeSystemColumns,
} from '../sheet/charters-tab.js';
import {
  availabilityProblems,
  availabilitySummaryLines,
  type SheetProblem,
  writeProblemsTab,
} from '../sheet/problems-tab.js';
import { freshenCrewMarks } from './fresh-marks.js';
import { leftOutLine, leftOutOnSheet, leftOutProblems } from './left-out-lines.js';
import { selectedCharterRows } from './selected-charters.js';

/**
 * Crew › Send crew call: for each selected charter row, upsert the charter,
 * start its call with that date's availability, send the first level's emails
 * and record them. Returns the summary the office sees.
 */
export function sendCrewCalls(): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const client = edgeApiClient();
  const journal = readJournal();
  reportSent(client, journal);

  const table = readChartersTab(spreadsheet);
  const rows = selectedCharterRows(spreadsheet, table);
  const xMeans = xMeansSetting();
  const roster = client.get<RosterAnswer>('/api/crew?active=true');
  // Runs under the script lock (main.ts): pending crew marks go into the sheet before it is read.
  const fresh = freshenCrewMarks(client, roster, true);
  const reader = availabilityReader(
    spreadsheet,
    roster.crew.map((c) => c.availability_key),
    timeZone,
    xMeans,
  );
  const currency = officeCurrency();
  const sender = senderName();
  const format = (d: Date, pattern: string) => Utilities.formatDate(d, timeZone, pattern);

  const updates = new Map<number, { status: string; crew: string }>();
  const sent: string[] = [];
  const skipped: string[] = [];
  const changed: string[] = [];
  const outOfTime: string[] = [];
  const notCalled: string[] = [];
  const leftOutRows: SheetProblem[] = [];
  const pending = { leftForLater: 0, waitingForTime: 0, unrecorded: 0, recordingFailed: '' };
  const budget = executionBudget();
  rows.forEach((row, i) => {
    const parsed = charterFromRow(table, row, timeZone, currency, format);
    const label = parsed.charter_id || `row ${row + 1}`;
    if (!budget.canStartSend()) {
      outOfTime.push(label);
      return;
    }
    toast(`Crew call ${i + 1} of ${rows.length}: ${label} …`);
    if ('problems' in parsed) {
      skipped.push(`${label}: ${parsed.problems.join('; ')}`);
      return;
    }
    const availability = reader.forDate(parsed.body.date);
    if ('problem' in availability) {
      skipped.push(`${label}: ${availability.problem}`);
      return;
    }
    const body = { availability: availability.day } satisfies CallRequestBody;
    // Everyone the call does not reach, named with why, in the summary and the Problems tab.
    const noteLeftOut = (planned: LeftOut[]) => {
      const leftOut = leftOutOnSheet(planned, availability.parsed, parsed.body.date);
      leftOutRows.push(
        ...leftOutProblems(
          `${parsed.charter_id} (${parsed.body.vessel}, ${parsed.body.date} ${parsed.body.start})`,
          leftOut,
        ),
      );
      const line = leftOutLine(leftOut);
      if (line) notCalled.push(`${label}: ${line}`);
    };
    try {
      const path = `/api/charters/${parsed.charter_id}`;
      const put = putOrMove(client, path, parsed.body);
      const record = (result: ReturnType<typeof deliver>) => {
        pending.leftForLater += result.leftForLater;
        pending.waitingForTime += result.waitingForTime;
        if (result.recordingFailed) {
          pending.recordingFailed = result.recordingFailed;
          pending.unrecorded = result.unrecorded;
        }
      };
      if ('moveFrom' in put) {
        if (!confirmMove(label, put.moveFrom, parsed.body.date)) {
          skipped.push(
            `${label}: the date change was not sent; its crew call for ${put.moveFrom} still runs`,
          );
          return;
        }
        const recalled = client.post<RecallAnswer>(`${path}/recall`, parsed.body);
        const told = deliver(client, recalled.notifications, sender);
        record(told);
        changed.push(
          `${label} moved to ${parsed.body.date}: the call for ${put.moveFrom} is cancelled (${told.sent} cancellation email${told.sent === 1 ? '' : 's'})`,
        );
      } else if (put.answer.update) {
        // A running call: its crew hear of the change; no second call starts.
        const update = put.answer.update;
        const told = deliver(client, update.notifications, sender);
        record(told);
        changed.push(describeUpdate(label, update.changed, update.told, told.sent));
        const now = client.get<CharterWithCall>(path);
        if (now.call) updates.set(row, describeCall(now.call));
        return;
      }
      const started = client.post<StartCallAnswer>(`${path}/calls`, body);
      const result = deliver(client, started.notifications, sender);
      record(result);
      updates.set(row, describeCall(started.call));
      sent.push(`${label}: ${result.sent} email${result.sent === 1 ? '' : 's'}`);
      noteLeftOut(started.plan.left_out);
    } catch (error) {
      if (!(error instanceof OfficeError)) throw error;
      skipped.push(`${label}: ${charterRowError(table, row, error)}`);
      // Nobody could be called: the preview says who was left out and why (it writes nothing).
      if (error.detail.code === 'nobody_to_call')
        noteLeftOut(previewLeftOut(client, parsed.charter_id, body));
    }
  });

  writeSystemColumns(table, updates, new Date());
  const tabs = reader.parsedTabs();
  const problems = availabilityProblems(tabs);
  if (tabs.length > 0)
    writeProblemsTab(spreadsheet, problems, tabs, xMeans, new Date(), [
      ...leftOutRows,
      ...fresh.problems,
    ]);
  const lines = [
    `Sent ${sent.length} crew call${sent.length === 1 ? '' : 's'}${sent.length ? `: ${sent.join('; ')}` : ''}.`,
    ...changed,
    ...notCalled,
    ...(skipped.length ? [`Skipped ${skipped.length}: ${skipped.join(' | ')}`] : []),
    ...(outOfTime.length
      ? [
          `Not started, this run is near Apps Script's 6-minute limit: ${outOfTime.join(', ')}. Select them and send again.`,
        ]
      : []),
    ...pendingLines(pending),
    ...fresh.lines,
    ...availabilitySummaryLines(problems, tabs, xMeans),
  ];
  toast(lines[0] as string);
  return lines.join('\n');
}

/** Who a start would have left out; nobody if even the preview fails (the skip says why). */
function previewLeftOut(
  client: EdgeApiClient,
  charterId: string,
  body: CallRequestBody,
): LeftOut[] {
  try {
    return client.post<PreviewAnswer>(`/api/charters/${charterId}/calls/preview`, body).plan
      .left_out;
  } catch (error) {
    if (!(error instanceof OfficeError)) throw error;
    return [];
  }
}

/**
 * PUTs the row's charter; a running call's charter moved to another day is
 * not changed but answered with the day it is on now, for the office to confirm.
 */
function putOrMove(
  client: EdgeApiClient,
  path: string,
  body: CharterBody,
): { answer: CharterPutAnswer } | { moveFrom: string } {
  try {
    return { answer: client.put<CharterPutAnswer>(path, body) };
  } catch (error) {
    if (!(error instanceof OfficeError) || !error.fields.some((f) => f.message === DAY_CHANGES))
      throw error;
    return { moveFrom: client.get<CharterWithCall>(path).charter.date };
  }
}

/** A new day is a new call: the office says yes before everyone on the running one is told. */
function confirmMove(label: string, from: string, to: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return (
    ui.alert(
      'Move the charter to a new date',
      `${label} moves from ${from} to ${to}. Its crew call for ${from} is cancelled: everyone asked or confirmed is told and the entry leaves their calendar. Then crew are called for ${to}. Go ahead?`,
      ui.ButtonSet.YES_NO,
    ) === ui.Button.YES
  );
}

function describeUpdate(label: string, what: string[], told: string[], sent: number): string {
  if (what.length === 0) return `${label}: nothing changed (its crew call is running)`;
  const who = told.length
    ? `told ${told.join(', ')} (${sent} email${sent === 1 ? '' : 's'})`
    : 'told nobody';
  return `Updated ${label}: ${what.join(', ')}; ${who}`;
}
