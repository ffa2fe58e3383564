import {
  callKey,
  changeItem,
  getCallPartition,
  linkItem,
  noticeItem,
  responseKey,
  seatsKey,
  type TransactItems,
  transact,
} from '../db/dispatch-table/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { windowMinutesFor } from './call-windows.js';
import {
  checkText,
  type OpenView,
  openSeatsOf,
  put,
  REASON_MAX_LENGTH,
  type ResponseOutcome,
  responseChange,
  sequenceFor,
  TABLE,
} from './crew-responses.js';

/** At most this many standby crew are offered a reopened seat at once (DynamoDB's 100-item transactions). */
const MAX_STANDBY_OFFERS = 25;

/**
 * Drop out: frees the seat, reopens the call, and in the same transaction
 * offers the seat to that role's standby crew first (a new link each). If no
 * one is on standby, the call becomes due so the cascade goes on. Standby crew
 * already holding an offer are not offered again; when two drop-outs race for
 * the same standby, the one that loses the standby reads the call again and
 * drops out without offering, rather than telling the dropper anything else.
 */
export async function dropOut(
  deps: CallDeps,
  view: OpenView,
  reason: string,
): Promise<ResponseOutcome> {
  if (view.response.state !== 'confirmed') return 'not_confirmed';
  if (view.departed) return 'departed';
  const cleanReason = checkText(reason, 'reason', REASON_MAX_LENGTH, false);
  let current = view;
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await transact(deps.db, dropOutItems(deps, current, cleanReason));
    if (result.ok) return 'dropped';
    const [first] = result.failed;
    if (first === 0) return 'not_confirmed';
    if (first === 2) return 'cancelled';
    // A standby's offer changed under us (another drop-out offered them the seat): read again.
    const partition = await getCallPartition(deps.db, view.partition.call.call_id);
    const response = partition?.responses.find((x) => x.crew_id === view.response.crew_id);
    if (!partition || !response) return 'not_confirmed';
    current = { ...current, partition, response };
  }
  throw new Error(`drop-out on call ${view.partition.call.call_id} kept racing; giving up`);
}

function dropOutItems(deps: CallDeps, view: OpenView, cleanReason: string): TransactItems {
  const now = deps.now();
  const at = now.toISOString();
  const r = view.response;
  const call = view.partition.call;
  const offered = new Set(view.partition.notices.map((n) => n.notice_id));
  const standby = view.partition.responses
    .filter(
      (x) =>
        x.role === r.role &&
        x.state === 'standby' &&
        !offered.has(`S${x.link_issue}-offer-${x.crew_id}`),
    )
    .sort((a, b) => String(a.standby_since).localeCompare(String(b.standby_since)))
    .slice(0, MAX_STANDBY_OFFERS);
  const moreLevels = call.next_level_index < call.plan.levels.length;
  const windowMs = windowMinutesFor(deps.windowPolicy, now, new Date(call.departs_at)) * 60_000;
  const dueAt = standby.length > 0 ? new Date(now.getTime() + windowMs).toISOString() : at;
  const items: TransactItems = [
    {
      Update: {
        TableName: TABLE(deps),
        Key: responseKey(r.call_id, r.crew_id),
        UpdateExpression:
          'SET #state = :dropped, reason = :reason, updated_at = :at REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#state = :confirmed',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':dropped': 'dropped',
          ':reason': cleanReason,
          ':at': at,
          ':confirmed': 'confirmed',
        },
      },
    },
    {
      Update: {
        TableName: TABLE(deps),
        Key: seatsKey(r.call_id, r.role),
        UpdateExpression: 'SET filled = filled - :one',
        ConditionExpression: 'filled > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    {
      Update: {
        TableName: TABLE(deps),
        Key: callKey(r.call_id),
        UpdateExpression: moreLevels
          ? 'SET #status = :open, seats_open = if_not_exists(seats_open, :counted) + :one, updated_at = :at, gsi1pk = :due, gsi1sk = :dueAt'
          : 'SET #status = :open, seats_open = if_not_exists(seats_open, :counted) + :one, updated_at = :at',
        ConditionExpression: '#status <> :cancelled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':open': 'open',
          ':one': 1,
          ':counted': openSeatsOf(view),
          ':at': at,
          ':cancelled': 'cancelled',
          ...(moreLevels ? { ':due': 'DUE', ':dueAt': `${dueAt}#${r.call_id}` } : {}),
        },
      },
    },
    put(deps, responseChange(view, 'dropped', at, cleanReason ? { reason: cleanReason } : {})),
    put(
      deps,
      changeItem(
        {
          at,
          type: 'call_reopened',
          charter_id: view.charter.charter_id,
          call_id: r.call_id,
          role: r.role,
        },
        1,
      ),
    ),
    put(
      deps,
      noticeItem({
        notice_id: `dropout-${r.crew_id}-${r.link_issue}`,
        call_id: r.call_id,
        crew_id: r.crew_id,
        kind: 'dropped_out',
        sequence: sequenceFor(view),
        created_at: at,
      }),
    ),
  ];
  const linkKid = deps.linkKeys[0]?.kid as string;
  for (const s of standby) {
    const stamp = {
      issue: s.link_issue + 1,
      kid: linkKid,
      issued_at: Math.floor(now.getTime() / 1000),
      expires_at: s.link_expires_at,
    };
    const hash = linkHash(
      linkId(deps.linkKeys, { call_id: s.call_id, crew_id: s.crew_id, ...stamp }),
    );
    items.push(
      {
        Update: {
          TableName: TABLE(deps),
          Key: responseKey(s.call_id, s.crew_id),
          UpdateExpression:
            'SET link_issue = :issue, link_kid = :kid, link_issued_at = :iat, link_expires_at = :exp, updated_at = :at REMOVE notified_at',
          ConditionExpression: 'link_issue = :old AND #state = :standby',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':issue': stamp.issue,
            ':kid': stamp.kid,
            ':iat': stamp.issued_at,
            ':exp': stamp.expires_at,
            ':at': at,
            ':old': s.link_issue,
            ':standby': 'standby',
          },
        },
      },
      put(
        deps,
        linkItem({
          link_hash: hash,
          call_id: s.call_id,
          charter_id: s.charter_id,
          crew_id: s.crew_id,
          issue: stamp.issue,
          state: 'live',
          created_at: at,
          expires_at: stamp.expires_at,
        }),
      ),
      put(
        deps,
        noticeItem({
          notice_id: `S${stamp.issue}-offer-${s.crew_id}`,
          call_id: s.call_id,
          crew_id: s.crew_id,
          kind: 'standby_offer',
          link: stamp,
          sequence: view.partition.notices.filter((n) => n.crew_id === s.crew_id).length,
          created_at: at,
        }),
      ),
    );
  }
  return items;
}
