import type { AvailabilityMark } from './index.js';

/**
 * The text the office side writes into a month-tab cell for a crew member's own mark, and the
 * availability that text means. Pure and dependency-free: bundled into Apps Script.
 *
 * `Y`, `N`, `AM`, `PM`, `after 14:00`; a note follows in square brackets (`N [dentist]`), which
 * read-cell.ts reads as a remark that never changes the answer. Nothing here is a bare number,
 * time, date or TRUE/FALSE, so Sheets keeps it as text.
 */
export type MarkKind = 'yes' | 'no' | 'morning' | 'afternoon' | 'after';

export interface MarkWords {
  kind: MarkKind;
  /** 'HH:MM' 24 h, for kind 'after'. */
  after?: string;
  note?: string;
}

/** Longest note a crew member may leave on a day. */
export const MARK_NOTE_MAX = 80;

const WORD: Record<Exclude<MarkKind, 'after'>, string> = {
  yes: 'Y',
  no: 'N',
  morning: 'AM',
  afternoon: 'PM',
};

/** A note as it may stand in a cell: one line, no square brackets (they would end the remark). */
export function cleanNote(note: string | undefined): string {
  return (
    (note ?? '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/\[/g, '(')
      .replace(/\]/g, ')')
      .trim()
      .slice(0, MARK_NOTE_MAX)
      .trim()
  );
}

export function markText(mark: MarkWords): string {
  const note = cleanNote(mark.note);
  const answer = mark.kind === 'after' ? `after ${afterWords(mark.after ?? '')}` : WORD[mark.kind];
  return note ? `${answer} [${note}]` : answer;
}

/**
 * The reader takes an hour 1..7 without am/pm as the afternoon ("after 2" is 14:00), so an
 * early-morning hour is written with "am" to mean what the crew member chose.
 */
function afterWords(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (h >= 1 && h <= 7) return `${h}:${String(m).padStart(2, '0')}am`;
  return hhmm;
}

/** What a mark means to the planner: the same as reading its text (see the round-trip test). */
export function markAvailability(mark: MarkWords): AvailabilityMark {
  switch (mark.kind) {
    case 'yes':
      return { status: 'yes' };
    case 'no':
      return { status: 'no' };
    case 'morning':
      return { status: 'am' };
    case 'afternoon':
      return { status: 'pm' };
    case 'after':
      return { status: 'yes', after: mark.after ?? '' };
  }
}
