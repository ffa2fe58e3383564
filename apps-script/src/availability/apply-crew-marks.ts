import type {
  CrewMark,
  MarkApplied,
  MarksAppliedAnswer,
  MarksAppliedBody,
  RosterAnswer,
} from '../../../shared/api/index.js';
import { editTimes } from '../../../shared/availability/office-edit-times.js';
import {
  planMarkWrites,
  type UnplacedMark,
  writeRectangle,
} from '../../../shared/availability/plan-mark-writes.js';
import type { EdgeApiClient } from '../edge-api/client.js';
import { xMeansSetting } from '../settings/x-means.js';
import { monthTabNames } from '../sheet/availability-tabs.js';
import { keptOfficeProblem, noCellProblem, type SheetProblem } from '../sheet/problems-tab.js';
import { pruneOfficeEdits } from './office-edits.js';

/** MarksAppliedBody takes at most 200 results. */
const MARKS_PER_REPORT = 200;

export interface AppliedMarks {
  written: number;
  kept: MarkApplied[];
  /** Marks with no cell to go in (no tab, no date, no header): reported no_cell. */
  unplaced: UnplacedMark[];
  /** Every mark now in the sheet as the crew set it (written now or already there). */
  inSheet: MarkApplied[];
  /** Names by crew_id, for the office's lines. */
  names: Map<string, string>;
}

/**
 * Types the crew's pending marks into the month tabs: per tab one read of the data range's
 * values and, when anything is to be typed, of its formulas and number formats, then one
 * setValues over the rectangle of the changed cells; then one POST /api/availability/applied. The rules are planMarkWrites'.
 * The caller holds the script lock (the timer, Send crew call, a preview that got it).
 */
export function applyCrewMarks(
  client: EdgeApiClient,
  marks: CrewMark[],
  options: { roster?: RosterAnswer; complete: boolean; fetchedAt: Date },
): AppliedMarks {
  const done: AppliedMarks = { written: 0, kept: [], unplaced: [], inSheet: [], names: new Map() };
  if (marks.length === 0) {
    if (options.complete) pruneOfficeEdits(options.fetchedAt);
    return done;
  }
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const roster = options.roster ?? client.get<RosterAnswer>('/api/crew?active=true');
  const rosterKeys = roster.crew.map((c) => c.availability_key);
  for (const c of roster.crew) done.names.set(c.crew_id, c.name);
  const xMeans = xMeansSetting();
  const edited = editTimes(PropertiesService.getDocumentProperties().getProperties());
  const byName = new Map(spreadsheet.getSheets().map((s) => [s.getName().trim().toLowerCase(), s]));
  const byTab = new Map<string, { sheet: GoogleAppsScript.Spreadsheet.Sheet; marks: CrewMark[] }>();
  for (const mark of marks) {
    const names = monthTabNames(mark.date);
    const sheet = names.map((n) => byName.get(n.toLowerCase())).find(Boolean);
    if (!sheet) {
      done.unplaced.push({ mark, why: `no month tab for ${names[0]}` });
      continue;
    }
    const group = byTab.get(sheet.getName()) ?? { sheet, marks: [] };
    group.marks.push(mark);
    byTab.set(sheet.getName(), group);
  }
  for (const [tab, { sheet, marks: tabMarks }] of byTab) {
    const range = sheet.getDataRange();
    const values = range.getValues();
    const plan = planMarkWrites({
      tab,
      values,
      timeZone,
      rosterKeys,
      xMeans,
      marks: tabMarks,
      officeEditedAt: (row, column) => edited(tab, row + 1, column + 1),
    });
    // Formulas and formats only when something is to be typed: they decide how the rectangle is written.
    const rect =
      plan.writes.length > 0
        ? writeRectangle(
            { values, formulas: range.getFormulas(), formats: range.getNumberFormats() },
            plan.writes,
          )
        : undefined;
    if (rect) {
      const grid = rect.grid;
      sheet
        .getRange(rect.row + 1, rect.column + 1, grid.length, grid[0]?.length ?? 1)
        .setValues(grid);
    }
    done.written += plan.writes.length;
    done.unplaced.push(...plan.unplaced);
    for (const r of plan.results) (r.outcome === 'kept_office' ? done.kept : done.inSheet).push(r);
  }
  const noCell = done.unplaced.map(
    ({ mark, why }): MarkApplied => ({
      crew_id: mark.crew_id,
      date: mark.date,
      set_at: mark.set_at,
      outcome: 'no_cell',
      problem: why,
    }),
  );
  const results = [...done.inSheet, ...done.kept, ...noCell];
  // One report (the timer gets at most 200 marks); a preview's larger backlog goes in pages of 200.
  for (let i = 0; i < results.length; i += MARKS_PER_REPORT) {
    client.post<MarksAppliedAnswer>('/api/availability/applied', {
      results: results.slice(i, i + MARKS_PER_REPORT),
    } satisfies MarksAppliedBody);
  }
  // Only when every pending mark was handed over and none is left over can old edits go.
  if (options.complete && done.unplaced.length === 0)
    pruneOfficeEdits(oldest(marks, options.fetchedAt));
  return done;
}

function oldest(marks: CrewMark[], fetchedAt: Date): Date {
  const first = marks.reduce((t, m) => Math.min(t, Date.parse(m.set_at)), fetchedAt.getTime());
  return new Date(first);
}

/** The Problems-tab lines of the marks the office's later typing outranked. */
export function conflictProblems(
  applied: AppliedMarks,
  marks: CrewMark[],
  when: (iso: string) => string,
): SheetProblem[] {
  return applied.kept.map((k) => {
    const mark = marks.find((m) => m.crew_id === k.crew_id && m.date === k.date);
    return keptOfficeProblem(
      {
        cell: k.cell ?? '',
        set_at: k.set_at,
        text: mark?.text ?? '',
        name: applied.names.get(k.crew_id) ?? mark?.availability_key ?? k.crew_id,
        ...(k.office_value !== undefined ? { office_value: k.office_value } : {}),
      },
      when,
    );
  });
}

/**
 * The Problems-tab lines of marks with no cell. `onlyNew`: just those the office side had not
 * reported before (the timer appends lines; a retried mark is listed once, not every day).
 */
export function noCellProblems(
  applied: AppliedMarks,
  when: (iso: string) => string,
  onlyNew = false,
): SheetProblem[] {
  return applied.unplaced
    .filter(({ mark }) => !onlyNew || mark.state !== 'no_cell')
    .map(({ mark, why, tab }) =>
      noCellProblem(
        {
          ...(tab !== undefined ? { tab } : {}),
          why,
          set_at: mark.set_at,
          text: mark.text,
          date: mark.date,
          name: applied.names.get(mark.crew_id) ?? mark.availability_key,
        },
        when,
      ),
    );
}

/** The office's words for when a crew member set a mark: "Wed 2 Dec 14:05". */
export function markTime(timeZone: string): (iso: string) => string {
  return (iso) => Utilities.formatDate(new Date(iso), timeZone, 'EEE d MMM HH:mm');
}
