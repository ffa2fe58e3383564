import type { CallRequestBody, PreviewAnswer, RosterAnswer } from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { scriptSetting } from '../office-run.js';
import { xMeansSetting } from '../settings/x-means.js';
import { availabilityReader } from '../sheet/availability-tabs.js';
import { charterFromRow, readChartersTab } from '../sheet/charters-tab.js';
import {
  availabilityProblems,
  availabilitySummaryLines,
  writeProblemsTab,
} from '../sheet/problems-tab.js';
import { selectedCharterRows } from './selected-charters.js';

/** Crew › Preview crew call: who would be called, in what order and when, for the first selected row. Sends nothing. */
export function previewCrewCall(): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const client = edgeApiClient();
  const table = readChartersTab(spreadsheet);
  const [row] = selectedCharterRows(spreadsheet, table);
  const format = (d: Date, pattern: string) => Utilities.formatDate(d, timeZone, pattern);
  const parsed = charterFromRow(
    table,
    row as number,
    timeZone,
    scriptSetting('CREWCALL_CURRENCY', 'USD'),
    format,
  );
  if ('problems' in parsed)
    throw new OfficeError(
      `${parsed.charter_id || 'This row'} cannot be read: ${parsed.problems.join('; ')}`,
    );
  const roster = client.get<RosterAnswer>('/api/crew?active=true');
  const xMeans = xMeansSetting();
  const reader = availabilityReader(
    spreadsheet,
    roster.crew.map((c) => c.availability_key),
    timeZone,
    xMeans,
  );
  const availability = reader.forDate(parsed.body.date);
  const tabs = reader.parsedTabs();
  const problems = availabilityProblems(tabs);
  if (tabs.length > 0) writeProblemsTab(spreadsheet, problems, tabs, xMeans, new Date());
  if ('problem' in availability)
    throw new OfficeError(`${parsed.charter_id}: ${availability.problem}`);
  // check=true: a running call's charter is only checked; Send crew call sends its changes.
  client.put(`/api/charters/${parsed.charter_id}?check=true`, parsed.body);
  const { plan } = client.post<PreviewAnswer>(`/api/charters/${parsed.charter_id}/calls/preview`, {
    availability: availability.day,
  } satisfies CallRequestBody);
  const when = (iso: string) => Utilities.formatDate(new Date(iso), timeZone, 'EEE d MMM HH:mm');
  const lines = [
    `Crew call preview for ${parsed.charter_id} (${parsed.body.vessel}, ${parsed.body.date} ${parsed.body.start}):`,
  ];
  for (const level of plan.levels) {
    lines.push(
      `Level ${level.level}, ${when(level.opens_at)} until ${when(level.closes_at)}: ${level.candidates
        .map((c) => `${c.name} (${c.role})`)
        .join(', ')}`,
    );
  }
  if (plan.levels.length === 0) lines.push('Nobody available would be called.');
  for (const s of plan.skipped_levels) lines.push(`Level ${s.level} skipped: ${s.reason}`);
  for (const s of plan.short_roles)
    lines.push(`Short: ${s.role} needs ${s.seats}, only ${s.candidates} available`);
  if (plan.excluded.length) {
    lines.push(`Not called: ${plan.excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}`);
  }
  if (plan.unknown_availability_keys.length) {
    lines.push(`Sheet names not on the roster: ${plan.unknown_availability_keys.join(', ')}`);
  }
  lines.push(...availabilitySummaryLines(problems, tabs, xMeans));
  return lines.join('\n');
}
