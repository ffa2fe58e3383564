/// <reference types="google-apps-script" />
// Sheet: a grid of cells (see sheet-values.ts for how written values are stored).
import { EmulatedRange } from './range.js';
import { EmulatedRangeList } from './range-list.js';
import {
  asGas,
  CallCounter,
  type Emulated,
  GasException,
  LABEL,
  signatureError,
  unwrapGas,
} from './runtime.js';
import { type Cell, enterValue, parseA1, splitSheetPrefix } from './sheet-values.js';
import type { EmulatedSpreadsheet } from './spreadsheet.js';

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

type SheetMethods =
  | 'activate'
  | 'appendRow'
  | 'autoResizeColumn'
  | 'autoResizeColumns'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'copyTo'
  | 'deleteRow'
  | 'deleteRows'
  | 'getActiveCell'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getDataRange'
  | 'getFrozenColumns'
  | 'getFrozenRows'
  | 'getIndex'
  | 'getLastColumn'
  | 'getLastRow'
  | 'getMaxColumns'
  | 'getMaxRows'
  | 'getName'
  | 'getParent'
  | 'getRange'
  | 'getSheetId'
  | 'getSheetName'
  | 'getSheetValues'
  | 'hideSheet'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'isSheetHidden'
  | 'setActiveRange'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'setFrozenColumns'
  | 'setFrozenRows'
  | 'setName'
  | 'showSheet';

export class EmulatedSheet implements Emulated, Pick<GasSheet, SheetMethods> {
  readonly [LABEL] = 'SpreadsheetApp.Sheet';
  _rows: (Cell | undefined)[][] = [];
  _frozenRows = 0;
  _frozenColumns = 0;
  _hidden = false;
  _activeRange: EmulatedRange | null = null;
  /** Every range of the selection, the last one being `_activeRange` (Ctrl-click selects several). */
  _activeRanges: EmulatedRange[] = [];
  readonly _columnWidths = new Map<number, number>();
  /** Calls on this sheet and its ranges (harness.calls counts every sheet together). */
  readonly _calls = new CallCounter();

  constructor(
    readonly _spreadsheet: EmulatedSpreadsheet,
    public _name: string,
    readonly _id: number,
    public _maxRows = 1000,
    public _maxColumns = 26,
  ) {}

  _callScope(): CallCounter {
    return this._calls;
  }
  _timeZone(): string {
    return this._spreadsheet._timeZone;
  }
  _cell(row: number, column: number): Cell | undefined {
    return this._rows[row - 1]?.[column - 1];
  }
  _cellForWrite(row: number, column: number): Cell {
    let line = this._rows[row - 1];
    if (!line) {
      line = [];
      this._rows[row - 1] = line;
    }
    let cell = line[column - 1];
    if (!cell) {
      cell = { value: '' };
      line[column - 1] = cell;
    }
    return cell;
  }
  _range(row: number, column: number, numRows: number, numColumns: number): GasRange {
    if (row < 1) throw new GasException('The starting row of the range is too small.');
    if (column < 1) throw new GasException('The starting column of the range is too small.');
    if (numRows < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (numColumns < 1) {
      throw new GasException('The number of columns in the range must be at least 1.');
    }
    if (row + numRows - 1 > this._maxRows || column + numColumns - 1 > this._maxColumns) {
      throw new GasException(
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
    return asGas(new EmulatedRange(this, { row, column, numRows, numColumns }));
  }
  _activate(range: EmulatedRange | null, more: readonly EmulatedRange[] = []): void {
    this._spreadsheet._activeSheet = this;
    this._activeRanges = range ? [...more, range] : [];
    this._activeRange = range;
  }
  private hasContent(cell: Cell | undefined): boolean {
    return cell !== undefined && (cell.value !== '' || cell.formula !== undefined);
  }
  private self(): GasSheet {
    return asGas(this);
  }

  activate(): GasSheet {
    this._activate(this._activeRange);
    return this.self();
  }
  appendRow(rowContents: unknown[]): GasSheet {
    if (!Array.isArray(rowContents) || rowContents.length === 0) {
      throw signatureError('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    }
    const row = this.getLastRow() + 1;
    const rows = Math.max(row, this._maxRows);
    const columns = Math.max(rowContents.length, this._maxColumns);
    this._spreadsheet._checkCells(rows * columns - this._maxRows * this._maxColumns);
    this._maxRows = rows;
    this._maxColumns = columns;
    const entered = rowContents.map((v, i) =>
      enterValue(v, this._cell(row, i + 1)?.numberFormat, this._timeZone()),
    );
    entered.forEach((e, i) => {
      const cell = this._cellForWrite(row, i + 1);
      cell.value = e.value;
      if (e.formula !== undefined) cell.formula = e.formula;
    });
    return this.self();
  }
  autoResizeColumn(columnPosition: number): GasSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    for (let c = startColumn; c < startColumn + numColumns; c += 1) {
      this._columnWidths.set(c, -1);
    }
    return this.self();
  }
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GasSheet {
    if (options?.contentsOnly) return this.clearContents();
    if (options?.formatOnly) return this.clearFormats();
    this._rows = [];
    return this.self();
  }
  clearContents(): GasSheet {
    for (const line of this._rows) {
      for (const cell of line ?? []) {
        if (!cell) continue;
        cell.value = '';
        delete cell.formula;
      }
    }
    return this.self();
  }
  clearFormats(): GasSheet {
    for (const line of this._rows) {
      for (const cell of line ?? []) {
        if (!cell) continue;
        delete cell.numberFormat;
        delete cell.style;
      }
    }
    return this.self();
  }
  /** A copy named "Copy of …" in `spreadsheet` (any spreadsheet): values, formats, frozen rows. */
  copyTo(spreadsheet: GasSpreadsheet): GasSheet {
    const target = unwrapGas<EmulatedSpreadsheet>(spreadsheet);
    target._checkCells(this._maxRows * this._maxColumns);
    let name = `Copy of ${this._name}`;
    for (let n = 2; target._sheetNamed(name); n += 1) name = `Copy ${n} of ${this._name}`;
    const copy = target._addSheet(name);
    copy._rows = this._rows.map((row) =>
      (row ?? []).map((cell) => (cell ? structuredClone(cell) : undefined)),
    );
    copy._maxRows = this._maxRows;
    copy._maxColumns = this._maxColumns;
    copy._frozenRows = this._frozenRows;
    copy._frozenColumns = this._frozenColumns;
    for (const [column, width] of this._columnWidths) copy._columnWidths.set(column, width);
    return asGas(copy);
  }
  deleteRow(rowPosition: number): GasSheet {
    this.deleteRows(rowPosition, 1);
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || rowPosition + howMany - 1 > this._maxRows) {
      throw new GasException('Those rows are out of bounds.');
    }
    if (this._maxRows - howMany <= this._frozenRows) {
      throw new GasException('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this._rows.splice(rowPosition - 1, howMany);
    this._maxRows -= howMany;
  }
  getActiveCell(): GasRange {
    const active = this._activeRange?._rect ?? { row: 1, column: 1 };
    return this._range(active.row, active.column, 1, 1);
  }
  /**
   * "If multiple ranges are selected this method returns only the last selected range."
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getactiverange
   */
  getActiveRange(): GasRange | null {
    return this._activeRange ? asGas(this._activeRange) : this.getActiveCell();
  }
  /**
   * "Returns the list of active ranges in the active sheet or null if there are no active
   * ranges. If there is a single range selected, this behaves as a getActiveRange() call."
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getactiverangelist
   */
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    // Nothing selected yet: the active cell, as getActiveRange() answers.
    const ranges =
      this._activeRanges.length > 0
        ? this._activeRanges
        : [unwrapGas<EmulatedRange>(this.getActiveCell())];
    return asGas(new EmulatedRangeList(ranges));
  }
  getDataRange(): GasRange {
    return this._range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  getFrozenColumns(): number {
    return this._frozenColumns;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  getIndex(): number {
    return this._spreadsheet._sheets.indexOf(this) + 1;
  }
  getLastColumn(): number {
    let last = 0;
    for (const line of this._rows) {
      (line ?? []).forEach((cell, i) => {
        if (this.hasContent(cell) && i + 1 > last) last = i + 1;
      });
    }
    return last;
  }
  getLastRow(): number {
    for (let r = this._rows.length; r >= 1; r -= 1) {
      if ((this._rows[r - 1] ?? []).some((cell) => this.hasContent(cell))) return r;
    }
    return 0;
  }
  getMaxColumns(): number {
    return this._maxColumns;
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getName(): string {
    return this._name;
  }
  getParent(): GasSpreadsheet {
    return asGas(this._spreadsheet);
  }
  getRange(
    ...args:
      | [string]
      | [number, number]
      | [number, number, number]
      | [number, number, number, number]
  ): GasRange {
    const [first] = args;
    if (typeof first === 'string' && args.length === 1) {
      const { sheetName, range } = splitSheetPrefix(first);
      const sheet = sheetName === undefined ? this : this._spreadsheet._sheetNamed(sheetName);
      if (!sheet) throw new GasException('Range not found');
      const rect = parseA1(range, sheet._maxRows, sheet._maxColumns);
      return sheet._range(rect.row, rect.column, rect.numRows, rect.numColumns);
    }
    const list: unknown[] = args;
    if (list.length < 2 || list.some((a) => typeof a !== 'number' || Number.isNaN(a))) {
      throw signatureError('SpreadsheetApp.Sheet.getRange', list);
    }
    const [r = 0, c = 0, nr = 1, nc = 1] = (list as number[]).map((a) => Math.trunc(a));
    return this._range(r, c, nr, nc);
  }
  getSheetId(): number {
    return this._id;
  }
  getSheetName(): string {
    return this._name;
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number) {
    const rows = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const cols = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return unwrapGas<EmulatedRange>(this._range(startRow, startColumn, rows, cols)).getValues();
  }
  hideSheet(): GasSheet {
    if (this._spreadsheet._sheets.every((s) => s === this || s._hidden)) {
      throw new GasException("You can't hide all the sheets in a document.");
    }
    this._hidden = true;
    return this.self();
  }
  insertRowAfter(afterPosition: number): GasSheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowBefore(beforePosition: number): GasSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertRowsBefore(afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    if (beforePosition < 1 || beforePosition > this._maxRows + 1 || howMany < 1) {
      throw new GasException('Those rows are out of bounds.');
    }
    this._spreadsheet._checkCells(howMany * this._maxColumns);
    if (this._rows.length >= beforePosition) {
      this._rows.splice(beforePosition - 1, 0, ...Array.from({ length: howMany }, () => []));
    }
    this._maxRows += howMany;
    return this.self();
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  setActiveRange(range: GasRange): GasRange {
    const target = unwrapGas<EmulatedRange>(range);
    target._sheet._activate(target);
    return range;
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this._columnWidths.set(columnPosition, width);
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    for (let c = startColumn; c < startColumn + numColumns; c += 1)
      this._columnWidths.set(c, width);
    return this.self();
  }
  setFrozenColumns(columns: number): void {
    this._frozenColumns = columns;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows >= this._maxRows) {
      throw new GasException('You can only freeze up to all but one row.');
    }
    this._frozenRows = rows;
  }
  setName(name: string): GasSheet {
    if (
      this._spreadsheet._sheets.some(
        (s) => s !== this && s._name.toLowerCase() === name.toLowerCase(),
      )
    ) {
      throw new GasException(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    this._name = name;
    return this.self();
  }
  showSheet(): GasSheet {
    this._hidden = false;
    return this.self();
  }
}
