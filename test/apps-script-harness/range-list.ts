/// <reference types="google-apps-script" />
// RangeList: what Sheets hands a script for a selection of several ranges (Ctrl-click).
import type { EmulatedRange } from './range.js';
import { asGas, type Emulated, LABEL } from './runtime.js';

type GasRangeList = GoogleAppsScript.Spreadsheet.RangeList;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

/**
 * "getRanges(): Returns a list of one or more Range instances in the same sheet."
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list#getranges
 */
export class EmulatedRangeList implements Emulated, Pick<GasRangeList, 'getRanges'> {
  readonly [LABEL] = 'SpreadsheetApp.RangeList';
  constructor(private readonly ranges: readonly EmulatedRange[]) {}
  getRanges(): GasRange[] {
    return this.ranges.map((r) => asGas<GasRange>(r));
  }
}
