/**
 * What the availability sheet says about one person on one date, after the sheet side has read
 * the cell with the words of vocabulary.ts ("Y", "✓", TRUE → yes; "Y - after 2pm" → yes after
 * 14:00; "AM"/"PM"; "N", "out", blank → no). `note` is an unsure answer ("maybe", "?", "tbc"),
 * kept as typed: never called, shown to the office. Text nobody can read is not a mark at all
 * but a problem with its cell (see read-cell.ts).
 */
export type AvailabilityMark =
  | { status: 'yes'; after?: string; before?: string }
  | { status: 'am' }
  | { status: 'pm' }
  | { status: 'no' }
  | { status: 'note'; note: string };

/** Availability of one date, keyed by the sheet header (`availability_key`). */
export type DayAvailability = Record<string, AvailabilityMark>;

/** Morning availability covers charters over by 13:00; afternoon ones starting at 12:00 or later. */
export const MORNING_ENDS = '13:00';
export const AFTERNOON_STARTS = '12:00';

/**
 * Whether a mark lets someone work a charter running from `start` to `end`
 * (local HH:MM; `end` <= `start` means it ends after midnight).
 * Returns the reason when not, in words the office understands.
 */
export function fitsAvailability(
  mark: AvailabilityMark | undefined,
  start: string,
  end: string,
): { fits: true } | { fits: false; reason: string } {
  const overnight = end <= start;
  if (!mark) return { fits: false, reason: 'no availability given for this date' };
  switch (mark.status) {
    case 'yes':
      if (mark.after && start < mark.after)
        return { fits: false, reason: `available only after ${mark.after}` };
      if (mark.before && (overnight || end > mark.before)) {
        return { fits: false, reason: `available only until ${mark.before}` };
      }
      return { fits: true };
    case 'am':
      return !overnight && end <= MORNING_ENDS
        ? { fits: true }
        : { fits: false, reason: 'available mornings only (AM)' };
    case 'pm':
      return start >= AFTERNOON_STARTS
        ? { fits: true }
        : { fits: false, reason: 'available afternoons only (PM)' };
    case 'no':
      return { fits: false, reason: 'not available' };
    case 'note':
      return { fits: false, reason: `sheet says "${mark.note}": ask them directly` };
  }
}
