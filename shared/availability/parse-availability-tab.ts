import { nameSortKey } from '../crew/index.js';
import { a1, columnLetters } from '../sheet/a1.js';
import type { AvailabilityMark, DayAvailability } from './index.js';
import { readAvailabilityCell } from './read-cell.js';

/**
 * Reading a whole month tab of the availability sheet (values as Range.getValues() returns them,
 * starting at A1) into per-date availability keyed by the roster's `availability_key`.
 *
 * Pure and dependency-free: this file is bundled into Apps Script (V8, ES2020). It never throws;
 * everything it cannot read becomes a problem with the cell's A1 address.
 *
 * Layout: row 1 and column A are the headers. "dates-down" when column A (below A1) holds dates
 * and row 1 names the crew; "dates-across" when row 1 (after A1) holds dates and column A names
 * the crew. Whichever has more dates wins (a tie goes to dates-down).
 *
 * Dates: Date objects (as getValues returns them) and ISO date-time text are converted to the
 * calendar date in the sheet's time zone. Typed text is also read: `2026-12-05`, `12/5/2026`,
 * `12/5` (month first, US style; if that is impossible or the tab's month says otherwise and
 * day-first fits the tab's month, day-first is used), `Dec 5`, `December 5, 2026`, `5 Dec`,
 * with an optional weekday in front (`Sat Dec 5`). A missing year comes from the tab name
 * (`December 2026`, `Jan 2027`, `2026-12`), choosing the year nearest the tab's month.
 *
 * Skipped silently: blank date lines and blank crew lines, lines labelled as totals
 * ("Total available", "Totals", "Sum", "Count") or notes ("Notes", "Note", "Comments",
 * "Remarks"), and non-date labels (e.g. "Week 2") on otherwise empty lines. Unticked checkboxes
 * (`false`) do not count as content for that purpose. A date line or crew line without a
 * usable label that still holds answers is skipped with one problem for the line.
 *
 * Blank cells are left out of the day (fitsAvailability then says "no availability given");
 * notes are kept as note marks; unreadable cells are problems.
 */

export interface AvailabilityProblem {
  /** A1 notation, e.g. "C7" (columns beyond Z are AA, AB, ...; rows 1-based as in the sheet). */
  cell: string;
  value: string;
  message: string;
}

export interface ParsedAvailabilityTab {
  sheetName: string;
  layout: 'dates-down' | 'dates-across';
  /** Per local date YYYY-MM-DD in the sheet's time zone: marks keyed by the ROSTER's availability_key. */
  days: Record<string, DayAvailability>;
  /** Header → roster availability_key, for headers that matched (exactly or by tolerated drift). */
  matchedHeaders: Array<{ header: string; availability_key: string; exact: boolean }>;
  /** Headers that match no roster key (never guessed). */
  unmatchedHeaders: string[];
  /** Roster keys that no header matched. */
  missingKeys: string[];
  problems: AvailabilityProblem[];
}

export function parseAvailabilityTab(input: {
  sheetName: string;
  values: unknown[][];
  timeZone: string;
  rosterKeys: string[];
}): ParsedAvailabilityTab {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Partial<
    Record<keyof typeof input, unknown>
  >;
  const sheetName = typeof given.sheetName === 'string' ? given.sheetName : '';
  const rosterKeys = uniqueKeys(given.rosterKeys);
  const result: ParsedAvailabilityTab = {
    sheetName,
    layout: 'dates-down',
    days: {},
    matchedHeaders: [],
    unmatchedHeaders: [],
    missingKeys: [],
    problems: [],
  };
  try {
    parseInto(result, given.values, given.timeZone, rosterKeys);
  } catch (error) {
    // Not expected; the contract is to report, never to throw.
    result.problems.push({
      cell: 'A1',
      value: '',
      message: `the tab could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const used = new Set(result.matchedHeaders.map((m) => m.availability_key));
  result.missingKeys = rosterKeys.filter((k) => !used.has(k));
  return result;
}

/**
 * Which roster key a sheet header names, tolerating small drift but never guessing:
 *
 * 1. the same text after trimming → `{ key, exact: true }`;
 * 2. the same after folding (lower case, accents removed, `.` `(` `)` and other punctuation
 *    turned into spaces, apostrophes dropped, spaces collapsed): "sam b" ↔ "Sam B.";
 * 3. the same words after dropping titles and roles (capt, captain, cpt, skipper, mate, deckhand,
 *    mr, mrs, ms, mx, dr): "Capt Abdul" ↔ "Abdul", "Teresa" ↔ "Capt. Teresa";
 * 4. one side's words all appear, as whole words, in the other's (same titles dropped), provided
 *    the shorter side has a word longer than an initial: "Sofia" ↔ "Sofia M.", never "M." ↔ "Sofia M.".
 *
 * The first step with any match decides; two or more matches at that step → `{ ambiguous }`
 * listing the keys; no match at any step → undefined.
 */
export function matchHeaderToKey(
  header: string,
  rosterKeys: string[],
): { key: string; exact: boolean } | { ambiguous: string[] } | undefined {
  if (typeof header !== 'string') return undefined;
  const keys = uniqueKeys(rosterKeys);
  const trimmed = header.trim();
  if (trimmed === '') return undefined;

  const exact = keys.filter((k) => k.trim() === trimmed);
  if (exact.length === 1 && exact[0] !== undefined) return { key: exact[0], exact: true };
  if (exact.length > 1) return { ambiguous: exact };

  const folded = foldName(trimmed);
  const steps: Array<(key: string) => boolean> = [
    (key) => foldName(key) === folded,
    (key) => sameWords(nameWords(key), nameWords(trimmed)),
    (key) => containsWords(nameWords(key), nameWords(trimmed)),
  ];
  for (const step of steps) {
    const found = keys.filter(step);
    if (found.length === 1 && found[0] !== undefined) return { key: found[0], exact: false };
    if (found.length > 1) return { ambiguous: found };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Header matching helpers

const TITLES = new Set([
  'capt',
  'captain',
  'cpt',
  'skipper',
  'mate',
  'deckhand',
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
]);

function uniqueKeys(keys: unknown): string[] {
  if (!Array.isArray(keys)) return [];
  const out: string[] = [];
  for (const k of keys) {
    if (typeof k === 'string' && k.trim() !== '' && !out.includes(k)) out.push(k);
  }
  return out;
}

/** nameSortKey, then punctuation to spaces (apostrophes dropped), spaces collapsed. */
function foldName(name: string): string {
  return nameSortKey(name)
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function nameWords(name: string): string[] {
  return foldName(name)
    .split(' ')
    .filter((w) => w !== '' && !TITLES.has(w));
}

function sameWords(a: string[], b: string[]): boolean {
  if (a.length === 0 || a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((w, i) => w === sb[i]);
}

function containsWords(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (!shorter.some((w) => w.length > 1)) return false;
  const pool = [...longer];
  for (const w of shorter) {
    const i = pool.indexOf(w);
    if (i < 0) return false;
    pool.splice(i, 1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The tab

/** Labels of lines that are not crew or dates: totals and notes. */
const IGNORED_LABEL =
  /^(?:#\s*)?(?:(?:grand\s+|sub)?totals?|sum|count|notes?|comments?|remarks?)(?:\b|$)/i;

/** A view of the grid with dates along "lines" and crew along "columns", whatever the layout. */
interface Grid {
  dateLines: number;
  crewLines: number;
  cell(dateLine: number, crewLine: number): unknown;
  address(dateLine: number, crewLine: number): string;
  /** How a date line / crew line is named in messages, e.g. "row 7" or "column C". */
  dateLineName(dateLine: number): string;
  crewLineName(crewLine: number): string;
}

function parseInto(
  result: ParsedAvailabilityTab,
  rawValues: unknown,
  rawTimeZone: unknown,
  rosterKeys: string[],
): void {
  const problem = (cell: string, value: unknown, message: string) =>
    result.problems.push({ cell, value: showValue(value), message });

  if (!Array.isArray(rawValues)) {
    problem('A1', '', 'the tab values are not a grid of rows (expected Range.getValues())');
    return;
  }
  const rows: unknown[][] = rawValues.map((row, r) => {
    if (Array.isArray(row)) return row;
    if (row !== null && row !== undefined) {
      problem(a1(r, 0), row, `row ${r + 1} is not a list of cells; skipped`);
    }
    return [];
  });
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  if (rows.length === 0 || width === 0) {
    problem('A1', '', 'the tab is empty');
    return;
  }

  const timeZone = typeof rawTimeZone === 'string' ? rawTimeZone.trim() : '';
  const formatter = dateFormatter(timeZone);
  if (!formatter) {
    problem('A1', timeZone, `time zone "${timeZone}" is not a known IANA time zone`);
    return;
  }
  const tab = monthOfTab(result.sheetName);
  const readDate = (v: unknown) => readDateCell(v, formatter, tab);

  let down = 0;
  for (let r = 1; r < rows.length; r++) if (readDate(rows[r]?.[0]) !== undefined) down++;
  let across = 0;
  for (let c = 1; c < (rows[0]?.length ?? 0); c++) {
    if (readDate(rows[0]?.[c]) !== undefined) across++;
  }
  if (down === 0 && across === 0) {
    problem(
      'A1',
      rows[0]?.[0],
      'no dates found: expected dates down column A (below A1) or across row 1 (after A1)',
    );
    return;
  }
  result.layout = down >= across ? 'dates-down' : 'dates-across';

  const cellAt = (r: number, c: number): unknown => rows[r]?.[c];
  const grid: Grid =
    result.layout === 'dates-down'
      ? {
          dateLines: rows.length,
          crewLines: width,
          cell: cellAt,
          address: a1,
          dateLineName: (d) => `row ${d + 1}`,
          crewLineName: (c) => `column ${columnLetters(c)}`,
        }
      : {
          dateLines: width,
          crewLines: rows.length,
          cell: (d, c) => cellAt(c, d),
          address: (d, c) => a1(c, d),
          dateLineName: (d) => `column ${columnLetters(d)}`,
          crewLineName: (c) => `row ${c + 1}`,
        };

  const hasContent = (v: unknown) => v !== false && !('blank' in readAvailabilityCell(v));

  // Crew lines (line 0 is the date labels): which roster key each one names.
  const crewKeys = new Map<number, string>();
  const claims = new Map<string, Array<{ line: number; header: string; exact: boolean }>>();
  const ignoredCrew = new Set<number>();
  for (let c = 1; c < grid.crewLines; c++) {
    const raw = grid.cell(0, c);
    const header = headerText(raw);
    const where = grid.address(0, c);
    if (header === '') {
      ignoredCrew.add(c);
      let used = false;
      for (let d = 1; d < grid.dateLines && !used; d++) used = hasContent(grid.cell(d, c));
      if (used) {
        problem(where, raw, `${grid.crewLineName(c)} has answers but no name in ${where}; skipped`);
      }
      continue;
    }
    if (IGNORED_LABEL.test(header)) {
      ignoredCrew.add(c);
      continue;
    }
    const match = matchHeaderToKey(header, rosterKeys);
    if (match === undefined) {
      result.unmatchedHeaders.push(header);
      problem(where, raw, `header "${header}" matches nobody on the roster`);
    } else if ('ambiguous' in match) {
      result.unmatchedHeaders.push(header);
      problem(
        where,
        raw,
        `header "${header}" could be ${match.ambiguous.map((k) => `"${k}"`).join(' or ')} on the roster; rename it to one availability key`,
      );
    } else {
      const list = claims.get(match.key) ?? [];
      list.push({ line: c, header, exact: match.exact });
      claims.set(match.key, list);
    }
  }
  // One header per roster key: an exact match wins, else the first; the others are reported.
  const exactness = new Map<number, boolean>();
  for (const [key, list] of claims) {
    const kept = list.find((m) => m.exact) ?? list[0];
    if (!kept) continue;
    crewKeys.set(kept.line, key);
    exactness.set(kept.line, kept.exact);
    for (const other of list) {
      if (other === kept) continue;
      result.unmatchedHeaders.push(other.header);
      problem(
        grid.address(0, other.line),
        other.header,
        `header "${other.header}" and header "${kept.header}" both name "${key}"; using "${kept.header}" (${grid.address(0, kept.line)})`,
      );
    }
  }
  for (let c = 1; c < grid.crewLines; c++) {
    const key = crewKeys.get(c);
    if (key === undefined) continue;
    result.matchedHeaders.push({
      header: headerText(grid.cell(0, c)),
      availability_key: key,
      exact: exactness.get(c) ?? false,
    });
  }

  // Date lines: one day each.
  const crewColumns = [...crewKeys].sort(([a], [b]) => a - b);
  const seen = new Map<string, number>();
  for (let d = 1; d < grid.dateLines; d++) {
    const label = grid.cell(d, 0);
    const where = grid.address(d, 0);
    const date = readDate(label);
    let used = false;
    for (let c = 1; c < grid.crewLines && !used; c++) {
      if (!ignoredCrew.has(c)) used = hasContent(grid.cell(d, c));
    }
    if (date === undefined || 'error' in date) {
      const text = headerText(label);
      if (!used || IGNORED_LABEL.test(text)) continue;
      const why =
        date !== undefined && 'error' in date
          ? date.error
          : text === ''
            ? `no date in ${where}`
            : `"${text}" in ${where} is not a date`;
      problem(where, label, `${grid.dateLineName(d)} has answers but ${why}; skipped`);
      continue;
    }
    const earlier = seen.get(date.date);
    if (earlier !== undefined) {
      problem(
        where,
        label,
        `${date.date} appears twice (${grid.address(earlier, 0)} and ${where}); ${grid.dateLineName(d)} skipped`,
      );
      continue;
    }
    seen.set(date.date, d);
    const day: Record<string, AvailabilityMark> = {};
    for (const [c, key] of crewColumns) {
      const value = grid.cell(d, c);
      const read = readAvailabilityCell(value);
      if ('mark' in read) day[key] = read.mark;
      else if ('problem' in read) problem(grid.address(d, c), value, read.problem);
    }
    result.days[date.date] = day;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

interface TabMonth {
  year?: number;
  month?: number;
}

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;
const MONTH_WORD = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;

const monthNumber = (word: string): number =>
  MONTHS.indexOf(word.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;

/** "December 2026", "Jan 2027", "2026-12", "Dec" → the tab's month and year where given. */
function monthOfTab(name: string): TabMonth {
  const text = name.trim().toLowerCase();
  const iso = /\b(\d{4})[-/.](\d{1,2})\b/.exec(text);
  if (iso) {
    const month = Number(iso[2]);
    if (month >= 1 && month <= 12) return { year: Number(iso[1]), month };
  }
  const tab: TabMonth = {};
  const word = new RegExp(String.raw`\b${MONTH_WORD}(?![a-z])`).exec(text);
  if (word?.[1]) tab.month = monthNumber(word[1]);
  const year = /\b(\d{4})\b/.exec(text) ?? /'(\d{2})\b/.exec(text);
  if (year?.[1]) tab.year = year[1].length === 2 ? 2000 + Number(year[1]) : Number(year[1]);
  return tab;
}

function dateFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  if (timeZone === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    return undefined;
  }
}

/** The calendar date of an instant in the formatter's time zone, YYYY-MM-DD. */
function localDate(when: Date, formatter: Intl.DateTimeFormat): string | undefined {
  if (Number.isNaN(when.getTime())) return undefined;
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(when)) parts[p.type] = p.value;
  if (!parts.year || !parts.month || !parts.day) return undefined;
  return `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}

/**
 * A date label: `{ date }`, `{ error }` when it looks like a date but cannot be one
 * (e.g. "Feb 30", or "Dec 5" in a tab whose name has no year), undefined when not date-like.
 */
function readDateCell(
  value: unknown,
  formatter: Intl.DateTimeFormat,
  tab: TabMonth,
): { date: string } | { error: string } | undefined {
  if (value instanceof Date) {
    const date = localDate(value, formatter);
    return date ? { date } : { error: 'the date in it is invalid' };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;

  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = localDate(new Date(value.trim()), formatter);
    return date ? { date } : { error: `"${value.trim()}" is not a valid date` };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), value);

  m = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$`).exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3] ? fullYear(m[3]) : undefined;
    const fits = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
    // Month first (US), unless that cannot be, or the tab's month says day first.
    let [month, day] = [a, b];
    if (!fits(a, b) || (tab.month !== undefined && a !== tab.month && b === tab.month)) {
      if (fits(b, a)) [month, day] = [b, a];
    }
    return withYear(year, month, day, tab, value);
  }

  m = new RegExp(
    String.raw`^${WEEKDAY}${MONTH_WORD}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$`,
  ).exec(text);
  if (m?.[1]) {
    const year = m[3] ? Number(m[3]) : undefined;
    return withYear(year, monthNumber(m[1]), Number(m[2]), tab, value);
  }
  m = new RegExp(
    String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_WORD}(?:,?\s+(\d{4}))?$`,
  ).exec(text);
  if (m?.[2]) {
    const year = m[3] ? Number(m[3]) : undefined;
    return withYear(year, monthNumber(m[2]), Number(m[1]), tab, value);
  }
  return undefined;
}

const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

function withYear(
  year: number | undefined,
  month: number,
  day: number,
  tab: TabMonth,
  original: string,
): { date: string } | { error: string } {
  if (year !== undefined) return calendarDate(year, month, day, original);
  if (tab.year === undefined) {
    return { error: `"${original.trim()}" has no year and the tab name gives none` };
  }
  let best = tab.year;
  if (tab.month !== undefined) {
    const target = tab.year * 12 + tab.month;
    for (const y of [tab.year - 1, tab.year + 1]) {
      if (Math.abs(y * 12 + month - target) < Math.abs(best * 12 + month - target)) best = y;
    }
  }
  return calendarDate(best, month, day, original);
}

function calendarDate(
  year: number,
  month: number,
  day: number,
  original: string,
): { date: string } | { error: string } {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return { error: `"${original.trim()}" is not a valid date` };
  }
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Cells and addresses

/** 0-based row and column → A1 notation ("A1", "Z3", "AA3", "AN12"). */

function headerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  return showValue(value).trim();
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  }
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
