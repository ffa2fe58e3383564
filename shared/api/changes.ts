/** What happened, in the change feed the sheet copies into its Responses tab. */
export type ChangeType =
  | 'call_started'
  | 'level_opened'
  | 'response'
  | 'call_filled'
  | 'call_reopened'
  | 'call_cancelled';

/** One entry of the change feed (GET /api/changes, and `changes` in GET /api/calls/due). */
export interface Change {
  /** Pass the last one back as `since` to read on from it. */
  cursor: string;
  at: string;
  type: ChangeType;
  charter_id: string;
  call_id: string;
  crew_id?: string;
  name?: string;
  role?: string;
  /** For responses: confirmed, declined, standby, dropped. */
  state?: string;
  level?: number;
  reason?: string;
  decided_within_a_minute?: boolean;
}

/** GET /api/changes?since=&limit=: oldest first. */
export interface ChangesAnswer {
  changes: Change[];
  /** The cursor to read on from; `since` again (or absent) when nothing new has settled. */
  next_cursor: string | undefined;
}
