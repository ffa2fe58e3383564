import {
  type CrewCall,
  changeItem,
  clearUnfinished,
  leaseNotices,
  recordLevelOpened,
} from '../db/dispatch-table/index.js';
import { UserError } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import { loadCall, loadCharter } from './call-records.js';
import { type CallSummary, summariseCall } from './call-summary.js';
import { refuseIfDeparted } from './departure.js';
import { ensureLevelItems, finishOpenedLevels } from './level-items.js';
import { chooseNextLevel } from './open-level.js';
import {
  type OutgoingNotification,
  renderNotices,
  sendLeaseUntil,
} from './outgoing-notifications.js';
import type { CrewCallPlan } from './plan-crew-call.js';

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
    const p = await loadCall(deps, callId);
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
      const fresh = await loadCall(deps, callId);
      return {
        call_id: callId,
        level: after.level,
        skipped_levels: [],
        already_escalated: true,
        notifications: await renderNotices(deps, charter, fresh, notices),
        call: summariseCall(fresh, deps.now()),
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
      p.call.window_policy ?? deps.windowPolicy,
      deps.linkKeys[0]?.kid as string,
    );
    const call: CrewCall<CrewCallPlan> = {
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
    if (!(await recordLevelOpened(deps.db, call, p.call.next_level_index, next.opened, changes)))
      continue;
    const notices = next.opened
      ? await ensureLevelItems(deps, charter, call, next.opened, lease)
      : [];
    if (call.repair_after) await clearUnfinished(deps.db, callId, call.repair_after);
    const fresh = await loadCall(deps, callId);
    return {
      call_id: callId,
      level: next.opened?.level ?? null,
      skipped_levels: next.skipped,
      already_escalated: false,
      notifications: await renderNotices(deps, charter, fresh, notices),
      call: summariseCall(fresh, deps.now()),
    };
  }
  throw new UserError(503, 'busy', `crew call ${callId} is changing too fast; try again`);
}
