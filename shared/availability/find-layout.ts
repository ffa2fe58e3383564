import { a1, columnLetters } from '../sheet/a1.js';

/**
 * Where a month tab keeps its dates and its crew names, found rather than assumed: a title or
 * blank rows may sit above the header, and the dates may run down any column or across any row.
 *
 * - The date axis is the column or the row holding the most date-like cells (a tie goes to a
 *   column: dates down).
 * - The header (crew names) is the line before the first date with the most non-blank cells
 *   beyond the date axis: a title row ("Harbor Charters, December") has at most one, so the
 *   header wins; of equal lines the one nearest the dates wins.
 * - Lines before the header and before the date axis (titles, a weekday column left of the
 *   dates) are not read at all.
 */

/** A view of the tab with dates along "lines" and crew along "columns", whatever the layout. */
export interface Grid {
  /** Date line 0 is the header (crew names); crew line 0 is the date labels. */
  dateLines: number;
  crewLines: number;
  cell(dateLine: number, crewLine: number): unknown;
  address(dateLine: number, crewLine: number): string;
  /** How a date line / crew line is named in messages, e.g. "row 7" or "column C". */
  dateLineName(dateLine: number): string;
  crewLineName(crewLine: number): string;
}

export type Layout = 'dates-down' | 'dates-across';

export function findLayout(input: {
  rows: unknown[][];
  width: number;
  sheetName: string;
  isDateLike(value: unknown): boolean;
  isBlank(value: unknown): boolean;
}):
  | { layout: Layout; grid: Grid }
  | { problem: { cell: string; value: unknown; message: string } } {
  const { rows, width, sheetName, isDateLike, isBlank } = input;
  const inRows = new Array<number>(rows.length).fill(0);
  const inColumns = new Array<number>(width).fill(0);
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (!isDateLike(value)) return;
      inRows[r] = (inRows[r] ?? 0) + 1;
      inColumns[c] = (inColumns[c] ?? 0) + 1;
    });
  });
  const best = (counts: number[]) => counts.reduce((b, n, i) => (n > (counts[b] ?? 0) ? i : b), 0);
  const dateColumn = best(inColumns);
  const dateRow = best(inRows);
  const mostDown = inColumns[dateColumn] ?? 0;
  const mostAcross = inRows[dateRow] ?? 0;
  if (mostDown === 0 && mostAcross === 0) {
    const area = `A1:${a1(rows.length - 1, width - 1)}`;
    return {
      problem: {
        cell: 'A1',
        value: rows[0]?.[0],
        message: `No dates found in '${sheetName}' (looked at every column and row of ${area} for dates such as 12/5, Dec 5 or 2026-12-05)`,
      },
    };
  }
  const layout: Layout = mostDown >= mostAcross ? 'dates-down' : 'dates-across';
  const down = layout === 'dates-down';

  // The view: rows as dates-down reads them (the tab itself, or the tab transposed).
  const viewRows = down ? rows.length : width;
  const viewColumns = down ? width : rows.length;
  const view = (r: number, c: number): unknown => (down ? rows[r]?.[c] : rows[c]?.[r]);
  const address = (r: number, c: number) => (down ? a1(r, c) : a1(c, r));
  const k = down ? dateColumn : dateRow;

  let firstDate = 0;
  while (firstDate < viewRows && !isDateLike(view(firstDate, k))) firstDate++;
  let header = -1;
  let names = 0;
  for (let r = 0; r < firstDate; r++) {
    let count = 0;
    for (let c = k + 1; c < viewColumns; c++) if (!isBlank(view(r, c))) count++;
    if (count > 0 && count >= names) {
      header = r;
      names = count;
    }
  }
  if (header < 0) {
    const where = address(firstDate, k);
    return {
      problem: {
        cell: where,
        value: view(firstDate, k),
        message: down
          ? `No row of crew names found in '${sheetName}' above the first date (${where})`
          : `No column of crew names found in '${sheetName}' left of the first date (${where})`,
      },
    };
  }
  const h = header;
  return {
    layout,
    grid: {
      dateLines: viewRows - h,
      crewLines: viewColumns - k,
      cell: (d, c) => view(h + d, k + c),
      address: (d, c) => address(h + d, k + c),
      dateLineName: (d) => (down ? `row ${h + d + 1}` : `column ${columnLetters(h + d)}`),
      crewLineName: (c) => (down ? `column ${columnLetters(k + c)}` : `row ${k + c + 1}`),
    },
  };
}

/** "Sat", "Sunday", "Tues." */
const WEEKDAY_NAME =
  /^(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?$/i;
/** How people head a weekday column or row. */
const WEEKDAY_LABEL = /^(?:days?|weekdays?|dow|day of (?:the )?week)?$/i;

/** A column (or row) of weekday names beside the dates: neither a crew member nor dates. */
export function isWeekdayLine(label: string, cells: unknown[]): boolean {
  const named = label.trim() !== '';
  if (!WEEKDAY_LABEL.test(label.trim())) return false;
  const filled = cells.filter((v) => typeof v === 'string' && v.trim() !== '') as string[];
  const others = cells.filter(
    (v) => v !== null && v !== undefined && v !== false && typeof v !== 'string',
  );
  // A "Day" column may still be empty; an unnamed one is a weekday line only by its contents.
  if (others.length > 0 || !filled.every((v) => WEEKDAY_NAME.test(v.trim()))) return false;
  return named || filled.length > 0;
}
