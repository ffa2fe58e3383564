/**
 * Crew availability marks (issue #15): a crew member marks days on their portal page, the edge
 * API stores the marks, and the office's timer writes them into the month tabs.
 */
export type CrewMarkKind = 'yes' | 'no' | 'morning' | 'afternoon' | 'after';

/** One crew member's current mark for one date. */
export interface CrewMark {
  crew_id: string;
  /** The person's sheet header (from the roster, current when the mark is read). */
  availability_key: string;
  /** YYYY-MM-DD, a local date in the office's time zone. */
  date: string;
  kind: CrewMarkKind;
  /** 'HH:MM' 24 h, only for kind 'after'. */
  after?: string;
  /** Short (at most 80 characters), one line. */
  note?: string;
  /** ISO instant the crew member saved it. */
  set_at: string;
  /** crew_id of who set it (always the crew member themself for now). */
  set_by: string;
  /** What the office writes into the cell (shared/availability/mark-text.ts): always text. */
  text: string;
  state: CrewMarkState;
  /** When the office side reported it written / kept / without a cell. */
  written_at?: string;
  /** E.g. "'December 2026'!C5", reported by the office side. */
  cell?: string;
  /** kept_office: what the office had typed in the cell. */
  office_value?: string;
  /** no_cell: why the office's sheet has no cell for it, e.g. "no month tab for January 2027". */
  problem?: string;
}

/**
 * pending: not yet handled by the office side. no_cell: the office's sheet has no cell for it
 * yet (no month tab, no row for the date, no column for the person); it is off the pending
 * list and re-offered to the office side at most once a day until it goes in.
 */
export type CrewMarkState = 'pending' | 'written' | 'kept_office' | 'no_cell';

/** At most this many characters of a no_cell problem are stored. */
export const MARK_PROBLEM_MAX = 300;

/** One pending mark's fate, as the office side reports it. */
export interface MarkApplied {
  crew_id: string;
  date: string;
  /** The set_at of the mark as the office side read it (GET /api/calls/due). */
  set_at: string;
  outcome: 'written' | 'kept_office' | 'no_cell';
  /** written / kept_office: the cell, e.g. "'December 2026'!C5". */
  cell?: string;
  /** kept_office: what the office had typed in the cell. */
  office_value?: string;
  /** no_cell: why there is no cell, e.g. "no column for “Teresa” in 'December 2026'". */
  problem?: string;
}

/** POST /api/availability/applied: the office side reports what it did with pending marks. */
export interface MarksAppliedBody {
  /** At most 200 at once (the size of DueAnswer.availability_marks). */
  results: MarkApplied[];
}

export interface MarksAppliedAnswer {
  updated: number;
  /** set_at no longer current: the crew member marked again; stays pending. */
  stale: number;
}

/** GET /api/availability/marks?date=YYYY-MM-DD (or from=&to=): every crew member's current mark for those dates, any state. */
export interface MarksAnswer {
  marks: CrewMark[];
}
