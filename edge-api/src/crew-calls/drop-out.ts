import {
  type CallPartition,
  type CallResponse,
  dropOutItems,
  getCallPartition,
  type StandbyOffer,
  transact,
} from '../db/dispatch-table/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { windowMinutesFor } from './call-windows.js';
import type { OpenView } from './crew-link-view.js';
import {
  checkText,
  openSeatsOf,
  REASON_MAX_LENGTH,
  type ResponseOutcome,
  responseChange,
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
 * It reads the whole call (to find the role's standby crew): a drop-out is rare.
 */
export async function dropOut(
  deps: CallDeps,
  view: OpenView,
  reason: string,
): Promise<ResponseOutcome> {
  if (view.response.state !== 'confirmed') return 'not_confirmed';
  if (view.departed) return 'departed';
  const cleanReason = checkText(reason, 'reason', REASON_MAX_LENGTH, false);
  for (let attempt = 0; attempt < 5; attempt++) {
    const partition = await getCallPartition(deps.db, view.call.call_id);
    const response = partition?.responses.find((x) => x.crew_id === view.response.crew_id);
    if (!partition || response?.state !== 'confirmed') return 'not_confirmed';
    const result = await transact(
      deps.db,
      dropOutWrite(deps, view, partition, response, cleanReason),
    );
    if (result.ok) return 'dropped';
    if (result.failed.has('response')) continue;
    if (result.failed.has('call')) return 'cancelled';
    // A standby's offer changed under us (another drop-out offered them the seat): read again.
  }
  throw new Error(`drop-out on call ${view.call.call_id} kept racing; giving up`);
}

function dropOutWrite(
  deps: CallDeps,
  view: OpenView,
  partition: CallPartition,
  r: CallResponse,
  cleanReason: string,
) {
  const now = deps.now();
  const at = now.toISOString();
  const call = partition.call;
  const offered = new Set(partition.notices.map((n) => n.notice_id));
  const standby = partition.responses
    .filter(
      (x) =>
        x.role === r.role &&
        x.state === 'standby' &&
        !offered.has(`S${x.link_issue}-offer-${x.crew_id}`),
    )
    .sort((a, b) => String(a.standby_since).localeCompare(String(b.standby_since)))
    .slice(0, MAX_STANDBY_OFFERS);
  const moreLevels = call.next_level_index < call.level_count;
  const windowMs =
    windowMinutesFor(call.window_policy ?? deps.windowPolicy, now, new Date(call.departs_at)) *
    60_000;
  const dueAt = standby.length > 0 ? new Date(now.getTime() + windowMs).toISOString() : at;
  const linkKid = deps.linkKeys[0]?.kid as string;
  const offers: StandbyOffer[] = standby.map((s) => {
    const stamp = {
      issue: s.link_issue + 1,
      kid: linkKid,
      issued_at: Math.floor(now.getTime() / 1000),
      expires_at: s.link_expires_at,
    };
    return {
      response: s,
      link: {
        link_hash: linkHash(
          linkId(deps.linkKeys, { call_id: s.call_id, crew_id: s.crew_id, ...stamp }),
        ),
        call_id: s.call_id,
        charter_id: s.charter_id,
        crew_id: s.crew_id,
        issue: stamp.issue,
        state: 'live',
        created_at: at,
        expires_at: stamp.expires_at,
      },
      notice: {
        notice_id: `S${stamp.issue}-offer-${s.crew_id}`,
        call_id: s.call_id,
        crew_id: s.crew_id,
        kind: 'standby_offer',
        link: stamp,
        sequence: s.next_sequence,
        created_at: at,
      },
    };
  });
  return dropOutItems(deps.db, {
    response: r,
    reason: cleanReason,
    at,
    counted: openSeatsOf(call),
    ...(moreLevels ? { dueAt } : {}),
    notice: {
      notice_id: `dropout-${r.crew_id}-${r.link_issue}`,
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'dropped_out',
      sequence: r.next_sequence,
      created_at: at,
    },
    changes: [
      responseChange(view, r, 'dropped', at, cleanReason ? { reason: cleanReason } : {}),
      {
        at,
        type: 'call_reopened',
        charter_id: view.charter.charter_id,
        call_id: r.call_id,
        role: r.role,
      },
    ],
    offers,
  });
}
