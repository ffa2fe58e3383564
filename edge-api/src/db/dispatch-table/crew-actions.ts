import type { Db } from '../client.js';
import type { NamedItems, TxItem } from '../transact.js';
import type { ConfirmedCrew } from './calls.js';
import { type Change, changeItem } from './changes.js';
import {
  callKey,
  confirmedIndex,
  linkKey,
  responseKey,
  seatsKey,
  unfinishedIndex,
} from './keys.js';
import { type Notice, noticeItem, sequenceMovedOn } from './notices.js';
import type { CallResponse } from './responses.js';

/**
 * The transactions behind a crew member's buttons, as named items: the
 * services choose what happens (which notice, whether this is the last seat),
 * these say how it is written and guarded. Each is a fixed number of small
 * items whatever the size of the call.
 */

const table = (db: Db) => db.tables['crew-dispatch'];
const put = (db: Db, Item: Record<string, unknown>): TxItem => ({
  Put: { TableName: table(db), Item },
});
export const putChange = (db: Db, change: Omit<Change, 'cursor'>, order = 0) =>
  put(db, changeItem(change, order));
export const putNotice = (db: Db, n: Notice) => put(db, noticeItem(n));

export interface Timing {
  decided_after_ms: number;
  decided_within_a_minute: boolean;
}

/** The link is used by this write, once: a second click (or a racing one) fails this condition. */
export const useLink = (db: Db, hash: string, decision: string, at: string): TxItem => ({
  Update: {
    TableName: table(db),
    Key: linkKey(hash),
    UpdateExpression: 'SET #state = :used, decision = :d, used_at = :at',
    ConditionExpression: '#state = :live',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':used': 'used', ':d': decision, ':at': at, ':live': 'live' },
  },
});

/** How the call's count of open seats is guarded: known (and whether this takes the last), or not kept yet. */
export type SeatsOpen = { kept: true; open: number } | { kept: false; open: number };

export interface AcceptWrite {
  linkHash: string;
  response: CallResponse;
  /** The role whose seat this accept takes, when it is not `response.role` (an extra qualification). */
  seatRole?: string;
  who: ConfirmedCrew;
  seatsOpen: SeatsOpen;
  /** The charter's departure: the confirmed index's order. */
  startsAt: string;
  at: string;
  timing: Timing;
  confirmation: Notice;
  /** The response's change-feed entry; the accept that fills the call adds `call_filled`. */
  change: Omit<Change, 'cursor'>;
  filled?: Omit<Change, 'cursor'>;
}

/**
 * Accept: the link is unused, a seat of the role is free (`filled < needed`),
 * the call is not cancelled and its open-seat count is what was read, the
 * response still has this link and sequence. The last seat marks the call
 * filled, out of the escalation queue, and unfinished until the timer has
 * withdrawn everyone else's tentative holds (not written here: their number
 * grows with the call).
 */
export function acceptItems(db: Db, a: AcceptWrite): NamedItems {
  const r = a.response;
  const last = a.seatsOpen.open === 1;
  const kept = a.seatsOpen.kept;
  const unfinished = unfinishedIndex(a.at, r.call_id);
  const seq = sequenceMovedOn(a.confirmation);
  const confirmed = confirmedIndex(a.startsAt, r.crew_id, r.call_id);
  // Taking another offered role's seat: the response says which seat they hold from now on.
  const otherRole = a.seatRole !== undefined && a.seatRole !== r.role ? a.seatRole : undefined;
  const callSet = last
    ? 'SET seats_open = :zero, #status = :filled, updated_at = :at, confirmed.#crew = :who, repair_after = :at, gsi2pk = :uPk, gsi2sk = :uSk REMOVE gsi1pk, gsi1sk'
    : kept
      ? 'SET seats_open = seats_open - :one, confirmed.#crew = :who'
      : 'SET seats_open = :left, confirmed.#crew = :who';
  return {
    link: useLink(db, a.linkHash, 'accept', a.at),
    seat: {
      Update: {
        TableName: table(db),
        Key: seatsKey(r.call_id, otherRole ?? r.role),
        UpdateExpression: 'SET filled = filled + :one',
        ConditionExpression: 'filled < needed',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    call: {
      Update: {
        TableName: table(db),
        Key: callKey(r.call_id),
        UpdateExpression: callSet,
        ConditionExpression: `#status = :open AND ${
          kept
            ? last
              ? 'seats_open = :one'
              : 'seats_open > :one'
            : 'attribute_not_exists(seats_open)'
        }`,
        ExpressionAttributeNames: { '#status': 'status', '#crew': r.crew_id },
        ExpressionAttributeValues: {
          ':open': 'open',
          ':who': a.who,
          ...(kept ? { ':one': 1 } : {}),
          ...(last
            ? {
                ':zero': 0,
                ':filled': 'filled',
                ':at': a.at,
                ':uPk': unfinished.gsi2pk,
                ':uSk': unfinished.gsi2sk,
              }
            : kept
              ? {}
              : { ':left': a.seatsOpen.open - 1 }),
        },
      },
    },
    response: {
      Update: {
        TableName: table(db),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression: `SET #state = :confirmed, decided_at = :at, decided_after_ms = :ms, decided_within_a_minute = :fast, updated_at = :at, gsi2pk = :c, gsi2sk = :when, ${seq.set}${otherRole ? ', #role = :role' : ''}`,
        ConditionExpression: `link_issue = :issue AND #state IN (:asked, :standby) AND ${seq.condition}`,
        ExpressionAttributeNames: { '#state': 'state', ...(otherRole ? { '#role': 'role' } : {}) },
        ExpressionAttributeValues: {
          ...(otherRole ? { ':role': otherRole } : {}),
          ':confirmed': 'confirmed',
          ':at': a.at,
          ':ms': a.timing.decided_after_ms,
          ':fast': a.timing.decided_within_a_minute,
          ':c': confirmed.gsi2pk,
          ':when': confirmed.gsi2sk,
          ':issue': r.link_issue,
          ':asked': 'asked',
          ':standby': 'standby',
          ...seq.values,
        },
      },
    },
    change: putChange(db, a.change),
    notice: putNotice(db, a.confirmation),
    filled: a.filled && putChange(db, a.filled, 1),
  };
}

export interface DeclineWrite {
  linkHash: string;
  response: CallResponse;
  at: string;
  timing: Timing;
  reason: string;
  /** The CANCEL for their tentative hold, when they hold one. */
  withdrawal?: Notice;
  change: Omit<Change, 'cursor'>;
}

/** Decline: uses the link, records the answer and, when they hold a tentative invite, its CANCEL. */
export function declineItems(db: Db, d: DeclineWrite): NamedItems {
  const r = d.response;
  const seq = d.withdrawal ? sequenceMovedOn(d.withdrawal) : undefined;
  return {
    link: useLink(db, d.linkHash, 'decline', d.at),
    response: {
      Update: {
        TableName: table(db),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression: `SET #state = :declined, decided_at = :at, decided_after_ms = :ms, decided_within_a_minute = :fast, reason = :reason, updated_at = :at${seq ? `, ${seq.set}` : ''}`,
        ConditionExpression: `link_issue = :issue AND ${seq ? seq.condition : 'next_sequence = :sequence'}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':declined': 'declined',
          ':at': d.at,
          ':ms': d.timing.decided_after_ms,
          ':fast': d.timing.decided_within_a_minute,
          ':reason': d.reason,
          ':issue': r.link_issue,
          ...(seq ? seq.values : { ':sequence': r.next_sequence }),
        },
      },
    },
    withdrawal: d.withdrawal && putNotice(db, d.withdrawal),
    change: putChange(db, d.change),
  };
}

/** Standby: uses the link, keeps the first time they joined (their place in line). */
export function standbyItems(
  db: Db,
  s: { linkHash: string; response: CallResponse; at: string; change: Omit<Change, 'cursor'> },
): NamedItems {
  return {
    link: useLink(db, s.linkHash, 'standby', s.at),
    response: {
      Update: {
        TableName: table(db),
        Key: responseKey(s.response.call_id, s.response.crew_id),
        UpdateExpression:
          'SET #state = :standby, standby_since = if_not_exists(standby_since, :at), updated_at = :at',
        ConditionExpression: 'link_issue = :issue',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':standby': 'standby',
          ':at': s.at,
          ':issue': s.response.link_issue,
        },
      },
    },
    change: putChange(db, s.change),
  };
}
