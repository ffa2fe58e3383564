import type { CrewMark } from '../../../shared/api/availability.js';
import {
  type CallPartition,
  clearUnfinished,
  dropFromDue,
  getCallRecord,
  listDueCalls,
  listUnfinishedCalls,
} from '../db/dispatch-table/calls.js';
import { type Change, listChanges } from '../db/dispatch-table/changes.js';
import type { StoredCharter } from '../db/dispatch-table/charters.js';
import { listUnsentNotices, type Notice, writeNotice } from '../db/dispatch-table/notices.js';
import { responsePages } from '../db/dispatch-table/responses.js';
import type { CallDeps } from './call-deps.js';
import { loadCall, loadCharter, readCall } from './call-records.js';
import { type CallSummary, summariseCall } from './call-summary.js';
import { pendingMarks } from './crew-marks.js';
import type { OutgoingNotification } from './outgoing-notifications.js';
import {
  callsDepartingSoon,
  departingWithin,
  REMINDER_LEAD_MS,
  remindersFor,
} from './reminders.js';
import {
  DEFAULT_SHORT_HANDED_LEAD_HOURS,
  type OfficeAlert,
  shortHandedAlertFor,
} from './short-handed.js';
import { sideBySide } from './side-by-side.js';

const ASKS_FOR_AN_ANSWER: ReadonlySet<string> = new Set(['crew_call', 'standby_offer']);

export interface DueCall {
  call_id: string;
  charter_id: string;
  /** The level whose window has passed. */
  current_level: number | null;
  window_closed_at: string | null;
}

/**
 * What the office's timer needs each run, in one answer (an idle run is one
 * round trip): calls whose current window has passed with seats open, every
 * email not yet reported sent (crew calls after a crashed run, standby offers,
 * confirmations, cancellations, reminders 24 h before departure), and the
 * changes since the sheet's cursor. An email leased to a running send (a
 * start, escalate or cancel answer) is left out until its lease passes. First it
 * finishes every multi-step write whose writer is gone (a start or escalation
 * whose level's items were cut short, a cancellation without its emails) and
 * withdraws the tentative holds of calls that filled since the last run.
 */
export async function listDue(
  deps: CallDeps,
  changesSince?: string,
  shortBeforeHours: number = DEFAULT_SHORT_HANDED_LEAD_HOURS,
): Promise<{
  calls: DueCall[];
  pending_notifications: OutgoingNotification[];
  changes: Change[];
  next_cursor: string | undefined;
  /** The current state of every call the changes touch, for the sheet's Status and Crew cells. */
  calls_changed: Array<{ charter_id: string; call: CallSummary }>;
  office_alerts: OfficeAlert[];
  /** Crew marks not yet in the sheet, oldest first, at most AVAILABILITY_MARKS_PER_RUN. */
  availability_marks: CrewMark[];
}> {
  const now = deps.now().toISOString();
  const shortLeadMs = shortBeforeHours * 3_600_000;
  // Reminders look a day ahead, short-handed emails as far as the office's lead: one read of
  // the charters leaving within the longer of the two serves both.
  const departingLeadMs = Math.max(REMINDER_LEAD_MS, shortLeadMs);
  const readLists = () => {
    const at = deps.now();
    return Promise.all([
      listDueCalls(deps.db, now),
      listUnsentNotices(deps.db, now),
      callsDepartingSoon({ db: deps.db, now: () => at }, departingLeadMs).then((departing) => ({
        soon: departingWithin(departing, at, REMINDER_LEAD_MS),
        shortSoon: departingWithin(departing, at, shortLeadMs),
      })),
      // The calls the changes touch are read as soon as the changes are in, side by side,
      // in the order the changes name them (dropFromDue below touches no field they show).
      listChanges(deps.db, changesSince, deps.now(), 500).then(async (changes) => ({
        changes,
        changed: await Promise.all(
          [...new Set(changes.changes.map((c) => c.call_id))].map((id) => readCall(deps, id)),
        ),
      })),
      pendingMarks(deps),
    ]);
  };
  // The lists are read while the unfinished calls are looked up: an idle run is one round
  // trip. Repairs are rare; after one the lists are read again, as the repair wrote to them.
  const first = readLists();
  const unfinished = await listUnfinishedCalls(deps.db, now).catch((error: unknown) => {
    first.catch(() => undefined);
    throw error;
  });
  let lists: Awaited<typeof first>;
  if (unfinished.length === 0) {
    lists = await first;
  } else {
    // Read before the repairs: whatever it found (or failed with) is out of date.
    first.catch(() => undefined);
    for (const call of unfinished) await finishCall(deps, call.call_id);
    lists = await readLists();
  }
  const [due, unsent, { soon, shortSoon }, { changes, changed }, availability_marks] = lists;
  // A call with no level left is due only to be told short-handed; the rest escalate.
  const exhausted = due.filter((c) => c.next_level_index >= c.level_count);
  const office_alerts = await shortHandedAlerts(deps, exhausted, shortSoon, shortLeadMs);
  // A departed charter's call is over: its timer calls nobody more.
  const calls = due
    .filter((c) => c.next_level_index < c.level_count)
    .filter((c) => Date.parse(c.departs_at) > deps.now().getTime())
    .map((c) => ({
      call_id: c.call_id,
      charter_id: c.charter_id,
      current_level: c.opened.at(-1)?.level ?? null,
      window_closed_at: c.opened.at(-1)?.closes_at ?? null,
    }));
  const pending: OutgoingNotification[] = [];
  const byCall = new Map<string, typeof unsent>();
  for (const n of unsent) byCall.set(n.call_id, [...(byCall.get(n.call_id) ?? []), n]);
  // Each call with emails to send, and then its charter, read side by side with the others'.
  const sending = await sideBySide([...byCall], async ([callId, notices]) => {
    const partition = await readCall(deps, callId);
    if (!partition) return [];
    return [{ partition, notices, charter: await loadCharter(deps, partition.call.charter_id) }];
  });
  for (const { partition, notices, charter } of sending.flat()) {
    // Once the boat has left, an email asking for an answer (a crashed run's crew call, a
    // standby offer) would carry a link that leads nowhere: it is not handed out.
    const departed = Date.parse(charter.starts_at) <= deps.now().getTime();
    const sendable = departed ? notices.filter((n) => !ASKS_FOR_AN_ANSWER.has(n.kind)) : notices;
    pending.push(...(await renderNotices(deps, charter, partition, sendable)));
  }
  for (const { charter, partition } of soon) {
    pending.push(
      ...(await renderNotices(deps, charter, partition, remindersFor(charter, partition))),
    );
  }
  const calls_changed: Array<{ charter_id: string; call: CallSummary }> = [];
  for (const partition of changed) {
    if (partition)
      calls_changed.push({
        charter_id: partition.call.charter_id,
        call: summariseCall(partition, deps.now(), shortLeadMs),
      });
  }
  return {
    calls,
    pending_notifications: pending,
    ...changes,
    calls_changed,
    office_alerts,
    availability_marks,
  };
}

/**
 * Renders emails, loading the renderer (luxon, ical-generator) only when there is
 * one: the common timer run has nothing to send and starts without it.
 */
async function renderNotices(
  ...args: Parameters<typeof import('./outgoing-notifications.js').renderNotices>
): Promise<OutgoingNotification[]> {
  if (args[3].length === 0) return [];
  const { renderNotices: render } = await import('./outgoing-notifications.js');
  return render(...args);
}

/**
 * The office's short-handed emails not yet sent: for calls whose cascade is
 * done and last window passed, and for calls departing within the lead. A
 * call with nothing left to tell is taken off the due list.
 */
async function shortHandedAlerts(
  deps: CallDeps,
  exhausted: ReadonlyArray<{ call_id: string }>,
  departingSoon: Array<{ charter: StoredCharter; partition: CallPartition }>,
  leadMs: number,
): Promise<OfficeAlert[]> {
  const now = deps.now();
  const due = new Map<string, { charter: StoredCharter; p: CallPartition; notice: Notice }>();
  const consider = (charter: StoredCharter, p: CallPartition) => {
    const notice = shortHandedAlertFor(p, now, leadMs);
    if (!notice || due.has(p.call.call_id)) return;
    due.set(p.call.call_id, { charter, p, notice });
  };
  // Each exhausted call, and then its charter, read side by side with the others'.
  const read = await sideBySide(exhausted, async ({ call_id }) => {
    const p = await readCall(deps, call_id);
    return p ? [{ p, charter: await loadCharter(deps, p.call.charter_id) }] : [];
  });
  for (const { p, charter } of read.flat()) consider(charter, p);
  // Told already, departed, filled or cancelled: nothing more will come of this call's timer.
  const over = read.flat().filter(({ p }) => !due.has(p.call.call_id));
  await sideBySide(over, ({ p }) => dropFromDue(deps.db, p.call.call_id));
  for (const { charter, partition } of departingSoon) consider(charter, partition);
  if (due.size === 0) return [];
  // Loaded only for an email to write: it tells the charter's time with Intl.
  const { renderShortHandedAlert } = await import('./short-handed-alert.js');
  return [...due.values()].map(({ charter, p, notice }) => ({
    ...renderShortHandedAlert(charter, p, notice, deps.office),
    call: summariseCall(p, now, leadMs),
  }));
}

/**
 * Finishes what a writer left undone on a call (crashed, or left on purpose:
 * the accept that fills a call leaves the withdrawals to this); its emails then
 * wait in the due list. Each step is idempotent, so a run cut short is resumed
 * by the next.
 */
async function finishCall(deps: CallDeps, callId: string): Promise<void> {
  const record = await getCallRecord(deps.db, callId);
  if (!record?.repair_after) return;
  const p = await loadCall(deps, callId);
  const charter = await loadCharter(deps, p.call.charter_id);
  // Repairs are rare: their modules (and the email renderer they use) load only for one.
  if (p.call.status === 'cancelled')
    await (await import('./cancel-charter.js')).finishCancellation(deps, p);
  else await (await import('./level-items.js')).finishOpenedLevels(deps, charter, p);
  if (p.call.status === 'filled') await withdrawHeldInvites(deps, callId);
  await clearUnfinished(deps.db, callId, record.repair_after);
}

/**
 * The call filled: everyone still holding a tentative invite (asked or on
 * standby, latest email a crew call or standby offer) gets its CANCEL, a page
 * of responses at a time. A person already withdrawn holds no invite any more,
 * so a repeat writes nothing new.
 */
export async function withdrawHeldInvites(deps: CallDeps, callId: string): Promise<void> {
  const at = deps.now().toISOString();
  // Loaded only here: the accept and decline paths it lives with are not the timer's.
  const { holdsTentativeInvite, withdrawHold } = await import('./crew-responses.js');
  for await (const page of responsePages(deps.db, callId)) {
    const held = page.filter(
      (r) => (r.state === 'asked' || r.state === 'standby') && holdsTentativeInvite(r),
    );
    await Promise.all(
      held.map(async (r) => {
        const notice = withdrawHold(r, 'filled', at);
        // Refused: written before, or their answer or email changed meanwhile; nothing to withdraw.
        if (notice) await writeNotice(deps.db, notice, ['asked', 'standby']);
      }),
    );
  }
}
