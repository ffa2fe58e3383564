import { cursorProblem } from './cursor.js';

/** What the timer's GET /calls/due may ask: changes since a cursor, short-handed alerts' lead. */
export interface DueQuery {
  since?: string;
  short_before_hours?: number;
}

/** Most a short-handed lead may be: 30 days. */
export const MAX_SHORT_BEFORE_HOURS = 24 * 30;

/**
 * The timer's query when it is well-formed, read by hand: its run (every few minutes) starts
 * without a schema library. It reads what `dueQuerySchema` (due-query-schema.ts) accepts, the
 * same way (the lead as `Number()` reads it); for anything else it answers undefined and the
 * schema words the refusal.
 */
export function wellFormedDueQuery(query: Record<string, string>, now: Date): DueQuery | undefined {
  const due: DueQuery = {};
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'since' && cursorProblem(raw, now) === undefined) {
      due.since = raw;
    } else if (key === 'short_before_hours') {
      const hours = Number(raw);
      // Also false for NaN.
      if (!(hours >= 0 && hours <= MAX_SHORT_BEFORE_HOURS)) return undefined;
      due.short_before_hours = hours;
    } else {
      return undefined;
    }
  }
  return due;
}
