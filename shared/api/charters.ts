import type { AvailabilityMark } from '../availability/index.js';
import type { Charter } from '../charter/index.js';
import type { CallSummary } from './crew-calls.js';
import type { Notification } from './notifications.js';

/** PUT /api/charters/:charterId: what the sheet sends for a row (the server keeps status and times). */
export type CharterBody = Pick<
  Charter,
  'vessel' | 'date' | 'start' | 'end' | 'time_zone' | 'client' | 'guests' | 'needs' | 'price'
> &
  Partial<Pick<Charter, 'meeting_point' | 'notes'>>;

/** A charter as the API returns it. */
export interface ApiCharter extends Charter {
  /** UTC instant of departure. */
  starts_at: string;
  ends_at: string;
  /** Set once a crew call has started for this charter. */
  call_id?: string;
}

/** GET /api/charters/:charterId, and each row of the board. */
export interface CharterWithCall {
  charter: ApiCharter;
  call: CallSummary | null;
}

/** GET /api/charters?from=&to=: the dispatch board, charters departing in the window. */
export interface BoardAnswer {
  from: string;
  to: string;
  charters: CharterWithCall[];
}

/**
 * A day's mark as a request may give it: the structured mark, or the cell as the sheet gives
 * it ("Yes", "AM", "✓", "y - after 2pm", "maybe", a checkbox's true/false, 1/0, and "" or
 * null for no mark), read with shared/availability/vocabulary.ts. A bare "x" is refused.
 */
export type AvailabilityMarkBody = AvailabilityMark | string | boolean | number | null;

/** POST /api/charters/:charterId/calls and .../calls/preview: the day's marks by availability_key. */
export interface CallRequestBody {
  availability: Record<string, AvailabilityMarkBody>;
}

/** POST /api/charters/:charterId/chat */
export interface ChatPostBody {
  text: string;
}

/** A post in the charter's crew chat. */
export interface ChatPost {
  charter_id: string;
  post_id: string;
  posted_at: string;
  /** What others see: a first name and role, or the office's name. */
  author: string;
  author_crew_id?: string;
  text: string;
}

/** GET /api/charters/:charterId/chat */
export interface ChatAnswer {
  posts: ChatPost[];
}

/** What changed for the crew when a charter with a running call was sent again. */
export interface CharterUpdate {
  /** In the office's words: "meeting point", "notes", "client", "guests", "times", "price", "seats". */
  changed: string[];
  /** Full names of the confirmed crew emailed about it. */
  told: string[];
  /** Update emails to send (a repeat hands out the ones not yet reported sent). */
  notifications: Notification[];
}

/** PUT /api/charters/:charterId: the charter, and for a running call what its crew are told. */
export interface CharterPutAnswer extends ApiCharter {
  update?: CharterUpdate;
}

/** POST /api/charters/:charterId/recall: a new date cancels the running call; the next start calls anew. */
export interface RecallAnswer {
  charter: ApiCharter;
  /** The cancelled call's CANCELs, to send before starting the new call. */
  notifications: Notification[];
}

/** The field problem of a PUT that moves a running call's charter to another day (409 date_changed). */
export const DAY_CHANGES =
  'changes the day: cancel the running call and call crew for the new date';
