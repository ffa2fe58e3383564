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

/**
 * Everything that sends email or reports sends (menu Send, Cancel, Monthly report, Sync
 * now, the timer, the monthly trigger, trigger install/remove) runs under the one script
 * lock, which Apps Script shares between all executions of all users
 * (https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()),
 * so two runs never send the same pending email.
 *
 * A person waits up to 30 s: a timer run without a backlog takes seconds, and longer than
 * half a minute with no answer feels broken. A trigger waits 10 s and then leaves the work
 * to its next run.
 */
export const PERSON_LOCK_WAIT_MS = 30_000;
export const TRIGGER_LOCK_WAIT_MS = 10_000;

export const BUSY_MESSAGE =
  "Another crewcall run is busy right now (the 5-minute timer, or someone else's Send, Cancel or report), so nothing was done. Try again in a minute.";

/** Runs `action` under the script lock; undefined when another run held it for all of `waitMs`. */
export function withScriptLock<T>(waitMs: number, action: () => T): { value: T } | undefined {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return undefined;
  try {
    return { value: action() };
  } finally {
    lock.releaseLock();
  }
}

/** A person's action under the script lock, or a plain "another run is busy". */
export function whileNoOtherRun<T>(action: () => T): T {
  const done = withScriptLock(PERSON_LOCK_WAIT_MS, action);
  if (!done) throw new OfficeError(BUSY_MESSAGE);
  return done.value;
}

export function toast(message: string, title = 'crewcall'): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, title, 5);
}
