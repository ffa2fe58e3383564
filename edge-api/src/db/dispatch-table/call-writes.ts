import type { Db } from '../client.js';
import { type NamedItems, type TxItem, transact } from '../transact.js';
import { markUnfinished } from './calls.js';
import type { Change } from './changes.js';
import { putChange, putNotice } from './crew-actions.js';
import { callKey, charterKey, dueIndex, linkKey, responseKey, seatsKey } from './keys.js';
import { type LinkRecord, linkItem } from './links.js';
import { type LinkStamp, type Notice, noticeItem, sequenceMovedOn } from './notices.js';
import { type CallResponse, type OfferedSeat, responseItem } from './responses.js';

/** The office's and the cascade's writes on a call: asking a level, drop-outs, reissues, cancelling. */

const table = (db: Db) => db.tables['crew-dispatch'];
const absent = (db: Db, Item: Record<string, unknown>): TxItem => ({
  Put: { TableName: table(db), Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/**
 * One recipient of an opened level asked: their response, link record and
 * crew-call notice, the three at once or none. Everything is derived, and
 * written only if absent: false means an earlier run wrote them.
 */
export async function askRecipient(
  db: Db,
  response: CallResponse,
  link: LinkRecord,
  notice: Notice,
): Promise<boolean> {
  const result = await transact(db, {
    response: absent(db, responseItem(response)),
    link: absent(db, linkItem(link)),
    notice: absent(db, noticeItem(notice)),
  });
  return result.ok;
}

/**
 * Widens the offer of someone asked earlier who has not answered to the seats
 * of a later level (extra qualifications): their offered seats and the email
 * saying so, on the link they hold. `exists`: written before; `moved`: they
 * answered, got a new link or another email meanwhile (nothing written).
 */
export async function widenOffer(
  db: Db,
  r: CallResponse,
  offered: OfferedSeat[],
  notice: Notice,
): Promise<'written' | 'exists' | 'moved'> {
  const seq = sequenceMovedOn(notice);
  const result = await transact(db, {
    notice: absent(db, noticeItem(notice)),
    response: {
      Update: {
        TableName: table(db),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression: `SET offered = :offered, updated_at = :at, ${seq.set}`,
        ConditionExpression: `#state = :asked AND link_issue = :issue AND ${seq.condition}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':offered': offered,
          ':at': notice.created_at,
          ':asked': 'asked',
          ':issue': r.link_issue,
          ...seq.values,
        },
      },
    },
  });
  if (result.ok) return 'written';
  return result.failed.has('notice') ? 'exists' : 'moved';
}

/** The response's new current link, guarded by the one it replaces. */
const newLinkOnResponse = (
  db: Db,
  r: CallResponse,
  stamp: LinkStamp,
  notice: Notice,
  at: string,
  extraCondition = '',
): TxItem => {
  const seq = sequenceMovedOn(notice);
  return {
    Update: {
      TableName: table(db),
      Key: responseKey(r.call_id, r.crew_id),
      UpdateExpression: `SET link_issue = :issue, link_kid = :kid, link_issued_at = :iat, link_expires_at = :exp, updated_at = :at, ${seq.set} REMOVE notified_at`,
      ConditionExpression: `link_issue = :old AND ${seq.condition}${extraCondition ? ` AND ${extraCondition}` : ''}`,
      ...(extraCondition ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
      ExpressionAttributeValues: {
        ':issue': stamp.issue,
        ':kid': stamp.kid,
        ':iat': stamp.issued_at,
        ':exp': stamp.expires_at,
        ':at': at,
        ':old': r.link_issue,
        ...seq.values,
        ...(extraCondition ? { ':standby': 'standby' } : {}),
      },
    },
  };
};

const revokeItem = (db: Db, hash: string, because: 'replaced' | 'cancelled'): TxItem => ({
  Update: {
    TableName: table(db),
    Key: linkKey(hash),
    UpdateExpression: 'SET #state = :revoked, revoked_because = :because',
    ConditionExpression: '#state = :live',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':revoked': 'revoked', ':because': because, ':live': 'live' },
  },
});

/** A fresh link for one person: new link record, the response moved to it, its email, the old link revoked. */
export function reissueItems(
  db: Db,
  w: {
    response: CallResponse;
    link: LinkRecord;
    notice: Notice;
    at: string;
    /** The old link's hash when it is still live. */
    revoke?: string;
  },
): NamedItems {
  const stamp = w.notice.link as LinkStamp;
  return {
    response: newLinkOnResponse(db, w.response, stamp, w.notice, w.at),
    link: { Put: { TableName: table(db), Item: linkItem(w.link) } },
    notice: putNotice(db, w.notice),
    old_link: w.revoke && revokeItem(db, w.revoke, 'replaced'),
  };
}

export interface StandbyOffer {
  response: CallResponse;
  link: LinkRecord;
  notice: Notice;
}

/**
 * Drop out: the response leaves the seat (`#state = :confirmed`), the role's
 * counter frees it, the call reopens (unless cancelled) and, with no standby to
 * offer, becomes due at `dueAt`; the change feed, the dropper's email and each
 * standby's offer (new link, email), in one transaction.
 */
export function dropOutItems(
  db: Db,
  w: {
    response: CallResponse;
    reason: string;
    at: string;
    /** Open seats counted from the call, for calls that predate `seats_open`. */
    counted: number;
    dueAt?: string;
    notice: Notice;
    changes: [Omit<Change, 'cursor'>, Omit<Change, 'cursor'>];
    offers: StandbyOffer[];
  },
): NamedItems {
  const r = w.response;
  const seq = sequenceMovedOn(w.notice);
  const due = w.dueAt ? dueIndex(w.dueAt, r.call_id) : undefined;
  const items: NamedItems = {
    response: {
      Update: {
        TableName: table(db),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression: `SET #state = :dropped, reason = :reason, updated_at = :at, ${seq.set} REMOVE gsi2pk, gsi2sk`,
        ConditionExpression: `#state = :confirmed AND ${seq.condition}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':dropped': 'dropped',
          ':reason': w.reason,
          ':at': w.at,
          ':confirmed': 'confirmed',
          ...seq.values,
        },
      },
    },
    seat: {
      Update: {
        TableName: table(db),
        Key: seatsKey(r.call_id, r.role),
        UpdateExpression: 'SET filled = filled - :one',
        ConditionExpression: 'filled > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    call: {
      Update: {
        TableName: table(db),
        Key: callKey(r.call_id),
        UpdateExpression: `SET #status = :open, seats_open = if_not_exists(seats_open, :counted) + :one, updated_at = :at${
          due ? ', gsi1pk = :due, gsi1sk = :dueAt' : ''
        } REMOVE confirmed.#crew`,
        ConditionExpression: '#status <> :cancelled',
        ExpressionAttributeNames: { '#status': 'status', '#crew': r.crew_id },
        ExpressionAttributeValues: {
          ':open': 'open',
          ':one': 1,
          ':counted': w.counted,
          ':at': w.at,
          ':cancelled': 'cancelled',
          ...(due ? { ':due': due.gsi1pk, ':dueAt': due.gsi1sk } : {}),
        },
      },
    },
    change: putChange(db, w.changes[0]),
    reopened: putChange(db, w.changes[1], 1),
    notice: putNotice(db, w.notice),
  };
  for (const o of w.offers) {
    const id = o.response.crew_id;
    items[`offer:${id}`] = newLinkOnResponse(
      db,
      o.response,
      o.notice.link as LinkStamp,
      o.notice,
      w.at,
      '#state = :standby',
    );
    items[`offer_link:${id}`] = { Put: { TableName: table(db), Item: linkItem(o.link) } };
    items[`offer_notice:${id}`] = putNotice(db, o.notice);
  }
  return items;
}

/**
 * Cancels a charter and closes its call in one transaction (no accept can
 * succeed after it), marking the call unfinished until its links are revoked
 * and its CANCELs written.
 */
export async function cancelCharterAndCall(
  db: Db,
  w: {
    charterId: string;
    callId?: string;
    at: string;
    repairAfter: string;
    change?: Omit<Change, 'cursor'>;
  },
): Promise<void> {
  const mark = w.callId ? markUnfinished(w.callId, w.repairAfter) : undefined;
  await transact(db, {
    charter: {
      Update: {
        TableName: table(db),
        Key: charterKey(w.charterId),
        UpdateExpression: 'SET #status = :cancelled, updated_at = :at, version = version + :one',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': w.at, ':one': 1 },
      },
    },
    call: w.callId &&
      mark && {
        Update: {
          TableName: table(db),
          Key: callKey(w.callId),
          UpdateExpression: `SET #status = :cancelled, updated_at = :at, ${mark.set} REMOVE gsi1pk, gsi1sk`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':at': w.at, ...mark.values },
        },
      },
    change: w.callId && w.change && putChange(db, w.change),
  });
}
