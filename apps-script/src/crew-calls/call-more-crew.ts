import type {
  CharterWithCall,
  MoreCrewAnswer,
  MoreCrewBody,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { describeCall } from '../../../shared/crew-calls/call-summary.js';
import { type EdgeApiClient, edgeApiClient } from '../edge-api/client.js';
import { deliver, pendingLines } from '../mail/deliver.js';
import { OfficeError } from '../office-error.js';
import { whileNoOtherRun } from '../office-run.js';
import { senderName } from '../settings/office-settings.js';
import { xMeansSetting } from '../settings/x-means.js';
import { availabilityReader } from '../sheet/availability-tabs.js';
import { readChartersTab, writeSystemColumns } from '../sheet/charters-tab.js';
import { availabilityProblems, writeProblemsTab } from '../sheet/problems-tab.js';
import { leftOutLine, leftOutOnSheet, leftOutProblems } from './left-out-lines.js';
import { selectedCharterRows } from './selected-charters.js';

const names = (a: MoreCrewAnswer) => a.candidates.map((c) => `${c.name} (${c.role})`).join(', ');

/** The one selected charter row and its running call. */
function selectedCall(client: EdgeApiClient) {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const table = readChartersTab(spreadsheet);
  const rows = selectedCharterRows(spreadsheet, table);
  if (rows.length !== 1) throw new OfficeError('Select one charter row to call more crew for.');
  const row = rows[0] as number;
  const id = String(table.values[row]?.[table.columns.id as number]).trim();
  const found = client.get<CharterWithCall>(`/api/charters/${encodeURIComponent(id)}`);
  if (!found.call) throw new OfficeError(`${id} has no crew call yet: use Send crew call.`);
  return { spreadsheet, table, row, id, charter: found.charter, callId: found.call.call_id };
}

/** Who the month tab leaves out, as Preview says it: a line for the dialogs, and Problems rows. */
type LeftOutNotes = (answer: MoreCrewAnswer) => string[];
const noLeftOut: LeftOutNotes = () => [];

/** Previews, asks for a yes, then opens the new level and sends its emails. */
function previewThenCall(
  title: string,
  body: MoreCrewBody,
  client: EdgeApiClient,
  at: ReturnType<typeof selectedCall>,
  leftOut: LeftOutNotes = noLeftOut,
): string | undefined {
  const path = `/api/calls/${at.callId}/more-crew`;
  const preview = client.post<MoreCrewAnswer>(path, { ...body, confirm: false });
  if (preview.candidates.length === 0) {
    return [
      `${at.id}: nobody new to ask. Everyone free on the month tab was asked already or is still waiting in a later level.`,
      ...leftOut(preview),
    ].join('\n');
  }
  const ui = SpreadsheetApp.getUi();
  const yes = ui.alert(
    title,
    [`${at.id}: ask ${names(preview)} now, as a new level?`, ...leftOut(preview)].join('\n'),
    ui.ButtonSet.YES_NO,
  );
  if (yes !== ui.Button.YES) return undefined;
  return whileNoOtherRun(() => {
    const sender = senderName();
    const done = client.post<MoreCrewAnswer>(path, { ...body, confirm: true });
    const delivered = deliver(client, done.notifications, sender);
    writeSystemColumns(at.table, new Map([[at.row, describeCall(done.call)]]), new Date());
    return [
      `${at.id}: level ${done.level} asks ${names(done)}; sent ${delivered.sent} email(s).`,
      ...leftOut(done),
      ...pendingLines(delivered),
    ].join('\n');
  });
}

/**
 * Crew › Call more crew: re-reads the month tab for the selected charter and
 * asks, as one new level, whoever is free now and was never asked (people who
 * became available or joined the roster since the call started).
 */
export function callMoreCrew(): string | undefined {
  const client = edgeApiClient();
  const at = selectedCall(client);
  const roster = client.get<RosterAnswer>('/api/crew?active=true');
  const xMeans = xMeansSetting();
  const reader = availabilityReader(
    at.spreadsheet,
    roster.crew.map((c) => c.availability_key),
    at.spreadsheet.getSpreadsheetTimeZone(),
    xMeans,
  );
  const day = reader.forDate(at.charter.date);
  if ('problem' in day) throw new OfficeError(`${at.id}: ${day.problem}`);
  const charterLabel = `${at.id} (${at.charter.vessel}, ${at.charter.date} ${at.charter.start})`;
  // As Preview does: the dialog's line, and the Problems tab rewritten with its rows.
  const leftOut: LeftOutNotes = (answer) => {
    const onSheet = leftOutOnSheet(answer.left_out, day.parsed, at.charter.date);
    const tabs = reader.parsedTabs();
    writeProblemsTab(
      at.spreadsheet,
      availabilityProblems(tabs),
      tabs,
      xMeans,
      new Date(),
      leftOutProblems(charterLabel, onSheet),
    );
    const line = leftOutLine(onSheet);
    return line ? [line] : [];
  };
  return previewThenCall('Call more crew', { availability: day.day }, client, at, leftOut);
}

/**
 * Crew › Ask one crew member…: the office names one roster member to ask on
 * the selected charter, whatever the month tab says. Someone already asked
 * (declined included) is never asked twice.
 */
export function askOneCrewMember(): string | undefined {
  const client = edgeApiClient();
  const at = selectedCall(client);
  const ui = SpreadsheetApp.getUi();
  const typed = ui.prompt(
    'Ask one crew member',
    `Who should be asked for ${at.id}? Type their name as on the roster.`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (typed.getSelectedButton() !== ui.Button.OK) return undefined;
  const name = typed.getResponseText().trim().toLowerCase();
  const roster = client.get<RosterAnswer>('/api/crew?active=true');
  const member = roster.crew.find((c) => c.name.trim().toLowerCase() === name);
  if (!member)
    throw new OfficeError(`No active crew member is named "${typed.getResponseText()}".`);
  return previewThenCall('Ask one crew member', { crew_id: member.crew_id }, client, at);
}
