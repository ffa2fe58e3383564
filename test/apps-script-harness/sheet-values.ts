// How Google Sheets stores what a script writes: text that looks like a formula, a number,
// a boolean or a date is parsed as if typed by a user (setValue/setValues/appendRow are
// "user entered"), unless the cell's number format is plain text ('@') or the text starts
// with an apostrophe. Also A1 notation and display formatting.
import { formatDatePattern, sheetsDateFormatToPattern, zonedParts, zonedToDate } from './dates.js';
import { GasException } from './runtime.js';

export type CellValue = string | number | boolean | Date;

export interface Cell {
  value: CellValue;
  /** The formula text ('=…') when the cell holds a formula. */
  formula?: string;
  numberFormat?: string;
  note?: string;
  /** Recorded formatting: fontWeight, background, fontColor, wrap, horizontalAlignment… */
  style?: Record<string, unknown>;
}

/** What getValues returns for a formula cell: the harness does not evaluate formulas. */
export const FORMULA_RESULT = '#ERROR!';
export const DEFAULT_NUMBER_FORMAT = '0.###############';
export const TEXT_FORMAT = '@';
const MAX_CELL_CHARS = 50_000;

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A value as written by setValue/setValues/appendRow into a cell with `numberFormat`. */
export function enterValue(
  raw: unknown,
  numberFormat: string | undefined,
  timeZone: string,
): Pick<Cell, 'value' | 'formula'> {
  if (raw === null || raw === undefined) return { value: '' };
  if (typeof raw === 'number') return { value: Number.isFinite(raw) ? raw : '#NUM!' };
  if (typeof raw === 'boolean') return { value: raw };
  if (isDate(raw)) return { value: new Date(raw.getTime()) };
  const text = String(raw);
  if (text.length > MAX_CELL_CHARS) {
    throw new GasException(
      `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
    );
  }
  if (numberFormat === TEXT_FORMAT) return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.length > 1 && text.startsWith('=')) return { value: FORMULA_RESULT, formula: text };
  const parsed = parseTyped(text, timeZone);
  if (parsed !== undefined) return { value: parsed };
  // Sheets reads a leading + or - as the start of a formula (=+…, =-…): typed text like
  // "-can't make it" or "+1 555 0100" becomes a formula error, not text.
  if (text.length > 1 && /^[+-]/.test(text)) return { value: FORMULA_RESULT, formula: `=${text}` };
  return { value: text };
}

function parseTyped(text: string, timeZone: string): CellValue | undefined {
  const t = text.trim();
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/.test(t) && /\d/.test(t)) {
    return Number(t.replaceAll(',', ''));
  }
  const percent = /^([+-]?\d+(\.\d+)?)\s?%$/.exec(t);
  if (percent) return Number(percent[1]) / 100;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (iso || us) {
    const [y, mo, d] = iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [Number(us?.[3]), Number(us?.[1]), Number(us?.[2])];
    const m = iso ?? us;
    const [h, mi, s] = [Number(m?.[4] ?? 0), Number(m?.[5] ?? 0), Number(m?.[6] ?? 0)];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
      return undefined;
    }
    return zonedToDate(timeZone, y, mo, d, h, mi, s);
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])[Mm])?$/.exec(t);
  if (time) {
    let h = Number(time[1]);
    const ampm = time[4]?.toLowerCase();
    if (ampm && (h < 1 || h > 12)) return undefined;
    if (ampm === 'p' && h < 12) h += 12;
    if (ampm === 'a' && h === 12) h = 0;
    if (h > 23 || Number(time[2]) > 59) return undefined;
    // A time of day is a date-time on Sheets' epoch day, 1899-12-30.
    return zonedToDate(timeZone, 1899, 12, 30, h, Number(time[2]), Number(time[3] ?? 0));
  }
  return undefined;
}

/** What a cell shows (getDisplayValues), for the formats scripts commonly set. */
export function displayValue(cell: Cell | undefined, timeZone: string): string {
  if (!cell) return '';
  const { value, numberFormat } = cell;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isDate(value)) {
    if (numberFormat && numberFormat !== DEFAULT_NUMBER_FORMAT && numberFormat !== TEXT_FORMAT) {
      return formatDatePattern(value, timeZone, sheetsDateFormatToPattern(numberFormat));
    }
    const p = zonedParts(value, timeZone);
    if (p.year === 1899 && p.month === 12 && p.day === 30) {
      return formatDatePattern(value, timeZone, 'H:mm:ss');
    }
    const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
    return formatDatePattern(value, timeZone, midnight ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss');
  }
  return formatNumber(value, numberFormat);
}

function formatNumber(n: number, format: string | undefined): string {
  if (!format || format === DEFAULT_NUMBER_FORMAT || format === TEXT_FORMAT) {
    return String(Number(n.toPrecision(15)));
  }
  // Only the first section (positive numbers) is read; a negative number gets a leading '-'.
  // Text in quotes ("$", " EUR") is shown as it is, around the number.
  const section = format.split(';')[0] ?? format;
  const parts = section.match(/"[^"]*"|[^"]+/g) ?? [];
  if (!parts.some((p) => !p.startsWith('"') && /[0#]/.test(p))) {
    return (n < 0 ? '-' : '') + formatDigits(Math.abs(n), section);
  }
  let out = '';
  let digits = '';
  for (const part of parts) {
    if (part.startsWith('"')) out += part.slice(1, -1);
    else if (!digits && /[0#]/.test(part)) {
      digits = formatDigits(Math.abs(n), part);
      out += digits;
    } else out += part;
  }
  // Sheets writes -$1.50 and 0.00 (never -0.00).
  return n < 0 && /[1-9]/.test(digits) ? `-${out}` : out;
}

function formatDigits(n: number, format: string): string {
  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const decimals = body.includes('.') ? (body.split('.')[1] ?? '').replace(/[^0#]/g, '').length : 0;
  const value = percent ? n * 100 : n;
  let text = value.toFixed(decimals);
  if (body.includes(',')) {
    const [int = '', frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }
  return percent ? `${text}%` : text;
}

// ---- A1 notation ----

export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** Splits "'Crew list'!A1:B2" into the sheet name (if any) and the range part. */
export function splitSheetPrefix(a1: string): { sheetName?: string; range: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(a1.trim());
  if (!m) return { range: a1.trim() };
  return { sheetName: (m[1] ?? m[2] ?? '').replaceAll("''", "'"), range: m[3] ?? '' };
}

/** A1 ("B2", "A1:C3", "A:B", "2:4", "A2:B") to a rectangle; open ends reach the sheet's edge. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): GridRect {
  const m = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(a1.trim());
  if (!m || (!m[1] && !m[2])) throw new GasException('Range not found');
  const [, c1 = '', r1 = '', c2, r2] = m;
  const hasEnd = c2 !== undefined || r2 !== undefined;
  const startCol = c1 ? columnNumber(c1) : 1;
  const startRow = r1 ? Number(r1) : 1;
  const endCol = hasEnd ? (c2 ? columnNumber(c2) : c1 ? startCol : maxColumns) : startCol;
  const endRow = hasEnd ? (r2 ? Number(r2) : r1 && !c1 ? startRow : maxRows) : startRow;
  if (!hasEnd && (!c1 || !r1)) throw new GasException('Range not found');
  if (startRow < 1 || startCol < 1) throw new GasException('Range not found');
  const row = Math.min(startRow, endRow);
  const column = Math.min(startCol, endCol);
  return {
    row,
    column,
    numRows: Math.abs(endRow - startRow) + 1,
    numColumns: Math.abs(endCol - startCol) + 1,
  };
}

export function toA1(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  const end = `${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
  return `${start}:${end}`;
}
