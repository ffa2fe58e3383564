import type { CrewMark, MarkApplied } from '../api/availability.js';
import { cellIndex } from '../sheet/a1.js';
import { parseAvailabilityTab } from './parse-availability-tab.js';
import type { XMeans } from './read-cell.js';

/**
 * What to do with the crew's pending marks for ONE month tab, from the values just read
 * (getValues of the data range, from A1). Pure: data in, data out.
 *
 * Each mark's cell is found the way every reading of the tab finds it (parseAvailabilityTab:
 * either layout, the header matched to the availability_key). Per mark:
 * - the cell already holds the mark's text → written, nothing to type;
 * - the office typed the cell after the mark was set → kept_office, with what the office typed;
 * - otherwise the mark's text is typed into the cell (a crew member's earlier mark included);
 * - no row or column for it → not placed, named in `unplaced` (reported no_cell).
 * Of two marks for one cell (the list is oldest first) the later one is used.
 */
export interface MarkWrite {
  /** 0-based, as in the values. */
  row: number;
  column: number;
  text: string;
}

export interface TabMarkPlan {
  writes: MarkWrite[];
  results: MarkApplied[];
  unplaced: UnplacedMark[];
}

/** A mark with no cell to go in, and why, in the office's words. */
export interface UnplacedMark {
  mark: CrewMark;
  why: string;
  /** The tab it belongs in, when there is one. */
  tab?: string;
}

export function planMarkWrites(input: {
  tab: string;
  values: unknown[][];
  timeZone: string;
  rosterKeys: string[];
  xMeans: XMeans;
  marks: CrewMark[];
  /** When the office last typed a cell (0-based row and column), if recorded. */
  officeEditedAt(row: number, column: number): Date | undefined;
}): TabMarkPlan {
  const parsed = parseAvailabilityTab({
    sheetName: input.tab,
    values: input.values,
    timeZone: input.timeZone,
    rosterKeys: [...new Set([...input.rosterKeys, ...input.marks.map((m) => m.availability_key)])],
    xMeans: input.xMeans,
  });
  const plan: TabMarkPlan = { writes: [], results: [], unplaced: [] };
  const latest = new Map<string, CrewMark>();
  for (const mark of input.marks) latest.set(`${mark.date}|${mark.availability_key}`, mark);
  const quoted = `'${input.tab.replace(/'/g, "''")}'`;
  // In the office's words: dates down, people across (or turned round).
  const [dateLine, personLine] =
    parsed.layout === 'dates-across' ? ['column', 'row'] : ['row', 'column'];
  for (const mark of latest.values()) {
    const day = parsed.cells[mark.date];
    if (!day) {
      plan.unplaced.push({
        mark,
        tab: input.tab,
        why: `no ${dateLine} for ${mark.date} in ${quoted}`,
      });
      continue;
    }
    const place = day[mark.availability_key];
    if (!place) {
      plan.unplaced.push({
        mark,
        tab: input.tab,
        why: `no ${personLine} for “${mark.availability_key}” in ${quoted}`,
      });
      continue;
    }
    const { row, column } = cellIndex(place.cell);
    const cell = `${quoted}!${place.cell}`;
    const base = { crew_id: mark.crew_id, date: mark.date, set_at: mark.set_at, cell };
    const now = place.value.trim();
    if (now === mark.text) {
      plan.results.push({ ...base, outcome: 'written' });
      continue;
    }
    const edited = input.officeEditedAt(row, column);
    if (edited && edited.getTime() > Date.parse(mark.set_at)) {
      // The report carries at most 1000 characters of it (MarksAppliedBody).
      plan.results.push({
        ...base,
        outcome: 'kept_office',
        office_value: place.value.slice(0, 1000),
      });
      continue;
    }
    plan.writes.push({ row, column, text: mark.text });
    plan.results.push({ ...base, outcome: 'written' });
  }
  return plan;
}

/**
 * The one rectangle a tab's writes go in, filled from the cells just read, so one setValues
 * writes them all. Text goes in as text: in a plain-text cell (number format '@') as it is, in
 * any other cell after an apostrophe, which Sheets takes as "this is text" and does not store
 * (in a plain-text cell it would be kept as a character). So neither a mark nor a note the office
 * typed turns into a date or a number. Formula cells inside the rectangle get their formulas back.
 */
export function writeRectangle(
  cells: { values: unknown[][]; formulas: string[][]; formats: string[][] },
  writes: MarkWrite[],
): { row: number; column: number; grid: unknown[][] } | undefined {
  if (writes.length === 0) return undefined;
  const top = Math.min(...writes.map((w) => w.row));
  const left = Math.min(...writes.map((w) => w.column));
  const bottom = Math.max(...writes.map((w) => w.row));
  const right = Math.max(...writes.map((w) => w.column));
  const asText = (r: number, c: number, text: string) =>
    text === '' || cells.formats[r]?.[c] === '@' ? text : `'${text}`;
  const grid: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: unknown[] = [];
    for (let c = left; c <= right; c++) {
      const formula = cells.formulas[r]?.[c];
      const value = cells.values[r]?.[c] ?? '';
      line.push(formula ? formula : typeof value === 'string' ? asText(r, c, value) : value);
    }
    grid.push(line);
  }
  for (const w of writes)
    (grid[w.row - top] as unknown[])[w.column - left] = asText(w.row, w.column, w.text);
  return { row: top, column: left, grid };
}
