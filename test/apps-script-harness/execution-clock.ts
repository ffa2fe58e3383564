// What an Apps Script execution may spend, and what each service call costs it, so that a
// long run reaches the limit in the harness where it would at Google.
import type { RunMode } from './executions.js';

/**
 * "Script runtime: 6 min / execution" (consumer and Workspace alike) for menu, editor,
 * sidebar (google.script.run) and installable-trigger runs; a simple trigger (onOpen,
 * onEdit) "cannot run for longer than 30 seconds".
 * https://developers.google.com/apps-script/guides/services/quotas
 * https://developers.google.com/apps-script/guides/triggers#restrictions
 */
export const EXECUTION_LIMIT_MS: Record<RunMode, number> = {
  manual: 6 * 60_000,
  trigger: 6 * 60_000,
  simple: 30_000,
};

/** Google's message in the execution log (and the editor) when it stops a run at its limit. */
export const TIME_LIMIT_MESSAGE = 'Exceeded maximum execution time';

/**
 * Harness-clock cost of one call, in ms. ESTIMATES, not measurements from Google: they are
 * the order of magnitude Apps Script developers commonly report (a MailApp send around a
 * second; a Sheets read or write of a range tens of ms; a property read or write tens of
 * ms; creating a spreadsheet or exporting a PDF seconds), chosen so that a run doing real
 * work meets the 6-minute limit about when it would at Google. First match wins.
 */
const COSTS: readonly [prefix: string, ms: number][] = [
  ['MailApp.sendEmail', 1000],
  ['GmailApp.sendEmail', 1000],
  ['MailApp.getRemainingDailyQuota', 50],
  ['GmailApp.', 200],
  ['SpreadsheetApp.create', 2000],
  ['SpreadsheetApp.openById', 500],
  ['SpreadsheetApp.Spreadsheet.getAs', 3000],
  ['SpreadsheetApp.Spreadsheet.copy', 1500],
  ['SpreadsheetApp.Range.getValues', 40],
  ['SpreadsheetApp.Range.getDisplayValues', 40],
  ['SpreadsheetApp.Range.getFormulas', 40],
  ['SpreadsheetApp.Range.setValue', 40],
  ['SpreadsheetApp.Range.', 2],
  ['SpreadsheetApp.Sheet.', 15],
  ['SpreadsheetApp.Spreadsheet.', 15],
  ['SpreadsheetApp.Ui.', 5],
  ['SpreadsheetApp.', 5],
  ['PropertiesService.Properties.getProperties', 50],
  ['PropertiesService.Properties.', 30],
  ['CacheService.Cache.', 20],
  ['LockService.Lock.', 20],
  ['DriveApp.', 300],
  ['ScriptApp.', 100],
  ['HtmlService.', 20],
  // Its cost is the time it sleeps (it advances the clock itself).
  ['Utilities.sleep', 0],
];

/** UrlFetchApp: the real round trip on loopback, but never less than Google's own overhead (estimate). */
export const FETCH_FLOOR_MS = 150;

/** Anything else (Utilities, Session, Logger, console…) is in-process: 1 ms. */
const DEFAULT_COST_MS = 1;

export function callCost(key: string): number {
  if (key.startsWith('UrlFetchApp.fetch')) return FETCH_FLOOR_MS;
  return COSTS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? DEFAULT_COST_MS;
}

/** Calls whose cost is their real elapsed time past the floor (measured around the call). */
export function costsRealTime(key: string): boolean {
  return key.startsWith('UrlFetchApp.fetch');
}
