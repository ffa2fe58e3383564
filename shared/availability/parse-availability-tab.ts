import { a1 } from '../sheet/a1.js';
import { findLayout, isWeekdayLine } from './find-layout.js';
import type { AvailabilityMark, DayAvailability } from './index.js';
import { matchHeaderToKey, uniqueKeys } from './match-header.js';
import { readAvailabilityCell, type XMeans } from './read-cell.js';
import { dateFormatter, monthOfTab, readDateCell } from './read-date-cell.js';

/**
 * Reading a whole month tab of the availability sheet (values as Range.getValues() returns them,
 * starting at A1) into per-date availability keyed by the roster's `availability_key`.
 *
 * Pure and dependency-free: this file is bundled into Apps Script (V8, ES2020). It never throws;
 * everything it cannot read becomes a problem with the cell's A1 address.
 *
 * Layout (see find-layout.ts): the dates run down a column ("dates-down", crew names in a row
 * above them) or across a row ("dates-across", crew names in a column left of them); whichever
 * holds more dates wins. Title rows and blank rows above the header are not read; a weekday
 * column or row ("Day": Sat, Sun) beside the dates is neither crew nor dates. What cannot be
 * found is a problem naming the tab and the cell.
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
 * Cells are read with the words of vocabulary.ts (read-cell.ts). Blank cells are left out of the
 * day (fitsAvailability then says "no availability given"); unsure answers are note marks;
 * unreadable cells are problems; cells holding `x` are read as `xMeans` says and listed.
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
  matchedHeaders: Array<{ header: string; availability_key: string; exact: boolean; cell: string }>;
  /** Headers that match no roster key (never guessed). */
  unmatchedHeaders: string[];
  /** Roster keys that no header matched. */
  missingKeys: string[];
  problems: AvailabilityProblem[];
  /** A1 addresses of the crew cells holding `x`, read as `xMeans` (the office's setting) says. */
  xCells: string[];
  /**
   * Per date, per roster availability_key: the person's cell and what it holds (as text), so the
   * office can point at the cell of anyone left out of a call, blank cells included.
   */
  cells: Record<string, Record<string, { cell: string; value: string }>>;
}

export function parseAvailabilityTab(input: {
  sheetName: string;
  values: unknown[][];
  timeZone: string;
  rosterKeys: string[];
  /** What `x` means in this office (CREWCALL_X_MEANS); unset reads as yes. */
  xMeans?: XMeans;
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
    xCells: [],
    cells: {},
  };
  try {
    parseInto(
      result,
      given.values,
      given.timeZone,
      rosterKeys,
      given.xMeans === 'no' ? 'no' : 'yes',
    );
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

/** Labels of lines that are not crew or dates: totals and notes. */
const IGNORED_LABEL =
  /^(?:#\s*)?(?:(?:grand\s+|sub)?totals?|sum|count|notes?|comments?|remarks?)(?:\b|$)/i;

function parseInto(
  result: ParsedAvailabilityTab,
  rawValues: unknown,
  rawTimeZone: unknown,
  rosterKeys: string[],
  xMeans: XMeans,
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

  const found = findLayout({
    rows,
    width,
    sheetName: result.sheetName,
    isDateLike: (v) => readDate(v) !== undefined,
    isBlank: (v) => headerText(v) === '',
  });
  if ('problem' in found) {
    problem(found.problem.cell, found.problem.value, found.problem.message);
    return;
  }
  result.layout = found.layout;
  const grid = found.grid;

  const lineCells = (c: number) =>
    Array.from({ length: grid.dateLines - 1 }, (_, d) => grid.cell(d + 1, c));
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
      if (isWeekdayLine(header, lineCells(c))) continue;
      let used = false;
      for (let d = 1; d < grid.dateLines && !used; d++) used = hasContent(grid.cell(d, c));
      if (used) {
        problem(where, raw, `${grid.crewLineName(c)} has answers but no name in ${where}; skipped`);
      }
      continue;
    }
    if (IGNORED_LABEL.test(header) || isWeekdayLine(header, lineCells(c))) {
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
      cell: grid.address(0, c),
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
    const cells: Record<string, { cell: string; value: string }> = {};
    result.cells[date.date] = cells;
    for (const [c, key] of crewColumns) {
      const value = grid.cell(d, c);
      cells[key] = { cell: grid.address(d, c), value: showValue(value) };
      const read = readAvailabilityCell(value, { xMeans });
      if ('mark' in read) day[key] = read.mark;
      if ('x' in read) result.xCells.push(grid.address(d, c));
      else if ('problem' in read) problem(grid.address(d, c), value, read.problem);
    }
    result.days[date.date] = day;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

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

export { matchHeaderToKey };
