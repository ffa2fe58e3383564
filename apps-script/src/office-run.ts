import { OfficeError } from './office-error.js';

/**
 * Runs a menu action: a problem the office can fix is shown as it is; anything
 * else as "something went wrong" with the message, and rethrown so Apps
 * Script logs it.
 */
export function runFromMenu(title: string, action: () => string | undefined): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const summary = action();
    if (summary) ui.alert(title, summary, ui.ButtonSet.OK);
  } catch (error) {
    if (error instanceof OfficeError) {
      ui.alert(title, error.message, ui.ButtonSet.OK);
      return;
    }
    ui.alert(title, `Something went wrong: ${(error as Error).message}`, ui.ButtonSet.OK);
    throw error;
  }
}

/** Holds the script lock so a menu action and the timer never send at the same time. */
export function withScriptLock<T>(waitMs: number, action: () => T): T | undefined {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return undefined;
  try {
    return action();
  } finally {
    lock.releaseLock();
  }
}

export function toast(message: string, title = 'crewcall'): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 5);
}

export function scriptSetting(key: string, fallback: string): string {
  return PropertiesService.getScriptProperties().getProperty(key) || fallback;
}
