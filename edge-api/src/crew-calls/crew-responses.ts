import { CHAT_MAX_LENGTH, postToChat } from '../db/chats-table.js';
import {
  type CallPartition,
  type CallResponse,
  callKey,
  changeItem,
  getCall,
  linkKey,
  type Notice,
  noticeItem,
  responseKey,
  seatsKey,
  type TransactItems,
  transact,
} from '../db/dispatch-table/index.js';
import { invalidInput } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import type { CrewLinkView } from './crew-link-view.js';

export type OpenView = Extract<CrewLinkView, { kind: 'open' }>;

/** How a crew member's click ended, for the page that answers it. */
export type ResponseOutcome =
  | 'confirmed'
  | 'filled'
  | 'declined'
  | 'standby'
  | 'dropped'
  | 'already_answered'
  | 'cancelled'
  | 'replaced'
  | 'departed'
  | 'not_confirmed';

export const REASON_MAX_LENGTH = 300;

export const TABLE = (deps: Pick<CallDeps, 'db'>) => deps.db.tables['crew-dispatch'];

/** The link is used by this write, once: a second click (or a racing one) fails this condition. */
export function useLink(deps: Pick<CallDeps, 'db'>, view: OpenView, decision: string, at: string) {
  return {
    Update: {
      TableName: TABLE(deps),
      Key: linkKey(view.link.link_hash),
      UpdateExpression: 'SET #state = :used, decision = :d, used_at = :at',
      ConditionExpression: '#state = :live',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':used': 'used', ':d': decision, ':at': at, ':live': 'live' },
    },
  };
}

export function decisionTiming(r: CallResponse, at: Date) {
  // The send time Apps Script reported; before that report, the time the link was issued.
  const sentAt = r.notified_at ? Date.parse(r.notified_at) : r.link_issued_at * 1000;
  const ms = Math.max(0, at.getTime() - sentAt);
  return { decided_after_ms: ms, decided_within_a_minute: ms < 60_000 };
}

export function responseChange(
  view: OpenView,
  state: string,
  at: string,
  extra: Record<string, unknown> = {},
) {
  return changeItem({
    at,
    type: 'response',
    charter_id: view.charter.charter_id,
    call_id: view.partition.call.call_id,
    crew_id: view.response.crew_id,
    name: view.response.name,
    role: view.response.role,
    state,
    level: view.response.level,
    ...extra,
  });
}

export const put = (deps: Pick<CallDeps, 'db'>, Item: Record<string, unknown>) => ({
  Put: { TableName: TABLE(deps), Item },
});

export function sequenceFor(view: OpenView): number {
  return view.partition.notices.filter((n) => n.crew_id === view.response.crew_id).length;
}

/** At most this many held invites are withdrawn in the accept that fills a call (DynamoDB's 100-item transactions). */
const MAX_WITHDRAWALS = 90;

/**
 * The CANCEL for a tentative hold: when a person's latest invite is a crew call
 * or standby offer (a TENTATIVE REQUEST) and they will not be on the charter
 * (they declined, or the call filled first), so their calendar does not keep it.
 */
export function withdrawHold(
  partition: CallPartition,
  r: CallResponse,
  kind: 'declined' | 'filled',
  at: string,
): Notice | undefined {
  const theirs = partition.notices.filter((n) => n.crew_id === r.crew_id);
  const latest = theirs.reduce<Notice | undefined>(
    (a, n) => (a && a.sequence >= n.sequence ? a : n),
    undefined,
  );
  if (latest?.kind !== 'crew_call' && latest?.kind !== 'standby_offer') return undefined;
  return {
    notice_id: `${kind}-${r.crew_id}-${r.link_issue}`,
    call_id: r.call_id,
    crew_id: r.crew_id,
    kind,
    sequence: theirs.length,
    created_at: at,
  };
}

/**
 * Accept: claims a seat in one transaction whose conditions are "this link is
 * unused", "seats filled < seats needed" and "the call is not cancelled", so
 * however many crew click at once, exactly as many win as there are seats. The
 * call's own count of open seats goes down in the same transaction, and the
 * accept that takes the last seat marks the call filled there too: no crash can
 * leave a full call open.
 */
export async function acceptSeat(deps: CallDeps, view: OpenView): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  if (view.departed) return 'departed';
  let seatsOpen = view.partition.call.seats_open;
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = await transact(deps.db, acceptItems(deps, view, seatsOpen));
    if (result.ok) return 'confirmed';
    const failed = new Set(result.failed);
    if (failed.has(0)) return 'already_answered';
    if (failed.has(1)) return 'filled';
    if (failed.has(3)) return 'replaced';
    // Only the call's condition failed: cancelled, or another accept or a drop-out moved its count.
    const call = await getCall(deps.db, view.partition.call.call_id);
    if (!call || call.status === 'cancelled') return 'cancelled';
    seatsOpen = call.seats_open;
  }
  throw new Error(`accept on call ${view.partition.call.call_id} kept racing; giving up`);
}

/** Open seats over every role from the seat counters, for calls that predate `seats_open`. */
export const openSeatsOf = (view: OpenView) =>
  view.partition.seats.reduce((n, s) => n + Math.max(0, s.needed - s.filled), 0);

function acceptItems(deps: CallDeps, view: OpenView, seatsOpen: number | undefined): TransactItems {
  const now = deps.now();
  const at = now.toISOString();
  const r = view.response;
  const timing = decisionTiming(r, now);
  const notice: Notice = {
    notice_id: `confirm-${r.crew_id}-${r.link_issue}`,
    call_id: r.call_id,
    crew_id: r.crew_id,
    kind: 'confirmation',
    link: {
      issue: r.link_issue,
      kid: r.link_kid,
      issued_at: r.link_issued_at,
      expires_at: r.link_expires_at,
    },
    sequence: sequenceFor(view),
    created_at: at,
  };
  const kept = seatsOpen !== undefined;
  const open = seatsOpen ?? openSeatsOf(view);
  const last = open === 1;
  const counted = kept ? 'seats_open' : 'attribute_not_exists(seats_open)';
  return [
    useLink(deps, view, 'accept', at),
    {
      Update: {
        TableName: TABLE(deps),
        Key: seatsKey(r.call_id, r.role),
        UpdateExpression: 'SET filled = filled + :one',
        ConditionExpression: 'filled < needed',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Update: {
        TableName: TABLE(deps),
        Key: callKey(r.call_id),
        // The last seat: filled, and out of the escalation queue. Otherwise one seat fewer.
        UpdateExpression: last
          ? 'SET seats_open = :zero, #status = :filled, updated_at = :at REMOVE gsi1pk, gsi1sk'
          : kept
            ? 'SET seats_open = seats_open - :one'
            : 'SET seats_open = :left',
        ConditionExpression: `#status = :open AND ${
          kept ? (last ? 'seats_open = :one' : 'seats_open > :one') : counted
        }`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: last
          ? {
              ':zero': 0,
              ':filled': 'filled',
              ':open': 'open',
              ':at': at,
              ...(kept ? { ':one': 1 } : {}),
            }
          : kept
            ? { ':one': 1, ':open': 'open' }
            : { ':left': open - 1, ':open': 'open' },
      },
    },
    {
      Update: {
        TableName: TABLE(deps),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression:
          'SET #state = :confirmed, decided_at = :at, decided_after_ms = :ms, decided_within_a_minute = :fast, updated_at = :at, gsi2pk = :c, gsi2sk = :when',
        ConditionExpression: 'link_issue = :issue AND #state IN (:asked, :standby)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':confirmed': 'confirmed',
          ':at': at,
          ':ms': timing.decided_after_ms,
          ':fast': timing.decided_within_a_minute,
          ':c': 'CONFIRMED',
          ':when': `${view.charter.starts_at}#${r.crew_id}#${r.call_id}`,
          ':issue': r.link_issue,
          ':asked': 'asked',
          ':standby': 'standby',
        },
      },
    },
    put(
      deps,
      responseChange(view, 'confirmed', at, {
        decided_within_a_minute: timing.decided_within_a_minute,
      }),
    ),
    put(deps, noticeItem(notice)),
    ...(last ? heldInvitesWithdrawn(view, at).map((n) => put(deps, noticeItem(n))) : []),
    ...(last
      ? [
          put(
            deps,
            changeItem(
              {
                at,
                type: 'call_filled',
                charter_id: view.charter.charter_id,
                call_id: r.call_id,
              },
              1,
            ),
          ),
        ]
      : []),
  ];
}

/** Everyone else still holding a tentative invite when the call fills. */
function heldInvitesWithdrawn(view: OpenView, at: string): Notice[] {
  return view.partition.responses
    .filter(
      (x) => x.crew_id !== view.response.crew_id && (x.state === 'asked' || x.state === 'standby'),
    )
    .map((x) => withdrawHold(view.partition, x, 'filled', at))
    .filter((n): n is Notice => n !== undefined)
    .slice(0, MAX_WITHDRAWALS);
}

export async function declineCall(
  deps: CallDeps,
  view: OpenView,
  reason: string,
): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  const cleanReason = checkText(reason, 'reason', REASON_MAX_LENGTH, false);
  const now = deps.now();
  const at = now.toISOString();
  const r = view.response;
  const timing = decisionTiming(r, now);
  const result = await transact(deps.db, [
    useLink(deps, view, 'decline', at),
    {
      Update: {
        TableName: TABLE(deps),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression:
          'SET #state = :declined, decided_at = :at, decided_after_ms = :ms, decided_within_a_minute = :fast, reason = :reason, updated_at = :at',
        ConditionExpression: 'link_issue = :issue',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':declined': 'declined',
          ':at': at,
          ':ms': timing.decided_after_ms,
          ':fast': timing.decided_within_a_minute,
          ':reason': cleanReason,
          ':issue': r.link_issue,
        },
      },
    },
    ...withdrawnOnDecline(deps, view, at),
    put(
      deps,
      responseChange(view, 'declined', at, {
        ...(cleanReason ? { reason: cleanReason } : {}),
        decided_within_a_minute: timing.decided_within_a_minute,
      }),
    ),
  ]);
  return result.ok ? 'declined' : result.failed[0] === 0 ? 'already_answered' : 'replaced';
}

function withdrawnOnDecline(deps: CallDeps, view: OpenView, at: string) {
  const notice = withdrawHold(view.partition, view.response, 'declined', at);
  return notice ? [put(deps, noticeItem(notice))] : [];
}

/** Standby: offered when the seats are gone; uses the link, keeps the first time they joined (their place in line). */
export async function joinStandby(deps: CallDeps, view: OpenView): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  const at = deps.now().toISOString();
  const r = view.response;
  const result = await transact(deps.db, [
    useLink(deps, view, 'standby', at),
    {
      Update: {
        TableName: TABLE(deps),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression:
          'SET #state = :standby, standby_since = if_not_exists(standby_since, :at), updated_at = :at',
        ConditionExpression: 'link_issue = :issue',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':standby': 'standby', ':at': at, ':issue': r.link_issue },
      },
    },
    put(deps, responseChange(view, 'standby', at)),
  ]);
  return result.ok ? 'standby' : result.failed[0] === 0 ? 'already_answered' : 'replaced';
}

/** Confirmed crew post to the charter's chat; text is stored as typed and always rendered escaped. */
export async function postCrewChat(deps: CallDeps, view: OpenView, text: string): Promise<void> {
  const clean = checkText(text, 'message', CHAT_MAX_LENGTH, true);
  await postToChat(deps.db, {
    charter_id: view.charter.charter_id,
    posted_at: deps.now().toISOString(),
    author: `${view.response.first_name} (${view.response.role})`,
    author_crew_id: view.response.crew_id,
    text: clean,
  });
}

/** Trims free text, refusing control characters and overlong input with a message naming the field. */
export function checkText(text: string, field: string, max: number, required: boolean): string {
  const clean = text.replace(/\r\n/g, '\n').trim();
  if (required && clean === '') throw invalidInput([{ field, message: 'must not be empty' }]);
  if ([...clean].length > max)
    throw invalidInput([{ field, message: `must be at most ${max} characters` }]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(clean)) {
    throw invalidInput([{ field, message: 'contains control characters' }]);
  }
  return clean;
}
