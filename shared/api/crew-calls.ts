import type { Money } from '../money/index.js';
import type { CrewMark } from './availability.js';
import type { Change } from './changes.js';
import type { Notification } from './notifications.js';

/** Per role of a call: who is confirmed, asked, on standby, declined. */
export interface RoleSummary {
  role: string;
  needed: number;
  filled: number;
  confirmed: Array<{ crew_id: string; name: string }>;
  /** Asked and not yet answered. */
  pending: Array<{ crew_id: string; name: string; level: number }>;
  standby: Array<{ crew_id: string; name: string; since: string }>;
  declined: Array<{ crew_id: string; name: string; reason?: string }>;
}

/** What the office sees of a crew call; the edge API computes it, the sheet and board show it. */
export interface CallSummary {
  call_id: string;
  status: string;
  /** The level whose window is running (or ran last); null before any opened. */
  current_level: number | null;
  current_window_closes_at: string | null;
  /** The next level the cascade would open, if any is left. */
  next_level: number | null;
  roles: RoleSummary[];
  /** Set while the call is short-handed (seats open and nobody left to ask, or the boat leaves soon). */
  short_handed?: ShortHandedReason;
}

/** Someone a level of the plan would call. */
export interface PlannedCandidate {
  crew_id: string;
  name: string;
  first_name: string;
  /** The seat they are asked for at this level. */
  role: string;
  cascade_level: number;
  /** Other needed roles they hold at this same level (extra qualifications); absent when none. */
  also_roles?: string[];
  email: string;
  phone: string;
  day_rate: Money;
  /** Confirmed charters in the 30 days before the charter start. */
  recent_confirmed: number;
}

export interface PlannedLevel {
  /** The cascade_level. */
  level: number;
  /** UTC ISO, whole seconds. */
  opens_at: string;
  window_minutes: number;
  closes_at: string;
  /** Fairest first: fewest recent_confirmed, then name, then crew_id. */
  candidates: PlannedCandidate[];
  /** Distinct roles among the candidates, sorted. */
  roles: string[];
}

/** Who would be called, in what order and when: shown in the preview, frozen onto the call. */
export interface CallPlan {
  charter_id: string;
  planned_at: string;
  departs_at: string;
  /** Seats per role, roles with 0 removed. */
  seats: Record<string, number>;
  /** Only levels with at least one eligible candidate, ascending. */
  levels: PlannedLevel[];
  skipped_levels: Array<{ level: number; reason: string }>;
  /** Every roster member of a needed role who is not a candidate, with why. */
  excluded: Array<{
    crew_id: string;
    name: string;
    role: string;
    cascade_level: number;
    reason: string;
  }>;
  /** Roles with fewer eligible candidates than seats. */
  short_roles: Array<{ role: string; seats: number; candidates: number }>;
  /** Keys in the availability that match no roster member (sorted). */
  unknown_availability_keys: string[];
  /** Every roster member who is not a candidate, whatever their role, with a code and words. */
  left_out: LeftOut[];
}

/**
 * Why someone on the roster is not called. `no_mark`: nothing for that date (a blank cell, or
 * no column); `unreadable`: the office side's reading of a cell it could not read (the API
 * itself never sees those cells, so it says `no_mark`); `part_day`: a part-day mark the
 * charter's hours do not fit; `unsure`: "maybe", "?"; `unavailable`: a no; `not_qualified`:
 * no open seat of their role; `inactive`: deactivated on the roster; `other_charter`: confirmed
 * on another charter overlapping that local date.
 */
export type LeftOutCode =
  | 'no_mark'
  | 'unreadable'
  | 'part_day'
  | 'unsure'
  | 'unavailable'
  | 'not_qualified'
  | 'inactive'
  | 'other_charter';

/** A charter someone is confirmed on, as the planner is told of it. */
export interface OtherCharter {
  charter_id: string;
  vessel: string;
  /** Local date and times in the charter's zone. */
  date: string;
  start: string;
  end: string;
}

/** One person not called, in the plan (ordered by cascade level, then name). */
export interface LeftOut {
  crew_id: string;
  name: string;
  role: string;
  cascade_level: number;
  /** The sheet header naming them: how the office side finds their cell. */
  availability_key: string;
  code: LeftOutCode;
  /** What the office reads, e.g. `no mark on Dec 5`, `on Sea Lark that day (CH-7, 09:00-13:00)`. */
  words: string;
  /** For `other_charter`. */
  other_charter?: OtherCharter;
}

/** POST /api/charters/:charterId/calls/preview */
export interface PreviewAnswer {
  plan: CallPlan;
}

/** POST /api/charters/:charterId/calls (201): the first level's emails, leased to this caller. */
export interface StartCallAnswer {
  call: CallSummary;
  plan: CallPlan;
  notifications: Notification[];
}

/** A call whose current window has passed with seats open. */
export interface DueCall {
  call_id: string;
  charter_id: string;
  /** The level whose window has passed. */
  current_level: number | null;
  window_closed_at: string | null;
}

/** GET /api/calls/due?since=: everything the office's timer needs, in one answer. */
export interface DueAnswer {
  calls: DueCall[];
  /** Every email not yet reported sent (and not leased to a running send). */
  pending_notifications: Notification[];
  changes: Change[];
  next_cursor: string | undefined;
  /** The current state of every call the changes touch, for the sheet's Status and Crew cells. */
  calls_changed: Array<{ charter_id: string; call: CallSummary }>;
  /** Short-handed emails to the office, each not yet reported sent. */
  office_alerts?: OfficeAlert[];
  /**
   * Crew availability marks not yet written into the sheet (state `pending`), oldest set_at
   * first, at most 200 (AVAILABILITY_MARKS_PER_RUN): report each to POST
   * /api/availability/applied and the next run gets the next ones.
   */
  availability_marks: CrewMark[];
}

/** POST /api/calls/:callId/escalate */
export interface EscalateBody {
  /** The level the caller saw as current: a repeat then opens nothing more. */
  from_level?: number;
  /** Open the next level before the window closes (needs from_level). */
  force?: boolean;
}

export interface EscalateAnswer {
  call_id: string;
  /** The level now open, or null when the cascade has no one left to ask. */
  level: number | null;
  skipped_levels: Array<{ level: number; reason: string }>;
  /** True when this level was already opened by an earlier request: same links, not new ones. */
  already_escalated: boolean;
  notifications: Notification[];
  /** The call after escalating, for the sheet. */
  call: CallSummary;
}

/** POST /api/calls/:callId/notified */
export interface NotifiedBody {
  notification_ids: string[];
  /** ISO time; default now. */
  sent_at?: string;
}

export interface NotifiedAnswer {
  recorded: number;
  already_recorded: number;
}

/** POST /api/calls/:callId/crew/:crewId/link (201): a fresh link; the old one stops working. */
export interface ReissueAnswer {
  notification: Notification;
}

/** POST /api/charters/:charterId/cancel: CANCELs for everyone who was told. */
export interface CancelAnswer {
  charter_id: string;
  status: 'cancelled';
  /** True when it was cancelled before: no second round of emails. */
  already_cancelled: boolean;
  notifications: Notification[];
}

/**
 * Why a call is short-handed: everyone it could ask was asked and the last
 * window passed, or the boat leaves soon (GET /api/calls/due?short_before_hours=,
 * default 24) with seats still open.
 */
export type ShortHandedReason = 'everyone_asked' | 'departs_soon';

/**
 * An email to the office (GET /api/calls/due `office_alerts`): a call is
 * short-handed. One per call and reason, ever: report its notification_id to
 * POST /api/calls/:callId/notified once sent, like any email.
 */
export interface OfficeAlert {
  notification_id: string;
  call_id: string;
  charter_id: string;
  reason: ShortHandedReason;
  open_seats: Array<{ role: string; open: number }>;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The call now, for the sheet's Status cell. */
  call?: CallSummary;
}

/**
 * POST /api/calls/:callId/more-crew: ask more people on a running call, from a
 * fresh read of the month tab (`availability`) or one hand-picked roster member
 * (`crew_id`). Without `confirm` it is a preview: who would be asked.
 */
export interface MoreCrewBody {
  availability?: Record<string, unknown>;
  crew_id?: string;
  confirm?: boolean;
}

export interface MoreCrewAnswer {
  call_id: string;
  candidates: Array<{ crew_id: string; name: string; role: string }>;
  /** The new level opened; null in a preview or when nobody new is free. */
  level: number | null;
  /**
   * From the month tab (`availability`): everyone on the roster the fresh plan does not
   * call and who was never asked on this call, with why (as a preview's `left_out`).
   * Empty for a hand-picked `crew_id`.
   */
  left_out: LeftOut[];
  notifications: Notification[];
  call: CallSummary;
}
