import type {
  CallRequestBody,
  Notification,
  RosterAnswer,
  StartCallAnswer,
} from '../../../shared/api/index.js';
import { type CallSummary, describeCall } from '../../../shared/crew-calls/call-summary.js';
import { type EdgeApiClient, edgeApiClient } from '../edge-api/client.js';
import { deliver, pendingLines } from '../mail/deliver.js';
import { sendNotifications } from '../mail/send-notifications.js';
import { readJournal, reportSent } from '../mail/sent-journal.js';
import { OfficeError } from '../office-error.js';
import { scriptSetting, toast } from '../office-run.js';
import { executionBudget } from '../run-budget.js';
import { xMeansSetting } from '../settings/x-means.js';
import { availabilityReader } from '../sheet/availability-tabs.js';
import { charterFromRow, readChartersTab, writeSystemColumns } from '../sheet/charters-tab.js';
import {
  availabilityProblems,
  availabilitySummaryLines,
  writeProblemsTab,
} from '../sheet/problems-tab.js';
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
  const reader = availabilityReader(
    spreadsheet,
    roster.crew.map((c) => c.availability_key),
    timeZone,
    xMeans,
  );
  const currency = scriptSetting('CREWCALL_CURRENCY', 'USD');
  const sender = scriptSetting('CREWCALL_SENDER_NAME', spreadsheet.getName());
  const format = (d: Date, pattern: string) => Utilities.formatDate(d, timeZone, pattern);

  const updates = new Map<number, { status: string; crew: string }>();
  const sent: string[] = [];
  const skipped: string[] = [];
  const outOfTime: string[] = [];
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
    try {
      client.put(`/api/charters/${parsed.charter_id}`, parsed.body);
      const started = client.post<StartCallAnswer>(`/api/charters/${parsed.charter_id}/calls`, {
        availability: availability.day,
      } satisfies CallRequestBody);
      const result = deliver(client, started.notifications, sender);
      pending.leftForLater += result.leftForLater;
      pending.waitingForTime += result.waitingForTime;
      if (result.recordingFailed) {
        pending.recordingFailed = result.recordingFailed;
        pending.unrecorded = result.unrecorded;
      }
      updates.set(row, describeCall(started.call));
      sent.push(`${label}: ${result.sent} email${result.sent === 1 ? '' : 's'}`);
    } catch (error) {
      if (!(error instanceof OfficeError)) throw error;
      skipped.push(`${label}: ${error.message}`);
    }
  });

  writeSystemColumns(table, updates, new Date());
  const tabs = reader.parsedTabs();
  const problems = availabilityProblems(tabs);
  if (tabs.length > 0) writeProblemsTab(spreadsheet, problems, tabs, xMeans, new Date());
  const lines = [
    `Sent ${sent.length} crew call${sent.length === 1 ? '' : 's'}${sent.length ? `: ${sent.join('; ')}` : ''}.`,
    ...(skipped.length ? [`Skipped ${skipped.length}: ${skipped.join(' | ')}`] : []),
    ...(outOfTime.length
      ? [
          `Not started, this run is near Apps Script's 6-minute limit: ${outOfTime.join(', ')}. Select them and send again.`,
        ]
      : []),
    ...pendingLines(pending),
    ...availabilitySummaryLines(problems, tabs, xMeans),
  ];
  toast(lines[0] as string);
  return lines.join('\n');
}
