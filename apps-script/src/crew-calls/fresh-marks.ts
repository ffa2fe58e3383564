import type { CrewMark, MarksAnswer, RosterAnswer } from '../../../shared/api/index.js';
import type { ParsedAvailabilityTab } from '../../../shared/availability/parse-availability-tab.js';
import {
  applyCrewMarks,
  conflictProblems,
  markTime,
  noCellProblems,
} from '../availability/apply-crew-marks.js';
import type { EdgeApiClient } from '../edge-api/client.js';
import { PERSON_LOCK_WAIT_MS, withScriptLock } from '../office-run.js';
import type { SheetProblem } from '../sheet/problems-tab.js';

/** The crew's portal window (60 days) and a day either side for the time zones. */
const WINDOW_DAYS = 61;

export interface FreshMarks {
  /** Lines for the office's summary (e.g. marks not typed in because another run was busy). */
  lines: string[];
  /** Marks the office's later typing outranked, for the Problems tab (re-derived every run). */
  problems: SheetProblem[];
  /** "crew's own mark, Wed 2 Dec 14:05" for a person whose cell holds their own mark's text. */
  label(
    crewId: string,
    date: string,
    parsed: ParsedAvailabilityTab,
    availabilityKey: string,
  ): string | undefined;
}

/**
 * Before a call is previewed or sent: types the crew's pending marks into the month tabs
 * (the timer's code and rules, applyCrewMarks), so the call reads the freshest marks, the
 * office's or the crew's, whichever came later. `locked`: the caller holds the script lock
 * (Send); otherwise (Preview) it is taken for the typing only, and when another run holds it
 * the marks are left for that run or the next timer run, and the office is told.
 */
export function freshenCrewMarks(
  client: EdgeApiClient,
  roster: RosterAnswer,
  locked: boolean,
): FreshMarks {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const now = new Date();
  const day = (d: Date) => Utilities.formatDate(d, timeZone, 'yyyy-MM-dd');
  const from = day(new Date(now.getTime() - 86_400_000));
  const to = day(new Date(now.getTime() + WINDOW_DAYS * 86_400_000));
  const { marks } = client.get<MarksAnswer>(`/api/availability/marks?from=${from}&to=${to}`);
  // no_cell marks too: the office may have added the tab, row or column since (the retry path
  // besides the timer's daily one), and what still has no cell is listed with why.
  const pending = marks.filter((m) => m.state === 'pending' || m.state === 'no_cell');
  const apply = () => applyCrewMarks(client, pending, { roster, complete: false, fetchedAt: now });
  const done =
    pending.length === 0
      ? undefined
      : locked
        ? { value: apply() }
        : withScriptLock(PERSON_LOCK_WAIT_MS, apply);
  const lines =
    pending.length > 0 && !done
      ? [
          `${pending.length} crew mark(s) are not in the month tabs yet (another run is busy); this used the sheet as it is.`,
        ]
      : [];
  const when = markTime(timeZone);
  const names = new Map(roster.crew.map((c) => [c.crew_id, c.name]));
  const keptNow = new Set((done?.value.kept ?? []).map((k) => `${k.crew_id}|${k.date}`));
  const keptBefore = marks.filter(
    (m) => m.state === 'kept_office' && !keptNow.has(`${m.crew_id}|${m.date}`) && m.cell,
  );
  const problems = [
    ...(done ? conflictProblems(done.value, pending, when) : []),
    ...(done
      ? noCellProblems(done.value, when)
      : noCellProblems(
          {
            written: 0,
            kept: [],
            inSheet: [],
            names,
            unplaced: marks
              .filter((m) => m.state === 'no_cell')
              .map((mark) => ({ mark, why: mark.problem ?? 'no cell for it' })),
          },
          when,
        )),
    ...keptBefore.flatMap((m) =>
      conflictProblems(
        {
          written: 0,
          unplaced: [],
          inSheet: [],
          names,
          kept: [
            {
              crew_id: m.crew_id,
              date: m.date,
              set_at: m.set_at,
              outcome: 'kept_office',
              cell: m.cell as string,
              ...(m.office_value !== undefined ? { office_value: m.office_value } : {}),
            },
          ],
        },
        [m],
        when,
      ),
    ),
  ];
  const byPerson = new Map<string, CrewMark>(marks.map((m) => [`${m.crew_id}|${m.date}`, m]));
  return {
    lines,
    problems,
    label(crewId, date, parsed, availabilityKey) {
      const mark = byPerson.get(`${crewId}|${date}`);
      const cell = parsed.cells[date]?.[availabilityKey];
      if (!mark || !cell || cell.value.trim() !== mark.text) return undefined;
      return `crew's own mark, ${when(mark.set_at)}`;
    },
  };
}
