/**
 * Apps Script stops every execution at 6 minutes ("Exceeded maximum execution time",
 * https://developers.google.com/apps-script/guides/services/quotas) and nothing more of it
 * runs, not even a finally. So a run stops starting new emails a minute before, which
 * leaves time to record what it sent and to say so; the rest waits for the next run (the
 * timer, every 5 minutes).
 *
 * Apps Script loads the script afresh for every execution, so this module's first line
 * runs when the execution starts.
 */
const EXECUTION_STARTED_AT = Date.now();

export const EXECUTION_LIMIT_MS = 6 * 60_000;
export const STOP_SENDING_AFTER_MS = EXECUTION_LIMIT_MS - 60_000;

/** Whether a run may still start an email (or a unit of work that sends some). */
export interface SendBudget {
  canStartSend(): boolean;
}

export function executionBudget(): SendBudget {
  return { canStartSend: () => Date.now() - EXECUTION_STARTED_AT < STOP_SENDING_AFTER_MS };
}
