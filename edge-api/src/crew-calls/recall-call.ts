import type { ParsedCharter } from '../charters/charter-input.js';
import { putCharter, type StoredCharter } from '../db/dispatch-table/index.js';
import { UserError } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { loadCharter } from './call-records.js';
import { cancelCharter } from './cancel-charter.js';
import type { OutgoingNotification } from './outgoing-notifications.js';

type NewCharter = ParsedCharter;

const raced = (id: string) =>
  new UserError(
    409,
    'charter_changed',
    `charter ${id} was changed by someone else at the same time; try again`,
  );

/**
 * A running call's charter moves to a new date (the office confirmed): the
 * call is cancelled as a charter cancellation would be (every link revoked,
 * everyone asked or confirmed gets a CANCEL), then the charter is scheduled
 * again on the new date with no call, so the next start calls crew afresh
 * (its invites are new calendar entries). The new date is written on the
 * charter first, so a run cut short anywhere is finished by the same request.
 */
export async function recallForNewDate(
  deps: CallDeps,
  charterId: string,
  input: NewCharter,
): Promise<{ charter: StoredCharter; notifications: OutgoingNotification[] }> {
  let charter = await loadCharter(deps, charterId);
  const resuming = charter.recall_date === input.date;
  // Recalled already (the answer was lost): nothing more to do.
  if (!charter.call_id && !resuming && charter.recalls && charter.date === input.date) {
    return { charter, notifications: [] };
  }
  if (!charter.call_id && !resuming) {
    throw new UserError(
      409,
      'no_call',
      `charter ${charterId} has no crew call to cancel; send it as a change instead`,
    );
  }
  if (charter.status === 'cancelled' && !resuming) {
    throw new UserError(409, 'charter_cancelled', `charter ${charterId} is cancelled`);
  }
  if (!resuming) {
    const marked: StoredCharter = {
      ...charter,
      recall_date: input.date,
      version: charter.version + 1,
    };
    if (!(await putCharter(deps.db, marked, charter.version))) throw raced(charterId);
    charter = marked;
  }
  const cancelled = charter.call_id ? await cancelCharter(deps, charterId) : { notifications: [] };
  const after = await loadCharter(deps, charterId);
  const { call_id: _old, recall_date: _date, ...rest } = after;
  const scheduled: StoredCharter = {
    ...rest,
    ...input,
    status: 'scheduled',
    recalls: (after.recalls ?? 0) + (after.call_id ? 1 : 0),
    updated_at: deps.now().toISOString(),
    version: after.version + 1,
  };
  if (!(await putCharter(deps.db, scheduled, after.version))) throw raced(charterId);
  return { charter: scheduled, notifications: cancelled.notifications };
}
