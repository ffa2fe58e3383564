import type { AvailabilityMark } from './index.js';

/**
 * Reading one crew cell of the availability sheet: what people actually type.
 *
 * Pure and dependency-free: this file is bundled into Apps Script (V8, ES2020).
 *
 * Grammar (case-, accent- and whitespace-insensitive; a trailing "." or "!" is ignored):
 *
 * - yes: `Y`, `yes`, `x`, `✓`, `✔`, `☑`, `✅`, `TRUE` (typed or a ticked checkbox), `1` (text or number)
 * - no: `N`, `no`, `nope`, `out`, `unavailable`, `not available`, `0`, `FALSE` (typed or an
 *   unticked checkbox); a no-word followed by a remark after a separator is still no:
 *   `N (travel)`, `no - travel`, `out: boat yard` (the remark is dropped; the mark has no note).
 *   Without a separator (`no idea`) the text is a note, so the office reads it.
 * - am / pm: `AM`, `a.m.`, `am only`, `morning(s)`, `PM`, `p.m.`, `pm only`, `afternoon(s)`,
 *   optionally after a yes-word: `Y - AM`.
 * - yes with hours: an optional yes-word, then one or two clauses `after|from|since TIME` and
 *   `before|until|till|til|up to TIME`, optionally in parentheses and followed by "only":
 *   `Y - after 2pm`, `yes after 14:00`, `after 2`, `Y after 2:30pm` → `{ status: 'yes', after: '14:00' }`
 *   (or 14:30), `Y - before 11am`, `until 11` → `before: '11:00'`; `after 9 until 3` sets both.
 *   Contradictory hours (`after 5pm before 2pm`) are kept as a note.
 *   TIME is `H`, `H:MM`, `HHMM` (24 h), each optionally with `am`/`pm`/`a.m.`/`p.m.`/`a`/`p`,
 *   or `noon`/`midday`. Output is 24 h `HH:MM`.
 *   Rule for an hour without am/pm: 1..7 means the afternoon/evening (`after 2` → 14:00,
 *   `until 6` → 18:00) because nobody on a charter boat means 2 a.m.; 8..12 and 0, 13..23 are
 *   taken as written (`until 11` → 11:00, `after 12` → 12:00, `after 15` → 15:00).
 * - blank: `''`, whitespace, `null`, `undefined` → `{ blank: true }` (not available, but not an
 *   answer either; callers leave the person out of the day rather than report a problem).
 * - note: any other text (`maybe`, `?`, `call me`) → `{ status: 'note', note: <trimmed text> }`.
 *   A note is not a problem, but the office has to read it.
 * - problem: spreadsheet errors (`#N/A`, `#REF!`, ...), numbers other than 0 and 1 (also as
 *   text), dates (Date objects or ISO date text) and anything that is not text, a number or a
 *   boolean.
 */
export function readAvailabilityCell(
  value: unknown,
): { mark: AvailabilityMark } | { blank: true } | { problem: string } {
  if (value === null || value === undefined) return { blank: true };
  if (typeof value === 'boolean') return { mark: { status: value ? 'yes' : 'no' } };
  if (typeof value === 'number') return readNumber(value);
  if (value instanceof Date) {
    const when = Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
    return { problem: `a date (${when}) is not an answer: ${EXPECTED}` };
  }
  if (typeof value !== 'string') {
    return { problem: `a value of type ${typeof value} is not an answer: ${EXPECTED}` };
  }

  const original = value.trim();
  if (original === '') return { blank: true };
  if (SPREADSHEET_ERROR.test(original)) {
    return { problem: `"${original}" is a spreadsheet error, not an answer` };
  }
  if (/^[-+]?\d+(?:[.,]\d+)?$/.test(original)) {
    const n = Number(original.replace(',', '.'));
    if (n === 1) return { mark: { status: 'yes' } };
    if (n === 0) return { mark: { status: 'no' } };
    return readNumber(n, original);
  }
  if (ISO_DATE.test(original)) {
    return { problem: `a date (${original}) is not an answer: ${EXPECTED}` };
  }

  const mark = readText(normalize(original));
  return { mark: mark ?? { status: 'note', note: original } };
}

const EXPECTED = 'type Y, N, AM, PM, "after 2pm" or a note';

/** Error values Sheets shows in a cell (getValues returns them as text). */
const SPREADSHEET_ERROR =
  /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|LOADING\.*)$/i;

/** ISO date or date-time text (how a Date cell can arrive as text). */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function readNumber(
  n: number,
  shown = String(n),
): { mark: AvailabilityMark } | { problem: string } {
  if (n === 1) return { mark: { status: 'yes' } };
  if (n === 0) return { mark: { status: 'no' } };
  return {
    problem: `the number ${shown} is not an answer: use 1 or Y for yes, 0 or N for no`,
  };
}

/** Lower case, accents and emoji variation selectors removed, dashes unified, spaces collapsed. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\ufe0e\ufe0f]/g, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
}

const YES_WORDS = new Set(['y', 'yes', 'x', '✓', '✔', '☑', '✅', 'true', '1']);
const NO_WORDS = new Set(['n', 'no', 'nope', 'out', 'unavailable', 'not available', '0', 'false']);

const YES_PREFIX = /^(y|yes|x|✓|✔|☑|✅)(?:\s*[-:,;]\s*|\s+|(?=\())(.+)$/;
const NO_WITH_REMARK = /^(?:n|no|nope|out|unavailable|not available)\s*(?:\(.*\)?|[-:,;]\s*.+)$/;
const AM = /^(?:am|a\.m\.?|morning|mornings)(?: only)?$/;
const PM = /^(?:pm|p\.m\.?|afternoon|afternoons)(?: only)?$/;

function readText(text: string): AvailabilityMark | undefined {
  if (YES_WORDS.has(text)) return { status: 'yes' };
  if (NO_WORDS.has(text) || NO_WITH_REMARK.test(text)) return { status: 'no' };

  // An optional yes-word in front of AM/PM or hours: "Y - AM", "Y - after 2pm".
  const prefixed = YES_PREFIX.exec(text);
  const rest = prefixed?.[2] ?? text;
  if (AM.test(rest)) return { status: 'am' };
  if (PM.test(rest)) return { status: 'pm' };
  return readHours(rest);
}

const TIME = String.raw`(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|a|p)?|(\d{4})|noon|midday`;
const CLAUSE = new RegExp(
  String.raw`^(after|from|since|before|until|till|til|'til|up to)\s*(?:${TIME})(?![\w:])\s*(?:,|;|and|&|-)?\s*`,
);

/** "after 2", "until 11am", "after 9 until 3" → yes with hours; anything else → undefined. */
function readHours(input: string): AvailabilityMark | undefined {
  let text = input.trim();
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) text = (bracketed[1] ?? '').trim();
  text = text.replace(/\s*only$/, '');

  let after: string | undefined;
  let before: string | undefined;
  while (text !== '') {
    const m = CLAUSE.exec(text);
    if (!m) return undefined;
    const time = clockTime(m[0], m);
    if (!time) return undefined;
    const word = m[1] ?? '';
    if (['after', 'from', 'since'].includes(word)) {
      if (after) return undefined;
      after = time;
    } else {
      if (before) return undefined;
      before = time;
    }
    text = text.slice(m[0].length).trim();
  }
  if (!after && !before) return undefined;
  if (after && before && after >= before) return undefined;
  const mark: AvailabilityMark = { status: 'yes' };
  if (after) mark.after = after;
  if (before) mark.before = before;
  return mark;
}

/** The clause's time as 24 h HH:MM (see the rule for hours without am/pm above). */
function clockTime(clause: string, m: RegExpExecArray): string | undefined {
  const [, , hourText, minuteText, suffix, military] = m;
  if (military) {
    const h = Number(military.slice(0, 2));
    const min = Number(military.slice(2));
    return h <= 23 && min <= 59 ? hhmm(h, min) : undefined;
  }
  if (hourText === undefined) return /noon|midday/.test(clause) ? '12:00' : undefined;
  let h = Number(hourText);
  const min = minuteText === undefined ? 0 : Number(minuteText);
  if (min > 59) return undefined;
  if (suffix) {
    if (h < 1 || h > 12) return undefined;
    const pm = suffix.startsWith('p');
    h = (h % 12) + (pm ? 12 : 0);
  } else {
    if (h > 23) return undefined;
    if (h >= 1 && h <= 7) h += 12;
  }
  return hhmm(h, min);
}

const hhmm = (h: number, min: number) =>
  `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
