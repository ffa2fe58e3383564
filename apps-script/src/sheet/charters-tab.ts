import type { CharterBody } from '../../../shared/api/index.js';
import { parseNeeds } from '../../../shared/charter/parse-needs.js';
import { a1 } from '../../../shared/sheet/a1.js';
import { OfficeError } from '../office-error.js';

export const CHARTERS_TAB = 'Charters';

/** Columns found by header text (case-insensitive); the last three are the system's own. */
const COLUMNS = {
  id: ['charter id', 'id', 'charter'],
  date: ['date'],
  start: ['start', 'start time', 'from'],
  end: ['end', 'end time', 'to', 'until'],
  vessel: ['vessel', 'boat'],
  client: ['client', 'customer'],
  guests: ['guests', 'pax'],
  needs: ['needs', 'needed', 'crew needed', 'needed per role', 'seats'],
  price: ['price', 'price ($)', 'amount'],
  meeting_point: ['meeting point', 'meet at', 'dock'],
  notes: ['notes', 'note'],
  status: ['status'],
  crew: ['crew', 'confirmed crew'],
  last_update: ['last update', 'updated'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = [
  'id',
  'date',
  'start',
  'end',
  'vessel',
  'client',
  'guests',
  'needs',
  'price',
];
export const SYSTEM_COLUMNS = ['status', 'crew', 'last_update'] as const;
const SYSTEM_HEADERS = { status: 'Status', crew: 'Crew', last_update: 'Last update' };

export interface ChartersTable {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** All values, header row first (one getValues). */
  values: unknown[][];
  columns: Partial<Record<Column, number>>;
}

/** Reads the whole Charters tab with one getValues, adding the system's header cells if missing. */
export function readChartersTab(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): ChartersTable {
  const sheet = spreadsheet.getSheetByName(CHARTERS_TAB);
  if (!sheet)
    throw new OfficeError(
      `There is no "${CHARTERS_TAB}" tab. Add one with the columns ${REQUIRED.join(', ')}.`,
    );
  const values = sheet.getDataRange().getValues();
  const header = (values[0] ?? []).map((h) => String(h).trim().toLowerCase());
  const columns: Partial<Record<Column, number>> = {};
  for (const [column, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
    const index = header.findIndex((h) => names.includes(h));
    if (index >= 0) columns[column] = index;
  }
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    throw new OfficeError(
      `The ${CHARTERS_TAB} tab has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} in row 1.`,
    );
  }
  const absent = SYSTEM_COLUMNS.filter((c) => columns[c] === undefined);
  if (absent.length > 0) {
    const first = header.length;
    sheet
      .getRange(1, first + 1, 1, absent.length)
      .setValues([absent.map((c) => SYSTEM_HEADERS[c])]);
    absent.forEach((c, i) => {
      columns[c] = first + i;
    });
    for (const row of values) row.push(...absent.map(() => ''));
  }
  return { sheet, values, columns };
}

/** Turns one row into a charter, or says which cells are wrong. Pure apart from the date formatter. */
export function charterFromRow(
  table: Pick<ChartersTable, 'values' | 'columns'>,
  rowIndex: number,
  timeZone: string,
  currency: string,
  formatDate: (date: Date, pattern: string) => string,
): { charter_id: string; body: CharterBody } | { charter_id: string; problems: string[] } {
  const row = table.values[rowIndex] ?? [];
  const cell = (c: Column) =>
    table.columns[c] === undefined ? '' : row[table.columns[c] as number];
  const at = (c: Column) => a1(rowIndex, table.columns[c] ?? 0);
  const problems: string[] = [];
  const charterId = String(cell('id')).trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(charterId))
    problems.push(
      `${at('id')}: the charter id "${charterId}" may use only letters, digits, - and _`,
    );

  const dateCell = cell('date');
  let date = '';
  if (dateCell instanceof Date) date = formatDate(dateCell, 'yyyy-MM-dd');
  else if (/^\d{4}-\d{2}-\d{2}$/.test(String(dateCell).trim())) date = String(dateCell).trim();
  else problems.push(`${at('date')}: "${String(dateCell)}" is not a date`);

  const time = (c: 'start' | 'end') => {
    const v = cell(c);
    if (v instanceof Date) return formatDate(v, 'HH:mm');
    const m = String(v)
      .trim()
      .match(/^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i);
    if (!m) {
      problems.push(`${at(c)}: "${String(v)}" is not a time like 09:30`);
      return '';
    }
    let hour = Number(m[1]);
    const pm = m[3]?.toLowerCase() === 'pm';
    if (m[3] && hour === 12) hour = 0;
    if (pm) hour += 12;
    if (hour > 23) problems.push(`${at(c)}: "${String(v)}" is not a time of day`);
    return `${String(hour).padStart(2, '0')}:${m[2] ?? '00'}`;
  };
  const start = time('start');
  const end = time('end');

  const guests = Number(cell('guests'));
  if (!Number.isInteger(guests) || guests < 0)
    problems.push(`${at('guests')}: "${String(cell('guests'))}" is not a number of guests`);
  const needs = parseNeeds(cell('needs'));
  if ('problem' in needs) problems.push(`${at('needs')}: ${needs.problem}`);
  const priceText = String(cell('price')).replace(/[$,\s]/g, '');
  const price = Number(priceText);
  if (priceText === '' || !Number.isFinite(price) || price < 0)
    problems.push(`${at('price')}: "${String(cell('price'))}" is not a price`);
  for (const c of ['vessel', 'client'] as const) {
    if (String(cell(c)).trim() === '') problems.push(`${at(c)}: the ${c} is empty`);
  }
  if (problems.length > 0) return { charter_id: charterId, problems };
  return {
    charter_id: charterId,
    body: {
      vessel: String(cell('vessel')).trim(),
      date,
      start,
      end,
      time_zone: timeZone,
      client: String(cell('client')).trim(),
      guests,
      needs: (needs as { needs: Record<string, number> }).needs,
      price: { amount_cents: Math.round(price * 100), currency },
      meeting_point: String(cell('meeting_point') ?? '').trim(),
      notes: String(cell('notes') ?? '').trim(),
    },
  };
}

/** Row index (0-based, in `values`) of each charter id. */
export function rowsByCharterId(table: ChartersTable): Map<string, number> {
  const out = new Map<string, number>();
  const idCol = table.columns.id as number;
  table.values.forEach((row, i) => {
    if (i > 0 && String(row[idCol] ?? '').trim()) out.set(String(row[idCol]).trim(), i);
  });
  return out;
}

/**
 * Writes the system's own columns (status, crew, last update) for the given
 * rows: one setValues over the block of rows they span, with the cells set
 * to plain text first so a crew name can never become a formula.
 */
export function writeSystemColumns(
  table: ChartersTable,
  updates: Map<number, { status: string; crew: string }>,
  now: Date,
): void {
  // Rows already showing this status and crew are left alone (no write at all if none changed).
  const statusCol = table.columns.status as number;
  const crewCol = table.columns.crew as number;
  for (const [row, update] of [...updates]) {
    const current = table.values[row] ?? [];
    if (
      String(current[statusCol] ?? '') === update.status &&
      String(current[crewCol] ?? '') === update.crew
    ) {
      updates.delete(row);
    }
  }
  if (updates.size === 0) return;
  const rows = [...updates.keys()];
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const cols = SYSTEM_COLUMNS.map((c) => table.columns[c] as number);
  const adjacent = cols.every((c, i) => c === (cols[0] as number) + i);
  const block = table.values.slice(first, last + 1).map((row, i) => {
    const update = updates.get(first + i);
    return update ? [update.status, update.crew, now] : cols.map((c) => row[c] ?? '');
  });
  const write = (col: number, width: number, data: unknown[][]) => {
    const range = table.sheet.getRange(first + 1, col + 1, block.length, width);
    range.setNumberFormats(
      data.map((r) => r.map((v) => (v instanceof Date ? 'yyyy-mm-dd hh:mm' : '@'))),
    );
    range.setValues(data);
  };
  if (adjacent) {
    write(cols[0] as number, cols.length, block);
    return;
  }
  for (const [i, col] of cols.entries()) {
    write(
      col,
      1,
      block.map((r) => [r[i]]),
    );
  }
}

/**
 * What the edge API said about a charter row, with the cell each refused field came from
 * (`needs.deckhnad` is the Needs cell of that row), so the office can go straight to it.
 * An error about no charter field (a call refused, an outage) reads as the API put it.
 */
export function charterRowError(
  table: Pick<ChartersTable, 'columns'>,
  rowIndex: number,
  error: OfficeError,
): string {
  const cells = error.fields.map((f) => {
    const column = table.columns[f.field.split('.')[0] as Column];
    return column === undefined ? undefined : `${a1(rowIndex, column)}: ${f.field}: ${f.message}`;
  });
  if (cells.length === 0 || cells.some((c) => c === undefined)) return error.message;
  return cells.join('; ');
}
