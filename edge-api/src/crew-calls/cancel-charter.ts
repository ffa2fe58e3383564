import {
  type CallPartition,
  callKey,
  changeItem,
  charterKey,
  clearUnfinished,
  getCallPartition,
  leaseNotices,
  markUnfinished,
  type Notice,
  noticeItem,
  putIfAbsent,
  revokeLink,
  transact,
} from '../db/dispatch-table/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import {
  type OutgoingNotification,
  renderNotices,
  sendLeaseUntil,
} from './outgoing-notifications.js';
import { loadCharter } from './start-call.js';

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
  const partition = charter.call_id ? await getCallPartition(deps.db, charter.call_id) : undefined;
  const mark = markUnfinished(partition?.call.call_id ?? '', lease);
  // The mark this run must clear: its own, or the one a cancellation cut short left.
  const marker = charter.status !== 'cancelled' ? lease : partition?.call.repair_after;
  if (charter.status !== 'cancelled') {
    await transact(deps.db, [
      {
        Update: {
          TableName: deps.db.tables['crew-dispatch'],
          Key: charterKey(charterId),
          UpdateExpression: 'SET #status = :cancelled, updated_at = :at, version = version + :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': at, ':one': 1 },
        },
      },
      ...(partition
        ? [
            {
              Update: {
                TableName: deps.db.tables['crew-dispatch'],
                Key: callKey(partition.call.call_id),
                UpdateExpression: `SET #status = :cancelled, updated_at = :at, ${mark.set} REMOVE gsi1pk, gsi1sk`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':cancelled': 'cancelled',
                  ':at': at,
                  ...mark.values,
                },
              },
            },
            {
              Put: {
                TableName: deps.db.tables['crew-dispatch'],
                Item: changeItem({
                  at,
                  type: 'call_cancelled',
                  charter_id: charterId,
                  call_id: partition.call.call_id,
                }),
              },
            },
          ]
        : []),
    ]);
  }
  if (!partition) {
    return { charter_id: charterId, status: 'cancelled', already_cancelled, notifications: [] };
  }
  const notices = await finishCancellation(deps, partition, lease);
  if (marker) await clearUnfinished(deps.db, partition.call.call_id, marker);
  const fresh = (await getCallPartition(deps.db, partition.call.call_id)) ?? partition;
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
    const notice: Notice = existing ?? {
      notice_id: `cancel-${r.crew_id}`,
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'cancellation',
      sequence: partition.notices.filter((n) => n.crew_id === r.crew_id).length,
      created_at: at,
      ...(leaseUntil ? { lease_until: leaseUntil } : {}),
    };
    if (!existing) await putIfAbsent(deps.db, noticeItem(notice));
    notices.push(notice);
  }
  return notices;
}
