import type {
  CallPlan,
  CallRequestBody,
  PlannedCandidate,
  PreviewAnswer,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { edgeApiClient } from '../edge-api/client.js';
import { OfficeError } from '../office-error.js';
import { executionBudget } from '../run-budget.js';
import { officeCurrency } from '../settings/office-settings.js';
import { xMeansSetting } from '../settings/x-means.js';
import { availabilityReader } from '../sheet/availability-tabs.js';
import { charterFromRow, charterRowError, readChartersTab } from '../sheet/charters-tab.js';
import {
  availabilityProblems,
  availabilitySummaryLines,
  type SheetProblem,
  writeProblemsTab,
} from '../sheet/problems-tab.js';
import { freshenCrewMarks } from './fresh-marks.js';
import {
  leftOutLine,
  leftOutOnSheet,
  leftOutProblems,
  type SheetLeftOut,
} from './left-out-lines.js';
import { selectedCharterRows } from './selected-charters.js';

/**
 * Crew › Preview crew call: who would be called, in what order and when, for every
 * selected charter row, in one dialog. Sends nothing. A row that cannot be previewed
 * is named with its row number and why; the others are still previewed.
 */
export function previewCrewCall(): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const client = edgeApiClient();
  const table = readChartersTab(spreadsheet);
  const rows = selectedCharterRows(spreadsheet, table);
  const format = (d: Date, pattern: string) => Utilities.formatDate(d, timeZone, pattern);
  const currency = officeCurrency();
  const roster = client.get<RosterAnswer>('/api/crew?active=true');
  // Pending crew marks go into the sheet first: the preview shows what a send would call.
  const fresh = freshenCrewMarks(client, roster, false);
  const keyOf = new Map(roster.crew.map((c) => [c.crew_id, c.availability_key]));
  const xMeans = xMeansSetting();
  const reader = availabilityReader(
    spreadsheet,
    roster.crew.map((c) => c.availability_key),
    timeZone,
    xMeans,
  );
  const when = (iso: string) => Utilities.formatDate(new Date(iso), timeZone, 'EEE d MMM HH:mm');
  const budget = executionBudget();

  const previews: string[][] = [];
  const notPreviewed: string[] = [];
  const leftOutRows: SheetProblem[] = [];
  for (const row of rows) {
    const parsed = charterFromRow(table, row, timeZone, currency, format);
    const label = `Row ${row + 1}${parsed.charter_id ? ` (${parsed.charter_id})` : ''}`;
    // Out of time: the rest are named, not silently dropped (a run stops at 6 minutes).
    if (!budget.canStartSend()) {
      notPreviewed.push(`${label}: not previewed, out of time; select it and preview again`);
      continue;
    }
    if ('problems' in parsed) {
      notPreviewed.push(`${label}: cannot be read: ${parsed.problems.join('; ')}`);
      continue;
    }
    const availability = reader.forDate(parsed.body.date);
    if ('problem' in availability) {
      notPreviewed.push(`${label}: ${availability.problem}`);
      continue;
    }
    try {
      // check=true: a running call's charter is only checked; Send crew call sends its changes.
      client.put(`/api/charters/${parsed.charter_id}?check=true`, parsed.body);
      const { plan } = client.post<PreviewAnswer>(
        `/api/charters/${parsed.charter_id}/calls/preview`,
        { availability: availability.day } satisfies CallRequestBody,
      );
      const charterLabel = `${parsed.charter_id} (${parsed.body.vessel}, ${parsed.body.date} ${parsed.body.start})`;
      const leftOut = leftOutOnSheet(plan.left_out, availability.parsed, parsed.body.date);
      leftOutRows.push(...leftOutProblems(charterLabel, leftOut));
      const crewMark = (c: PlannedCandidate) =>
        fresh.label(c.crew_id, parsed.body.date, availability.parsed, keyOf.get(c.crew_id) ?? '');
      previews.push([
        `Crew call preview for ${charterLabel}:`,
        ...planLines(plan, when, leftOut, crewMark),
      ]);
    } catch (error) {
      if (!(error instanceof OfficeError)) throw error;
      notPreviewed.push(`${label}: ${charterRowError(table, row, error)}`);
    }
  }

  const tabs = reader.parsedTabs();
  const problems = availabilityProblems(tabs);
  if (tabs.length > 0)
    writeProblemsTab(spreadsheet, problems, tabs, xMeans, new Date(), [
      ...leftOutRows,
      ...fresh.problems,
    ]);
  // One row that cannot be previewed is an error, as before; among several it is a line.
  if (rows.length === 1 && notPreviewed.length === 1)
    throw new OfficeError(notPreviewed[0] as string);

  const blocks = previews.map((lines) => lines.join('\n'));
  if (notPreviewed.length > 0)
    blocks.push(
      [`Not previewed (${notPreviewed.length} of ${rows.length}):`, ...notPreviewed].join('\n'),
    );
  const summary = [...fresh.lines, ...availabilitySummaryLines(problems, tabs, xMeans)];
  if (summary.length > 0) blocks.push(summary.join('\n'));
  const heading =
    rows.length > 1
      ? [`${previews.length} of ${rows.length} selected charters previewed. Nothing was sent.`]
      : [];
  return [...heading, ...blocks].join('\n\n');
}

/** The plan in words: each level with its window and who it asks, then what stands out. */
export function planLines(
  plan: CallPlan,
  when: (iso: string) => string,
  leftOut: SheetLeftOut[],
  crewMark: (c: PlannedCandidate) => string | undefined = () => undefined,
): string[] {
  const lines: string[] = [];
  for (const level of plan.levels) {
    lines.push(
      `Level ${level.level}, ${when(level.opens_at)} until ${when(level.closes_at)}: ${level.candidates
        .map((c) => {
          const own = crewMark(c);
          return `${c.name} (${c.role}${own ? `; ${own}` : ''})`;
        })
        .join(', ')}`,
    );
  }
  if (plan.levels.length === 0) lines.push('Nobody available would be called.');
  for (const s of plan.skipped_levels) lines.push(`Level ${s.level} skipped: ${s.reason}`);
  for (const s of plan.short_roles)
    lines.push(`Short: ${s.role} needs ${s.seats}, only ${s.candidates} available`);
  const notCalled = leftOutLine(leftOut);
  if (notCalled) lines.push(notCalled);
  if (plan.unknown_availability_keys.length) {
    lines.push(`Sheet names not on the roster: ${plan.unknown_availability_keys.join(', ')}`);
  }
  return lines;
}
