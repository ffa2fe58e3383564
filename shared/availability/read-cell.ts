import type { AvailabilityMark } from './index.js';
import {
  ANSWER_WORDS,
  answerWord,
  HOURS_WORDS,
  NOON_WORDS,
  REMARK_SEPARATORS,
  X_WORD,
} from './vocabulary.js';

/** What the office set for `x` (Script Property CREWCALL_X_MEANS); unset reads as yes. */
export type XMeans = 'yes' | 'no';

export type CellReading =
  | { mark: AvailabilityMark /** The cell was `x`, read as the office's setting says. */; x?: true }
  | { blank: true }
  | { problem: string };

/**
 * Reading one crew cell of the availability sheet with the words of vocabulary.ts.
 *
 * Pure and dependency-free: this file is bundled into Apps Script (V8, ES2020).
 *
 * - the words of ANSWER_WORDS, whole: yes, no, am, pm, unsure;
 * - `x` as `xMeans` says (default yes: what crewcall always did, and the Problems summary says
 *   so whenever x is read, so an office that marks "off" with x sees it at once);
 * - a no- or unsure-word with a remark after a separator: `N (travel)`, `no - boat yard`, `tbc: boat`;
 * - an optional yes-word, then a part-day: `Y - AM`, `Y - after 2pm`, `yes (all day)`;
 * - hours: one or two clauses `after|from|since TIME` and `before|until|till|til|up to TIME`,
 *   optionally in parentheses and followed by "only" (`after 2`, `till 11`, `after 9 until 3`),
 *   or a range `TIME-TIME` / `TIME to TIME` (`9am-1pm`, `10-2`) → `{ status: 'yes', after, before }`.
 *   TIME is `H`, `H:MM`, `HHMM` (24 h), each optionally with `am`/`pm`/`a.m.`/`p.m.`/`a`/`p`,
 *   or `noon`/`midday`. Output is 24 h `HH:MM`.
 *   Rule for an hour without am/pm: 1..7 means the afternoon/evening (`after 2` → 14:00,
 *   `until 6` → 18:00) because nobody on a charter boat means 2 a.m.; 8..12 and 0, 13..23 are
 *   taken as written (`until 11` → 11:00, `after 12` → 12:00, `after 15` → 15:00).
 * - any of the above followed by `?` (`Y?`, `after 2?`) is unsure;
 * - any of the above followed by a remark in square brackets (`N [dentist]`, `Y [back 2pm?]`):
 *   the remark is ignored, whatever it says (crew marks carry their notes so, mark-text.ts);
 * - checkboxes and numbers: TRUE/1 → yes, FALSE/0 → no;
 * - blank: `''`, whitespace, `null`, `undefined` → `{ blank: true }` (not an answer; callers
 *   leave the person out of the day rather than report a problem).
 *
 * Unsure answers become `{ status: 'note', note: <the text as typed> }`: the planner never calls
 * them and shows the text ("sheet says "maybe": ask them directly").
 *
 * Everything else is a problem, with the reason: text it cannot read (`no idea`,
 * `Y if back from Catalina`, contradictory hours), spreadsheet errors (`#N/A`), other numbers,
 * dates, and values that are not text, a number or a boolean. Never a guessed yes.
 */
export function readAvailabilityCell(
  value: unknown,
  options: { xMeans?: XMeans } = {},
): CellReading {
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
    return readNumber(Number(original.replace(',', '.')), original);
  }
  if (ISO_DATE.test(original)) {
    return { problem: `a date (${original}) is not an answer: ${EXPECTED}` };
  }

  // A remark in square brackets at the end never changes the answer: "N [dentist]",
  // "after 14:00 [back by 2pm?]" (how crew marks are written, mark-text.ts).
  const remark = BRACKET_REMARK.exec(original);
  if (remark?.[1]) {
    const head = readAvailabilityCell(remark[1], options);
    if ('mark' in head && head.mark.status === 'note')
      return { mark: { status: 'note', note: original } };
    if ('problem' in head)
      return { problem: `"${original}" is not an answer crewcall can read: ${EXPECTED}` };
    return head;
  }

  const text = normalize(original);
  const xMeans = options.xMeans ?? 'yes';
  if (text === X_WORD) return { mark: { status: xMeans }, x: true };
  const read = readText(text);
  if (read === 'unsure') return { mark: { status: 'note', note: original } };
  if (read) return { mark: read };
  const question = /^(.*?)\s*\?+$/.exec(text);
  if (question?.[1] && (question[1] === X_WORD || readText(question[1]))) {
    return { mark: { status: 'note', note: original } };
  }
  return { problem: `"${original}" is not an answer crewcall can read: ${EXPECTED}` };
}

/** An answer followed by a remark in square brackets (no brackets inside it). */
const BRACKET_REMARK = /^(.*?\S)\s*\[[^[\]]*\]$/s;

const EXPECTED = 'type Y, N, AM, PM, "after 2pm", "till 11" or "maybe"';

/** Error values Sheets shows in a cell (getValues returns them as text). */
const SPREADSHEET_ERROR =
  /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!|SPILL!|CALC!|LOADING\.*)$/i;

/** ISO date or date-time text (how a Date cell can arrive as text). */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function readNumber(n: number, shown = String(n)): CellReading {
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
    .replace(/(?<=\S)[.!]+$/, '');
}

const escapeRegex = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');
const SEPARATOR = `[${REMARK_SEPARATORS.filter((s) => s !== '(')
  .map(escapeRegex)
  .join('')}]`;
const withRemark = (words: readonly string[]) =>
  new RegExp(String.raw`^(?:${anyOf(words)})\s*(?:\(.*\)?|${SEPARATOR}\s*.+)$`);

const NO_WITH_REMARK = withRemark(ANSWER_WORDS.no);
const UNSURE_WITH_REMARK = withRemark(ANSWER_WORDS.unsure);
const YES_PREFIX = new RegExp(
  String.raw`^(?:${anyOf([...ANSWER_WORDS.yes, X_WORD])})(?:\s*${SEPARATOR}\s*|\s+|(?=\())(.+)$`,
);

function readText(text: string): AvailabilityMark | 'unsure' | undefined {
  const word = answerWord(text);
  if (word === 'unsure') return 'unsure';
  if (word) return { status: word };
  if (NO_WITH_REMARK.test(text)) return { status: 'no' };
  if (UNSURE_WITH_REMARK.test(text)) return 'unsure';

  // An optional yes-word in front of a part-day: "Y - AM", "Y - after 2pm", "yes (all day)".
  const prefixed = YES_PREFIX.exec(text);
  let rest = prefixed?.[1] ?? text;
  const bracketed = /^\((.*)\)$/.exec(rest);
  if (bracketed) rest = (bracketed[1] ?? '').trim();
  const part = answerWord(rest);
  if (prefixed && part === 'yes') return { status: 'yes' };
  if (part === 'am' || part === 'pm') return { status: part };
  return readHours(rest);
}

const TIME = String.raw`(?:(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|a|p)?|(\d{4})|(${anyOf(NOON_WORDS)}))`;
const CLAUSE = new RegExp(
  String.raw`^(${anyOf([...HOURS_WORDS.after, ...HOURS_WORDS.before])})\s*${TIME}(?![\w:])\s*(?:,|;|and|&|-)?\s*`,
);
const RANGE = new RegExp(String.raw`^${TIME}\s*(?:-|to)\s*${TIME}$`);
const AFTER_WORDS: readonly string[] = HOURS_WORDS.after;

/** "after 2", "until 11am", "after 9 until 3", "9am-1pm" → yes with hours; anything else → undefined. */
function readHours(input: string): AvailabilityMark | undefined {
  const text = input.replace(/\s*only$/, '').trim();
  let after: string | undefined;
  let before: string | undefined;
  const range = RANGE.exec(text);
  if (range) {
    after = clockTime(range.slice(1, 6));
    before = clockTime(range.slice(6, 11));
    if (!after || !before) return undefined;
  } else {
    let rest = text;
    while (rest !== '') {
      const m = CLAUSE.exec(rest);
      if (!m) return undefined;
      const time = clockTime(m.slice(2, 7));
      if (!time) return undefined;
      if (AFTER_WORDS.includes(m[1] ?? '')) {
        if (after) return undefined;
        after = time;
      } else {
        if (before) return undefined;
        before = time;
      }
      rest = rest.slice(m[0].length).trim();
    }
  }
  if (!after && !before) return undefined;
  if (after && before && after >= before) return undefined;
  const mark: AvailabilityMark = { status: 'yes' };
  if (after) mark.after = after;
  if (before) mark.before = before;
  return mark;
}

/** A TIME match (hour, minutes, am/pm, HHMM, noon) as 24 h HH:MM (see the rule above). */
function clockTime(parts: Array<string | undefined>): string | undefined {
  const [hourText, minuteText, suffix, military, noon] = parts;
  if (noon) return '12:00';
  if (military) {
    const h = Number(military.slice(0, 2));
    const min = Number(military.slice(2));
    return h <= 23 && min <= 59 ? hhmm(h, min) : undefined;
  }
  if (hourText === undefined) return undefined;
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
