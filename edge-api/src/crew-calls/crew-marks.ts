import type { CrewMark, MarksAppliedAnswer } from '../../../shared/api/availability.js';
import {
  listMarksByDay,
  listPendingMarks,
  type MarkOutcome,
  recordMarkApplied,
  type StoredMark,
} from '../db/dispatch-table/index.js';
import { currentAvailabilityKeys } from '../db/roster-table.js';
import type { CallDeps } from './call-deps.js';

/**
 * How many pending marks one timer run is handed (DueAnswer.availability_marks): a page of
 * one Query; the rest come on the next runs, oldest first.
 */
export const AVAILABILITY_MARKS_PER_RUN = 200;

/** Marks with each person's sheet header as the roster has it now (a renamed column moves). */
async function withCurrentKeys(deps: CallDeps, marks: StoredMark[]): Promise<CrewMark[]> {
  if (marks.length === 0) return [];
  const keys = await currentAvailabilityKeys(
    deps.db,
    marks.map((m) => m.crew_id),
  );
  return marks.map((m) => ({ ...m, availability_key: keys.get(m.crew_id) ?? m.availability_key }));
}

/** The marks not yet in the sheet, oldest first; an idle run costs one Query. */
export async function pendingMarks(deps: CallDeps): Promise<CrewMark[]> {
  return withCurrentKeys(deps, await listPendingMarks(deps.db, AVAILABILITY_MARKS_PER_RUN));
}

/** Every crew member's current mark for the dates, any state. */
export async function marksForDates(deps: CallDeps, from: string, to: string): Promise<CrewMark[]> {
  return withCurrentKeys(deps, await listMarksByDay(deps.db, from, to));
}

/** Records what the office side did with each mark; a mark set again meanwhile stays pending. */
export async function applyMarks(
  deps: CallDeps,
  results: readonly MarkOutcome[],
): Promise<MarksAppliedAnswer> {
  const at = deps.now().toISOString();
  let updated = 0;
  let stale = 0;
  // A handful at a time: a 200-mark report does not open 200 connections at once.
  for (let i = 0; i < results.length; i += 25) {
    const done = await Promise.all(
      results.slice(i, i + 25).map((r) => recordMarkApplied(deps.db, r, at)),
    );
    for (const ok of done) ok ? updated++ : stale++;
  }
  return { updated, stale };
}
