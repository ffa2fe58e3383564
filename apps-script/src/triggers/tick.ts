import type {
  DueAnswer,
  EscalateAnswer,
  EscalateBody,
  Notification,
} from '../../../shared/api/index.js';
import { describeCall } from '../../../shared/crew-calls/call-summary.js';
import {
  applyCrewMarks,
  conflictProblems,
  markTime,
  noCellProblems,
} from '../availability/apply-crew-marks.js';
import { edgeApiClient } from '../edge-api/client.js';
import { type Delivered, deliver } from '../mail/deliver.js';
import { sendOfficeAlerts } from '../mail/office-alerts.js';
import { readJournal, reportSent } from '../mail/sent-journal.js';
import { OfficeError } from '../office-error.js';
import { TRIGGER_LOCK_WAIT_MS, withScriptLock } from '../office-run.js';
import { continueMonthlyReport } from '../reports/monthly-report.js';
import { executionBudget } from '../run-budget.js';
import { senderName } from '../settings/office-settings.js';
import { readChartersTab, rowsByCharterId, writeSystemColumns } from '../sheet/charters-tab.js';
import { appendProblems } from '../sheet/problems-tab.js';
import { appendResponses } from '../sheet/responses-tab.js';

const CURSOR_KEY = 'CREWCALL_CHANGES_CURSOR';
/** Office setting: how many hours before departure the office hears again of open seats (default 24). */
const SHORT_HANDED_HOURS_KEY = 'CREWCALL_SHORT_HANDED_HOURS';
/** The most pending marks one due answer hands over (shared/api/availability.ts). */
const MARKS_PAGE = 200;

export interface TickSummary {
  escalated: number;
  sent: number;
  /** Waiting for tomorrow's email quota. */
  leftForLater: number;
  /** Waiting because this run neared Apps Script's 6-minute limit; the next run sends them. */
  waitingForTime: number;
  /** Sent but not recorded with the edge API (the next run records them), and why. */
  unrecorded: number;
  recordingFailed?: string;
  chartersUpdated: number;
  /** Crew marks typed into the month tabs, and marks the office's later typing outranked. */
  marksWritten: number;
  marksKept: number;
  /** What the run did for an unfinished monthly report, if anything. */
  monthlyReport?: string;
  skippedBecauseBusy: boolean;
}

const IDLE: TickSummary = {
  escalated: 0,
  sent: 0,
  leftForLater: 0,
  waitingForTime: 0,
  unrecorded: 0,
  chartersUpdated: 0,
  marksWritten: 0,
  marksKept: 0,
  skippedBecauseBusy: false,
};

/**
 * The timer (every 5 minutes): report sends a killed run left behind,
 * escalate calls whose window passed, send standby offers, confirmations,
 * cancellations and reminders, copy answers into the sheet, then carry on
 * with a monthly report's statements left unsent. The script lock keeps it
 * from overlapping any other sending run (a trigger waits 10 s, Sync now 30 s;
 * a timer run that gives way leaves everything to the next one). An idle run is
 * one request to the edge API and touches no sheet.
 */
export function runTick(waitMs = TRIGGER_LOCK_WAIT_MS): TickSummary {
  const done = withScriptLock(waitMs, tickLocked);
  if (done) return done.value;
  console.log(
    'crewcall timer: another run holds the script lock; the next timer run does the work.',
  );
  return { ...IDLE, skippedBecauseBusy: true };
}

function tickLocked(): TickSummary {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getScriptProperties();
  const client = edgeApiClient();
  const journal = readJournal();
  reportSent(client, journal);

  const cursor = props.getProperty(CURSOR_KEY);
  const shortHours = props.getProperty(SHORT_HANDED_HOURS_KEY)?.trim();
  const query = [
    ...(cursor ? [`since=${encodeURIComponent(cursor)}`] : []),
    ...(shortHours ? [`short_before_hours=${encodeURIComponent(shortHours)}`] : []),
  ];
  const due = client.get<DueAnswer>(`/api/calls/due${query.length ? `?${query.join('&')}` : ''}`);
  const marks = due.availability_marks ?? [];
  const applied = applyCrewMarks(client, marks, {
    complete: marks.length < MARKS_PAGE,
    fetchedAt: new Date(),
  });
  if (applied.kept.length > 0 || applied.unplaced.length > 0) {
    const when = markTime(spreadsheet.getSpreadsheetTimeZone());
    // Listed like a kept office value: once, when the timer first finds it (a daily retry adds no line).
    appendProblems(spreadsheet, [
      ...conflictProblems(applied, marks, when),
      ...noCellProblems(applied, when, true),
    ]);
  }
  for (const { mark, why } of applied.unplaced) {
    console.log(
      `crewcall timer: crew mark for ${mark.date} (${mark.availability_key}) has no cell: ${why}`,
    );
  }
  const outgoing: Notification[] = [...due.pending_notifications];
  const callStates = new Map(due.calls_changed.map((c) => [c.charter_id, c.call]));
  const alerts = due.office_alerts ?? [];
  for (const a of alerts) if (a.call) callStates.set(a.charter_id, a.call);
  // The sender name is looked up only when there is mail: an idle run stays one request.
  const alertsSent = alerts.length > 0 ? sendOfficeAlerts(alerts, senderName()) : 0;
  let escalated = 0;
  const budget = executionBudget();
  for (const call of due.calls) {
    // Near the time limit: the rest stay due, and the next run escalates them.
    if (!budget.canStartSend()) break;
    const result = client.post<EscalateAnswer>(
      `/api/calls/${call.call_id}/escalate`,
      (call.current_level === null
        ? {}
        : { from_level: call.current_level }) satisfies EscalateBody,
    );
    callStates.set(call.charter_id, result.call);
    const known = new Set(outgoing.map((o) => o.notification_id));
    outgoing.push(...result.notifications.filter((n) => !known.has(n.notification_id)));
    escalated++;
  }
  const delivered: Delivered =
    outgoing.length > 0
      ? deliver(client, outgoing, senderName())
      : { sent: 0, leftForLater: 0, waitingForTime: 0, alreadySent: 0, unrecorded: 0 };
  if (alertsSent > 0 && outgoing.length === 0) reportAlerts(client);

  let chartersUpdated = 0;
  if (callStates.size > 0 || due.changes.length > 0) {
    const timeZone = spreadsheet.getSpreadsheetTimeZone();
    const table = readChartersTab(spreadsheet);
    const rows = rowsByCharterId(table);
    const updates = new Map<number, { status: string; crew: string }>();
    for (const [charter_id, call] of callStates) {
      const row = rows.get(charter_id);
      if (row !== undefined) updates.set(row, describeCall(call));
    }
    writeSystemColumns(table, updates, new Date());
    appendResponses(spreadsheet, due.changes, timeZone);
    chartersUpdated = updates.size;
  }
  if (due.next_cursor && due.next_cursor !== cursor) props.setProperty(CURSOR_KEY, due.next_cursor);
  const monthlyReport = budget.canStartSend() ? continueMonthlyReport() : undefined;
  const summary: TickSummary = {
    escalated,
    sent: delivered.sent + alertsSent,
    leftForLater: delivered.leftForLater,
    waitingForTime: delivered.waitingForTime,
    unrecorded: delivered.unrecorded,
    ...(delivered.recordingFailed ? { recordingFailed: delivered.recordingFailed } : {}),
    chartersUpdated,
    marksWritten: applied.written,
    marksKept: applied.kept.length,
    ...(monthlyReport ? { monthlyReport } : {}),
    skippedBecauseBusy: false,
  };
  if (summary.waitingForTime || summary.recordingFailed || monthlyReport) {
    console.log(`crewcall timer: ${JSON.stringify(summary)}`);
  }
  return summary;
}

/** Records the office's emails; if that fails, the journal keeps them and the next run records them. */
function reportAlerts(client: ReturnType<typeof edgeApiClient>): void {
  try {
    reportSent(client, readJournal());
  } catch (error) {
    if (!(error instanceof OfficeError)) throw error;
    console.log(
      `crewcall timer: recording the office's email failed (${error.message}); the next run records it.`,
    );
  }
}
