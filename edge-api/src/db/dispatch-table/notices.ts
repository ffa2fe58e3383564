import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { queryAll } from '../paging.js';
import { conditional, transact } from '../transact.js';
import { noticeKey, responseKey, strip, unsentIndex } from './keys.js';
import type { ResponseState } from './responses.js';

/**
 * The emails of a call (sk `NOTICE#<id>` in its partition): what the office side
 * must send, until it reports them sent. Unsent ones are on gsi2 `UNSENT`.
 */
export type NoticeKind =
  | 'crew_call'
  | 'standby_offer'
  | 'confirmation'
  | 'cancellation'
  /** To the crew member who dropped out: they are off the charter, which still sails. */
  | 'dropped_out'
  /** Withdraws a tentative hold: the person declined. */
  | 'declined'
  /** Withdraws a tentative hold: the call filled before they answered. */
  | 'filled'
  | 'reminder'
  /** To confirmed crew: the charter's details (meeting point, notes, times…) changed. */
  | 'charter_updated'
  /** To the office (crew_id `office`): the call is short-handed. */
  | 'short_handed';

/** Everything needed to derive a link again (the token itself is never stored). */
export interface LinkStamp {
  issue: number;
  kid: string;
  issued_at: number;
  expires_at: number;
}

export interface Notice {
  notice_id: string;
  call_id: string;
  crew_id: string;
  kind: NoticeKind;
  /** The link this notice carries (none for cancellations and drop-outs). */
  link?: LinkStamp;
  /** ICS SEQUENCE: later notices to the same person replace earlier calendar entries. */
  sequence: number;
  /** charter_updated: what changed, in the office's words. */
  changed?: string[];
  created_at: string;
  sent_at?: string;
  /**
   * Handed to a caller that is sending it now (start, escalate, cancel answers):
   * GET /api/calls/due leaves it out until then, so the timer never sends it too.
   */
  lease_until?: string;
}

export const noticeItem = (n: Notice) => ({
  ...noticeKey(n.call_id, n.notice_id),
  ...(n.sent_at ? {} : unsentIndex(n.created_at, n.call_id, n.notice_id)),
  ...n,
});

/** A notice put only if absent: notice ids are derived, so a repeat writes nothing. */
export const putNoticeIfAbsent = (db: Db, n: Notice) => ({
  Put: {
    TableName: db.tables['crew-dispatch'],
    Item: noticeItem(n),
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * The response's side of a notice to its person: their sequence moves on past
 * the notice's, and the kind is remembered. Conditioned on the sequence the
 * notice took, so two notices never share one.
 */
export const sequenceMovedOn = (n: Pick<Notice, 'kind' | 'sequence'>) => ({
  set: 'next_sequence = :nextSequence, latest_notice = :latestNotice',
  condition: 'next_sequence = :sequence',
  values: { ':nextSequence': n.sequence + 1, ':latestNotice': n.kind, ':sequence': n.sequence },
});

export type NoticeWrite = 'written' | 'exists' | 'moved';

/**
 * Writes one notice to a person with their sequence moved on, in one
 * transaction. `exists`: written before (a repeat); `moved`: their response
 * changed since it was read (another notice, or a state not in `whileState`).
 */
export async function writeNotice(
  db: Db,
  notice: Notice,
  whileState?: readonly ResponseState[],
): Promise<NoticeWrite> {
  const moved = sequenceMovedOn(notice);
  const states = (whileState ?? []).map((s, i) => [`:state${i}`, s] as const);
  const result = await transact(db, {
    notice: putNoticeIfAbsent(db, notice),
    response: {
      Update: {
        TableName: db.tables['crew-dispatch'],
        Key: responseKey(notice.call_id, notice.crew_id),
        UpdateExpression: `SET ${moved.set}`,
        ConditionExpression: states.length
          ? `${moved.condition} AND #state IN (${states.map(([k]) => k).join(', ')})`
          : moved.condition,
        ...(states.length ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
        ExpressionAttributeValues: { ...moved.values, ...Object.fromEntries(states) },
      },
    },
  });
  if (result.ok) return 'written';
  if (result.failed.has('notice')) return 'exists';
  return 'moved';
}

/** A derived reminder reported sent: recorded once, and the person's sequence moves past it. */
export async function recordReminderSent(db: Db, notice: Notice): Promise<boolean> {
  const result = await transact(db, {
    notice: putNoticeIfAbsent(db, notice),
    response: {
      Update: {
        TableName: db.tables['crew-dispatch'],
        Key: responseKey(notice.call_id, notice.crew_id),
        UpdateExpression: 'SET next_sequence = if_not_exists(next_sequence, :zero) + :one',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
      },
    },
  });
  return result.ok;
}

/** Marks notices sent (once; a repeat keeps the first time) and stamps the response's send time. */
export async function markNoticeSent(db: Db, notice: Notice, at: string): Promise<boolean> {
  const marked = await conditional(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: noticeKey(notice.call_id, notice.notice_id),
        UpdateExpression: 'SET sent_at = :at REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sent_at)',
        ExpressionAttributeValues: { ':at': at },
      }),
    ),
  );
  if (!marked) return false;
  if (notice.link) {
    await conditional(
      db.doc.send(
        new UpdateCommand({
          TableName: db.tables['crew-dispatch'],
          Key: responseKey(notice.call_id, notice.crew_id),
          UpdateExpression: 'SET notified_at = :at',
          ConditionExpression: 'link_issue = :issue AND attribute_not_exists(notified_at)',
          ExpressionAttributeValues: { ':at': at, ':issue': notice.link.issue },
        }),
      ),
    );
  }
  return true;
}

/** Every notice not yet reported sent and not leased to a running send, oldest first. */
export async function listUnsentNotices(db: Db, now: string): Promise<Notice[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :u',
    ExpressionAttributeValues: { ':u': 'UNSENT' },
  });
  return items
    .map((i) => strip<Notice>(i))
    .filter((n) => n.lease_until === undefined || n.lease_until <= now);
}

/** Leases unsent notices to the caller about to send them (a repeat answer hands them out again). */
export async function leaseNotices(
  db: Db,
  notices: readonly Notice[],
  until: string,
): Promise<void> {
  await Promise.all(
    notices
      .filter((n) => !n.sent_at)
      .map((n) =>
        conditional(
          db.doc.send(
            new UpdateCommand({
              TableName: db.tables['crew-dispatch'],
              Key: noticeKey(n.call_id, n.notice_id),
              UpdateExpression: 'SET lease_until = :until',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(sent_at)',
              ExpressionAttributeValues: { ':until': until },
            }),
          ),
        ),
      ),
  );
}

/** The office's derived short-handed email reported sent: recorded once (no crew response to move on). */
export async function recordOfficeAlertSent(db: Db, notice: Notice): Promise<boolean> {
  const result = await transact(db, { notice: putNoticeIfAbsent(db, notice) });
  return result.ok;
}
