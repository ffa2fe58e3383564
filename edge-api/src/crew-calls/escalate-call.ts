import {
  type CallPartition,
  type Change,
  type CrewCall,
  changeItem,
  clearUnfinished,
  getCallPartition,
  leaseNotices,
  listChanges,
  listDueCalls,
  listUnfinishedCalls,
  listUnsentNotices,
  recordLevelOpened,
} from '../db/dispatch-table/index.js';
import { notFound, UserError } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { type CallSummary, summariseCall } from './call-summary.js';
import { finishCancellation } from './cancel-charter.js';
import { refuseIfDeparted } from './departure.js';
import { ensureLevelItems, finishOpenedLevels } from './level-items.js';
import { chooseNextLevel } from './open-level.js';
import {
  type OutgoingNotification,
  renderNotices,
  sendLeaseUntil,
} from './outgoing-notifications.js';
import { callsDepartingSoon, remindersFor } from './reminders.js';
import { loadCharter } from './start-call.js';

const ASKS_FOR_AN_ANSWER: ReadonlySet<string> = new Set(['crew_call', 'standby_offer']);

export interface DueCall {
  call_id: string;
  charter_id: string;
  /** The level whose window has passed. */
  current_level: number | null;
  window_closed_at: string | null;
}

export interface EscalationResult {
  call_id: string;
  /** The level now open, or null when the cascade has no one left to ask. */
  level: number | null;
  skipped_levels: Array<{ level: number; reason: string }>;
  /** True when this level was already opened by an earlier request: same links, not new ones. */
  already_escalated: boolean;
  notifications: OutgoingNotification[];
  /** The call after escalating, for the sheet. */
  call: CallSummary;
}

/**
 * What the office's timer needs each run, in one answer (an idle run is one
 * round trip): calls whose current window has passed with seats open, every
 * email not yet reported sent (crew calls after a crashed run, standby offers,
 * confirmations, cancellations, reminders 24 h before departure), and the
 * changes since the sheet's cursor. An email leased to a running send (a
 * start, escalate or cancel answer) is left out until its lease passes. First it
 * finishes every multi-step write whose writer is gone (a start or escalation
 * whose level's items were cut short, a cancellation without its emails).
 */
export async function listDue(
  deps: CallDeps,
  changesSince?: string,
): Promise<{
  calls: DueCall[];
  pending_notifications: OutgoingNotification[];
  changes: Change[];
  next_cursor: string | undefined;
  /** The current state of every call the changes touch, for the sheet's Status and Crew cells. */
  calls_changed: Array<{ charter_id: string; call: CallSummary }>;
}> {
  const now = deps.now().toISOString();
  for (const call of await listUnfinishedCalls(deps.db, now)) await finishCall(deps, call.call_id);
  const [due, unsent, soon, changes] = await Promise.all([
    listDueCalls(deps.db, now),
    listUnsentNotices(deps.db, now),
    callsDepartingSoon(deps),
    listChanges(deps.db, changesSince, deps.now(), 500),
  ]);
  // A departed charter's call is over: its timer calls nobody more.
  const calls = due
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
  for (const [callId, notices] of byCall) {
    const partition = await getCallPartition(deps.db, callId);
    if (!partition) continue;
    const charter = await loadCharter(deps, partition.call.charter_id);
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
  for (const callId of new Set(changes.changes.map((c) => c.call_id))) {
    const partition = await getCallPartition(deps.db, callId);
    if (partition)
      calls_changed.push({ charter_id: partition.call.charter_id, call: summariseCall(partition) });
  }
  return { calls, pending_notifications: pending, ...changes, calls_changed };
}

/** Finishes what a crashed writer left undone on a call; its emails then wait in the due list. */
async function finishCall(deps: CallDeps, callId: string): Promise<void> {
  const p = await getCallPartition(deps.db, callId);
  if (!p?.call.repair_after) return;
  const charter = await loadCharter(deps, p.call.charter_id);
  if (p.call.status === 'cancelled') await finishCancellation(deps, p);
  else await finishOpenedLevels(deps, charter, p);
  await clearUnfinished(deps.db, callId, p.call.repair_after);
}

/**
 * Opens the next cascade level of a call. `fromLevel` is the level the caller
 * saw as current: if that level has already been escalated, the answer is the
 * same level and links as the first time, not a second set (two "Escalate now"
 * clicks at once open one level). Levels an earlier run opened without writing
 * all their items are finished first.
 */
export async function escalateCall(
  deps: CallDeps,
  callId: string,
  options: { fromLevel?: number; force?: boolean } = {},
): Promise<EscalationResult> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = await getCallPartition(deps.db, callId);
    if (!p) throw notFound(`crew call ${callId}`);
    const charter = await loadCharter(deps, p.call.charter_id);
    refuseIfDeparted(charter, deps.now(), `crew call ${callId} can't call more crew`);
    const current = p.call.opened.at(-1);
    const lease = sendLeaseUntil(deps.now());

    if (options.fromLevel !== undefined && current && current.level !== options.fromLevel) {
      const seen = p.call.opened.findIndex((l) => l.level === options.fromLevel);
      const after = seen >= 0 ? p.call.opened[seen + 1] : undefined;
      if (!after) {
        throw new UserError(
          409,
          'level_not_open',
          `level ${options.fromLevel} was never opened on call ${callId}`,
        );
      }
      const notices = await ensureLevelItems(deps, charter, p.call, after, lease);
      await leaseNotices(deps.db, notices, lease);
      const fresh = await reload(deps, callId);
      return {
        call_id: callId,
        level: after.level,
        skipped_levels: [],
        already_escalated: true,
        notifications: await renderNotices(deps, charter, fresh, notices),
        call: summariseCall(fresh),
      };
    }
    if (p.call.status !== 'open') {
      throw new UserError(
        409,
        `call_${p.call.status}`,
        `crew call ${callId} is ${p.call.status}; there is nothing to escalate`,
      );
    }
    await finishOpenedLevels(deps, charter, p);
    const now = deps.now();
    if (!options.force && current && Date.parse(current.closes_at) > now.getTime()) {
      throw new UserError(
        409,
        'window_open',
        `level ${current.level}'s window is open until ${current.closes_at}; escalate with "force": true to open the next level now`,
      );
    }
    const next = chooseNextLevel(
      p.call,
      p.seats,
      p.responses,
      now,
      deps.windowPolicy,
      deps.linkKeys[0]?.kid as string,
    );
    const call: CrewCall = {
      ...p.call,
      opened: next.opened ? [...p.call.opened, next.opened] : p.call.opened,
      next_level_index: next.index + (next.opened ? 1 : 0),
      updated_at: now.toISOString(),
      version: p.call.version + 1,
      ...(next.opened ? { repair_after: lease } : {}),
    };
    const changes = next.opened
      ? [
          changeItem({
            at: now.toISOString(),
            type: 'level_opened',
            charter_id: call.charter_id,
            call_id: callId,
            level: next.opened.level,
          }),
        ]
      : [];
    if (!(await recordLevelOpened(deps.db, call, p.call.next_level_index, changes))) continue;
    const notices = next.opened
      ? await ensureLevelItems(deps, charter, call, next.opened, lease)
      : [];
    if (call.repair_after) await clearUnfinished(deps.db, callId, call.repair_after);
    const fresh = await reload(deps, callId);
    return {
      call_id: callId,
      level: next.opened?.level ?? null,
      skipped_levels: next.skipped,
      already_escalated: false,
      notifications: await renderNotices(deps, charter, fresh, notices),
      call: summariseCall(fresh),
    };
  }
  throw new UserError(503, 'busy', `crew call ${callId} is changing too fast; try again`);
}

async function reload(deps: CallDeps, callId: string): Promise<CallPartition> {
  const p = await getCallPartition(deps.db, callId);
  if (!p) throw notFound(`crew call ${callId}`);
  return p;
}
