import type { CrewMark, MarksAppliedAnswer } from '../../../shared/api/availability.js';
import {
  listMarksByDay,
  listMarksToRetry,
  listPendingMarks,
  type MarkOutcome,
  recordMarkApplied,
  type StoredMark,
} from '../db/dispatch-table/availability-marks.js';
import { currentAvailabilityKeys } from '../db/roster-reads.js';
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

/** A no_cell mark is offered to the office side again this long after it was last reported. */
export const NO_CELL_RETRY_MS = 24 * 3_600_000;

/**
 * The marks not yet in the sheet, oldest first, then no_cell marks due to be retried (at most
 * once a day each) in what room is left: marks with no cell never crowd out newer ones. Two
 * Queries, side by side; an idle run's answer is still the one request.
 */
export async function pendingMarks(deps: CallDeps): Promise<CrewMark[]> {
  const [pending, retry] = await Promise.all([
    listPendingMarks(deps.db, AVAILABILITY_MARKS_PER_RUN),
    listMarksToRetry(deps.db, deps.now().toISOString(), AVAILABILITY_MARKS_PER_RUN),
  ]);
  const marks = [...pending, ...retry].slice(0, AVAILABILITY_MARKS_PER_RUN);
  return withCurrentKeys(deps, marks);
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
  const retryAt = new Date(deps.now().getTime() + NO_CELL_RETRY_MS).toISOString();
  let updated = 0;
  let stale = 0;
  // A handful at a time: a 200-mark report does not open 200 connections at once.
  for (let i = 0; i < results.length; i += 25) {
    const done = await Promise.all(
      results.slice(i, i + 25).map((r) => recordMarkApplied(deps.db, r, at, retryAt)),
    );
    for (const ok of done) ok ? updated++ : stale++;
  }
  return { updated, stale };
}
