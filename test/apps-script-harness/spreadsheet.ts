/// <reference types="google-apps-script" />
// SpreadsheetApp and Spreadsheet (Sheet is in sheet.ts, Range in range.ts, Ui in ui.ts).
export { EmulatedSheet } from './sheet.js';

import { EmulatedRange } from './range.js';
import {
  asGas,
  type Emulated,
  GasException,
  HarnessError,
  LABEL,
  type Runtime,
  unwrapGas,
} from './runtime.js';
import { EmulatedSheet } from './sheet.js';
import { splitSheetPrefix } from './sheet-values.js';
import { EmulatedUi, type UiState } from './ui.js';
import { EmulatedBlob } from './utilities.js';

/** First line of the text inside a harness "PDF" (see `readHarnessPdf`). */
const PDF_MARKER = '%crewcall-harness-pdf ';

/** What a PDF export of a spreadsheet shows: its visible sheets' display values. */
export interface HarnessPdf {
  title: string;
  sheets: Array<{ name: string; values: string[][] }>;
}

/** Reads the contents of a PDF the harness exported (Spreadsheet.getAs, File.getAs/getBlob). */
export function readHarnessPdf(data: Buffer | string): HarnessPdf {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const line = text.split('\n').find((l) => l.startsWith(PDF_MARKER));
  if (!text.startsWith('%PDF-') || !line) throw new HarnessError('Not a PDF the harness exported');
  return JSON.parse(line.slice(PDF_MARKER.length)) as HarnessPdf;
}

/**
 * "Up to 10 million cells" per spreadsheet (https://support.google.com/drive/answer/37603),
 * counted over every sheet's whole grid, empty cells too.
 */
export const MAX_CELLS = 10_000_000;

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number | null;
  /** False when shown from a trigger, where nobody sees it. */
  visible: boolean;
  at: Date;
}

type SpreadsheetMethods =
  | 'deleteSheet'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getActiveSheet'
  | 'getAs'
  | 'getBlob'
  | 'getId'
  | 'getName'
  | 'getNumSheets'
  | 'getRange'
  | 'getSheetById'
  | 'getSheetByName'
  | 'getSheets'
  | 'getSpreadsheetTimeZone'
  | 'getUrl'
  | 'insertSheet'
  | 'rename'
  | 'setActiveSheet'
  | 'setSpreadsheetTimeZone'
  | 'toast';

export class EmulatedSpreadsheet implements Emulated, Pick<GasSpreadsheet, SpreadsheetMethods> {
  readonly [LABEL] = 'SpreadsheetApp.Spreadsheet';
  readonly _sheets: EmulatedSheet[] = [];
  readonly _toasts: Toast[] = [];
  _activeSheet: EmulatedSheet | null = null;
  private nextSheetId = 0;

  constructor(
    readonly _runtime: Runtime,
    readonly _id: string,
    public _name: string,
    public _timeZone: string,
  ) {}

  /** Refuses a change that would add `cells` cells past the limit, as Sheets does. */
  _checkCells(cells: number): void {
    const now = this._sheets.reduce((n, s) => n + s._maxRows * s._maxColumns, 0);
    if (now + cells > MAX_CELLS) {
      throw new GasException(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }
  _sheetNamed(name: string): EmulatedSheet | undefined {
    return this._sheets.find((s) => s._name.toLowerCase() === name.toLowerCase());
  }
  _addSheet(name: string, index = this._sheets.length): EmulatedSheet {
    if (this._sheetNamed(name)) {
      throw new GasException(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    const id = this.nextSheetId === 0 ? 0 : 100_000_000 + this.nextSheetId * 7_919;
    this.nextSheetId += 1;
    const sheet = new EmulatedSheet(this, name, id);
    this._sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** The PDF export: every visible sheet, as displayed (hidden sheets are left out, as at Google). */
  _pdfBlob(): EmulatedBlob {
    const pdf: HarnessPdf = {
      title: this._name,
      sheets: this._sheets
        .filter((sheet) => !sheet._hidden)
        .map((sheet) => {
          const rows = sheet.getLastRow();
          const columns = sheet.getLastColumn();
          const rect = { row: 1, column: 1, numRows: rows, numColumns: columns };
          const values = rows === 0 ? [] : new EmulatedRange(sheet, rect).getDisplayValues();
          return { name: sheet._name, values };
        }),
    };
    const text = `%PDF-1.4\n${PDF_MARKER}${JSON.stringify(pdf)}\n%%EOF\n`;
    return new EmulatedBlob(Buffer.from(text), 'application/pdf', `${this._name}.pdf`);
  }

  deleteSheet(sheet: GasSheet): void {
    const target = unwrapGas<EmulatedSheet>(sheet);
    const index = this._sheets.indexOf(target);
    if (index < 0) throw new GasException('Sheet not found');
    if (this._sheets.length === 1) {
      throw new GasException("You can't remove all the sheets in a document.");
    }
    this._sheets.splice(index, 1);
    if (this._activeSheet === target) this._activeSheet = null;
  }
  getActiveRange(): GasRange | null {
    return unwrapGas<EmulatedSheet>(this.getActiveSheet()).getActiveRange();
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getactiverangelist */
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    return unwrapGas<EmulatedSheet>(this.getActiveSheet()).getActiveRangeList();
  }
  getActiveSheet(): GasSheet {
    const sheet = this._activeSheet ?? this._sheets[0];
    if (!sheet) throw new HarnessError('The spreadsheet has no sheets');
    return asGas(sheet);
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    if (contentType !== 'application/pdf') {
      throw new GasException(
        `Converting from application/vnd.google-apps.spreadsheet to ${contentType} is not supported.`,
      );
    }
    return asGas(this._pdfBlob());
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return asGas(this._pdfBlob());
  }
  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getRange(a1Notation: string): GasRange {
    const { sheetName } = splitSheetPrefix(a1Notation);
    const sheet = sheetName === undefined ? this.getActiveSheet() : this._sheetNamed(sheetName);
    if (!sheet) throw new GasException('Range not found');
    return unwrapGas<EmulatedSheet>(sheet).getRange(a1Notation);
  }
  getSheetById(id: number): GasSheet | null {
    const sheet = this._sheets.find((s) => s._id === id);
    return sheet ? asGas(sheet) : null;
  }
  getSheetByName(name: string): GasSheet | null {
    const sheet = this._sheetNamed(String(name));
    return sheet ? asGas(sheet) : null;
  }
  getSheets(): GasSheet[] {
    return this._sheets.map((s) => asGas<GasSheet>(s));
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  insertSheet(
    first?: string | number | SheetOptions,
    second?: number | SheetOptions,
    third?: SheetOptions,
  ): GasSheet {
    const args = [first, second, third];
    let name = typeof first === 'string' ? first : undefined;
    const at = args.find((a): a is number => typeof a === 'number');
    const options = args.find((a): a is SheetOptions => typeof a === 'object' && a !== null);
    if (name === undefined) {
      let n = this._sheets.length + 1;
      while (this._sheetNamed(`Sheet${n}`)) n += 1;
      name = `Sheet${n}`;
    }
    const template = options?.template ? unwrapGas<EmulatedSheet>(options.template) : null;
    this._checkCells(template ? template._maxRows * template._maxColumns : 1000 * 26);
    const sheet = this._addSheet(name, at ?? this._sheets.length);
    if (template) {
      sheet._rows = template._rows.map((row) =>
        (row ?? []).map((cell) => (cell ? structuredClone(cell) : undefined)),
      );
      sheet._maxRows = template._maxRows;
      sheet._maxColumns = template._maxColumns;
      sheet._frozenRows = template._frozenRows;
    }
    this._activeSheet = sheet;
    return asGas(sheet);
  }
  rename(newName: string): void {
    this._name = newName;
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    unwrapGas<EmulatedSheet>(sheet)._activate(unwrapGas<EmulatedSheet>(sheet)._activeRange);
    return sheet;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._timeZone = timezone;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? null,
      visible: this._runtime.mode !== 'trigger',
      at: this._runtime.clock.now(),
    });
  }
}

type SheetOptions = { template?: GasSheet | undefined };

/** Every spreadsheet of the harness: the one the script is bound to, and those it creates. */
export interface SpreadsheetBooks {
  readonly active: EmulatedSpreadsheet;
  /** A new spreadsheet with one sheet, "Sheet1", in the root of My Drive. */
  create(name: string, rows: number, columns: number): EmulatedSpreadsheet;
  byId(id: string): EmulatedSpreadsheet | undefined;
}

type AppMethods =
  | 'create'
  | 'flush'
  | 'getActive'
  | 'getActiveRange'
  | 'getActiveRangeList'
  | 'getActiveSheet'
  | 'getActiveSpreadsheet'
  | 'getUi'
  | 'openById'
  | 'openByUrl';

export class EmulatedSpreadsheetApp
  implements Emulated, Pick<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppMethods>
{
  readonly [LABEL] = 'SpreadsheetApp';
  private readonly ui: EmulatedUi;
  constructor(
    private readonly runtime: Runtime,
    private readonly books: SpreadsheetBooks,
    uiState: UiState,
  ) {
    this.ui = new EmulatedUi(uiState);
  }
  private get spreadsheet(): EmulatedSpreadsheet {
    return this.books.active;
  }
  create(name: string, rows = 1000, columns = 26): GasSpreadsheet {
    if (typeof name !== 'string' || name === '') {
      throw new GasException('Invalid argument: name');
    }
    return asGas(this.books.create(name, rows, columns));
  }
  flush(): void {}
  getActive(): GasSpreadsheet {
    return asGas(this.spreadsheet);
  }
  getActiveRange(): GasRange {
    return this.spreadsheet.getActiveRange() as GasRange;
  }
  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList {
    return this.spreadsheet.getActiveRangeList() as GoogleAppsScript.Spreadsheet.RangeList;
  }
  getActiveSheet(): GasSheet {
    return this.spreadsheet.getActiveSheet();
  }
  getActiveSpreadsheet(): GasSpreadsheet {
    return asGas(this.spreadsheet);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    if (this.runtime.mode === 'trigger') {
      throw new GasException('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return asGas(this.ui);
  }
  openById(id: string): GasSpreadsheet {
    const book = this.books.byId(String(id));
    if (!book) {
      throw new GasException(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return asGas(book);
  }
  openByUrl(url: string): GasSpreadsheet {
    const id = /\/spreadsheets\/d\/([^/]+)/.exec(String(url))?.[1];
    const book = id === undefined ? undefined : this.books.byId(id);
    if (!book) throw new GasException('Invalid argument: url');
    return asGas(book);
  }
}
