/// <reference types="google-apps-script" />
import {
  asGas,
  type CallCounter,
  type Emulated,
  GasException,
  LABEL,
  signatureError,
} from './runtime.js';
import type { EmulatedSheet } from './sheet.js';
import {
  type Cell,
  DEFAULT_NUMBER_FORMAT,
  displayValue,
  enterValue,
  FORMULA_RESULT,
  type GridRect,
  isDate,
  toA1,
} from './sheet-values.js';

type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeMethods =
  | 'activate'
  | 'clear'
  | 'clearContent'
  | 'clearFormat'
  | 'clearNote'
  | 'getA1Notation'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getCell'
  | 'getColumn'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFontWeight'
  | 'getFontWeights'
  | 'getFormula'
  | 'getFormulas'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getNote'
  | 'getNotes'
  | 'getNumColumns'
  | 'getNumRows'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'getRow'
  | 'getRowIndex'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'isBlank'
  | 'offset'
  | 'setBackground'
  | 'setBackgrounds'
  | 'setFontColor'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFormula'
  | 'setFormulas'
  | 'setHorizontalAlignment'
  | 'setNote'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setValue'
  | 'setValues'
  | 'setVerticalAlignment'
  | 'setWrap';

type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

export class EmulatedRange implements Emulated, Pick<Range, RangeMethods> {
  readonly [LABEL] = 'SpreadsheetApp.Range';
  constructor(
    readonly _sheet: EmulatedSheet,
    readonly _rect: GridRect,
  ) {}

  /** Calls on a range count towards its sheet's own counter too. */
  _callScope(): CallCounter {
    return this._sheet._calls;
  }
  private self(): Range {
    return asGas(this);
  }
  private map<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const { row, column, numRows, numColumns } = this._rect;
    const out: T[][] = [];
    for (let r = 0; r < numRows; r += 1) {
      const line: T[] = [];
      for (let c = 0; c < numColumns; c += 1) {
        line.push(fn(this._sheet._cell(row + r, column + c), r, c));
      }
      out.push(line);
    }
    return out;
  }
  private each(fn: (cell: Cell, r: number, c: number) => void): Range {
    const { row, column, numRows, numColumns } = this._rect;
    for (let r = 0; r < numRows; r += 1) {
      for (let c = 0; c < numColumns; c += 1)
        fn(this._sheet._cellForWrite(row + r, column + c), r, c);
    }
    return this.self();
  }
  /** Checks a 2-D argument against the range exactly like Apps Script does. */
  private checkGrid(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) {
      throw signatureError(`SpreadsheetApp.Range.${method}`, [data]);
    }
    const { numRows, numColumns } = this._rect;
    if (data.length !== numRows) {
      throw new GasException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== numColumns) {
        throw new GasException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`,
        );
      }
    }
    return data as unknown[][];
  }
  /** Parses every value first (so a bad one writes nothing), then stores them. */
  private write(valueAt: (r: number, c: number) => unknown): Range {
    const tz = this._sheet._timeZone();
    const entered = this.map((cell, r, c) => enterValue(valueAt(r, c), cell?.numberFormat, tz));
    return this.each((cell, r, c) => {
      const e = entered[r]?.[c] ?? { value: '' };
      cell.value = e.value;
      if (e.formula === undefined) delete cell.formula;
      else cell.formula = e.formula;
    });
  }
  private setStyle(key: string, value: unknown): Range {
    return this.each((cell) => {
      cell.style = { ...cell.style, [key]: value };
    });
  }
  private style<T>(key: string, fallback: T): T[][] {
    return this.map((cell) => (cell?.style?.[key] as T | undefined) ?? fallback);
  }

  activate(): Range {
    this._sheet._activate(this);
    return this.self();
  }
  clear(): Range {
    return this.each((cell) => {
      for (const key of Object.keys(cell)) delete cell[key as keyof Cell];
      cell.value = '';
    });
  }
  clearContent(): Range {
    return this.each((cell) => {
      cell.value = '';
      delete cell.formula;
    });
  }
  clearFormat(): Range {
    return this.each((cell) => {
      delete cell.numberFormat;
      delete cell.style;
    });
  }
  clearNote(): Range {
    return this.each((cell) => {
      delete cell.note;
    });
  }
  getA1Notation(): string {
    return toA1(this._rect);
  }
  getBackground(): string {
    return this.getBackgrounds()[0]?.[0] ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.style('background', '#ffffff');
  }
  getCell(row: number, column: number): Range {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numColumns) {
      throw new GasException('Cell reference out of range');
    }
    return this._sheet._range(this._rect.row + row - 1, this._rect.column + column - 1, 1, 1);
  }
  getColumn(): number {
    return this._rect.column;
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0]?.[0] ?? '';
  }
  getDisplayValues(): string[][] {
    const tz = this._sheet._timeZone();
    return this.map((cell) => displayValue(cell, tz));
  }
  getFontWeight(): FontWeight {
    return this.getFontWeights()[0]?.[0] ?? 'normal';
  }
  getFontWeights(): FontWeight[][] {
    return this.style<FontWeight>('fontWeight', 'normal');
  }
  getFormula(): string {
    return this.getFormulas()[0]?.[0] ?? '';
  }
  getFormulas(): string[][] {
    return this.map((cell) => cell?.formula ?? '');
  }
  getLastColumn(): number {
    return this._rect.column + this._rect.numColumns - 1;
  }
  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }
  getNote(): string {
    return this.getNotes()[0]?.[0] ?? '';
  }
  getNotes(): string[][] {
    return this.map((cell) => cell?.note ?? '');
  }
  getNumColumns(): number {
    return this._rect.numColumns;
  }
  getNumRows(): number {
    return this._rect.numRows;
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0]?.[0] ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this.map((cell) => cell?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }
  getRow(): number {
    return this._rect.row;
  }
  getRowIndex(): number {
    return this._rect.row;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return asGas(this._sheet);
  }
  getValue(): unknown {
    return this.getValues()[0]?.[0] ?? '';
  }
  /** A deep copy: Date cells as new Dates, empty cells as ''. */
  getValues(): unknown[][] {
    return this.map((cell) => {
      const value = cell?.value ?? '';
      return isDate(value) ? new Date(value.getTime()) : value;
    });
  }
  isBlank(): boolean {
    const blank = this.map((cell) => cell === undefined || (cell.value === '' && !cell.formula));
    return blank.every((row) => row.every(Boolean));
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this._sheet._range(
      this._rect.row + rowOffset,
      this._rect.column + columnOffset,
      numRows ?? this._rect.numRows,
      numColumns ?? this._rect.numColumns,
    );
  }
  setBackground(color: string | null): Range {
    return this.setStyle('background', color ?? '#ffffff');
  }
  setBackgrounds(colors: (string | null)[][]): Range {
    const grid = this.checkGrid('setBackgrounds', colors);
    return this.each((cell, r, c) => {
      cell.style = { ...cell.style, background: grid[r]?.[c] ?? '#ffffff' };
    });
  }
  setFontColor(color: string | null): Range {
    return this.setStyle('fontColor', color);
  }
  setFontWeight(fontWeight: FontWeight | null): Range {
    return this.setStyle('fontWeight', fontWeight ?? 'normal');
  }
  setFontWeights(fontWeights: (FontWeight | null)[][]): Range {
    const grid = this.checkGrid('setFontWeights', fontWeights);
    return this.each((cell, r, c) => {
      cell.style = { ...cell.style, fontWeight: grid[r]?.[c] ?? 'normal' };
    });
  }
  setFormula(formula: string): Range {
    return this.setFormulas(this.map(() => formula));
  }
  setFormulas(formulas: string[][]): Range {
    const grid = this.checkGrid('setFormulas', formulas);
    return this.each((cell, r, c) => {
      const formula = String(grid[r]?.[c] ?? '');
      if (formula.startsWith('=')) {
        cell.value = FORMULA_RESULT;
        cell.formula = formula;
      } else {
        cell.value = formula;
        delete cell.formula;
      }
    });
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    return this.setStyle('horizontalAlignment', alignment);
  }
  setNote(note: string | null): Range {
    return this.each((cell) => {
      cell.note = note ?? '';
    });
  }
  setNumberFormat(numberFormat: string): Range {
    return this.each((cell) => {
      cell.numberFormat = numberFormat;
    });
  }
  setNumberFormats(numberFormats: string[][]): Range {
    const grid = this.checkGrid('setNumberFormats', numberFormats);
    return this.each((cell, r, c) => {
      cell.numberFormat = String(grid[r]?.[c]);
    });
  }
  /** Every cell of the range gets the value, parsed like typed text (see sheet-values.ts). */
  setValue(value: unknown): Range {
    return this.write(() => value);
  }
  setValues(values: unknown[][]): Range {
    const grid = this.checkGrid('setValues', values);
    return this.write((r, c) => grid[r]?.[c]);
  }
  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): Range {
    return this.setStyle('verticalAlignment', alignment);
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.setStyle('wrap', isWrapEnabled);
  }
}
