import {
  type CallPartition,
  type CallResponse,
  cancelCharterAndCall,
  clearUnfinished,
  getResponse,
  leaseNotices,
  type Notice,
  revokeLink,
  writeNotice,
} from '../db/dispatch-table/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { loadCharter, readCall } from './call-records.js';
import {
  type OutgoingNotification,
  renderNotices,
  sendLeaseUntil,
} from './outgoing-notifications.js';

/**
 * Cancels a charter: closes its call (so no accept can succeed from here on),
 * revokes every live link, and returns a calendar CANCEL for everyone who was
 * asked or accepted. Cancelling again returns the cancellations not yet
 * reported sent (POST /notified), so a run killed before reporting can finish,
 * and none that went out; `already_cancelled` says it was cancelled before. The
 * closing transaction marks the call unfinished until every link is revoked and
 * every CANCEL written, so a crash in between is finished by a repeat or by the
 * timer.
 */
export async function cancelCharter(
  deps: CallDeps,
  charterId: string,
): Promise<{
  charter_id: string;
  status: 'cancelled';
  already_cancelled: boolean;
  notifications: OutgoingNotification[];
}> {
  const charter = await loadCharter(deps, charterId);
  const already_cancelled = charter.status === 'cancelled';
  const at = deps.now().toISOString();
  const lease = sendLeaseUntil(deps.now());
  const partition = charter.call_id ? await readCall(deps, charter.call_id) : undefined;
  // The mark this run must clear: its own, or the one a cancellation cut short left.
  const marker = charter.status !== 'cancelled' ? lease : partition?.call.repair_after;
  if (charter.status !== 'cancelled') {
    const callId = partition?.call.call_id;
    await cancelCharterAndCall(deps.db, {
      charterId,
      at,
      repairAfter: lease,
      ...(callId
        ? {
            callId,
            change: { at, type: 'call_cancelled', charter_id: charterId, call_id: callId },
          }
        : {}),
    });
  }
  if (!partition) {
    return { charter_id: charterId, status: 'cancelled', already_cancelled, notifications: [] };
  }
  const notices = await finishCancellation(deps, partition, lease);
  if (marker) await clearUnfinished(deps.db, partition.call.call_id, marker);
  const fresh = (await readCall(deps, partition.call.call_id)) ?? partition;
  const stored = notices
    .map((n) => fresh.notices.find((x) => x.notice_id === n.notice_id) ?? n)
    .filter((n) => !n.sent_at);
  await leaseNotices(deps.db, stored, lease);
  return {
    charter_id: charterId,
    status: 'cancelled',
    already_cancelled,
    notifications: await renderNotices(deps, { ...charter, status: 'cancelled' }, fresh, stored),
  };
}

/** Revokes every live link of a cancelled call and writes each person's CANCEL (once); returns the CANCELs. */
export async function finishCancellation(
  deps: CallDeps,
  partition: CallPartition,
  leaseUntil?: string,
): Promise<Notice[]> {
  const at = deps.now().toISOString();
  const notices: Notice[] = [];
  for (const r of partition.responses) {
    // Only a person's current link can be live; earlier ones were used or replaced.
    const current = {
      call_id: r.call_id,
      crew_id: r.crew_id,
      issue: r.link_issue,
      kid: r.link_kid,
    };
    await revokeLink(deps.db, linkHash(linkId(deps.linkKeys, current)), 'cancelled');
    const existing = partition.notices.find((n) => n.notice_id === `cancel-${r.crew_id}`);
    notices.push(existing ?? (await writeCancellation(deps, r, at, leaseUntil)));
  }
  return notices;
}

/** One person's CANCEL, at their next sequence; again with a fresh read if another email to them won it. */
async function writeCancellation(
  deps: CallDeps,
  first: CallResponse,
  at: string,
  leaseUntil: string | undefined,
): Promise<Notice> {
  let r: CallResponse | undefined = first;
  for (let attempt = 0; r && attempt < 5; attempt++) {
    const notice: Notice = {
      notice_id: `cancel-${r.crew_id}`,
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'cancellation',
      sequence: r.next_sequence,
      created_at: at,
      ...(leaseUntil ? { lease_until: leaseUntil } : {}),
    };
    const written = await writeNotice(deps.db, notice);
    if (written === 'written' || written === 'exists') return notice;
    r = await getResponse(deps.db, first.call_id, first.crew_id);
  }
  throw new Error(`the CANCEL to ${first.crew_id} on call ${first.call_id} kept racing`);
}
