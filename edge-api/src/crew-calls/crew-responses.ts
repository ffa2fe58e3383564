import { CHAT_MAX_LENGTH, postToChat } from '../db/chats-table.js';
import {
  acceptItems,
  type CallRecord,
  type CallResponse,
  type Change,
  currentLink,
  declineItems,
  getCallRecord,
  getResponse,
  type Notice,
  standbyItems,
  transact,
} from '../db/dispatch-table/index.js';
import { invalidInput } from '../errors/index.js';
import type { CallDeps } from './call-deps.js';
import type { OpenView } from './crew-link-view.js';
import { seatsToTry } from './offered-seats.js';

export type { OpenView };

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

/** How many times an answer is tried again when its own reads went stale under a race. */
const RACE_RETRIES = 8;

export function decisionTiming(r: CallResponse, at: Date) {
  // The send time Apps Script reported; before that report, the time the link was issued.
  const sentAt = r.notified_at ? Date.parse(r.notified_at) : r.link_issued_at * 1000;
  const ms = Math.max(0, at.getTime() - sentAt);
  return { decided_after_ms: ms, decided_within_a_minute: ms < 60_000 };
}

/** The change-feed entry of one person's answer. */
export function responseChange(
  view: Pick<OpenView, 'charter'>,
  r: CallResponse,
  state: string,
  at: string,
  extra: Partial<Change> = {},
): Omit<Change, 'cursor'> {
  return {
    at,
    type: 'response',
    charter_id: view.charter.charter_id,
    call_id: r.call_id,
    crew_id: r.crew_id,
    name: r.name,
    role: r.role,
    state,
    level: r.level,
    ...extra,
  };
}

/** Whether a person's latest email is a tentative hold on their calendar (a crew call or standby offer). */
export const holdsTentativeInvite = (r: Pick<CallResponse, 'latest_notice'>) =>
  r.latest_notice === 'crew_call' || r.latest_notice === 'standby_offer';

/**
 * The CANCEL for a tentative hold: when a person's latest invite is a crew call
 * or standby offer (a TENTATIVE REQUEST) and they will not be on the charter
 * (they declined, or the call filled first), so their calendar does not keep it.
 */
export function withdrawHold(
  r: CallResponse,
  kind: 'declined' | 'filled',
  at: string,
): Notice | undefined {
  if (!holdsTentativeInvite(r)) return undefined;
  return {
    notice_id: `${kind}-${r.crew_id}-${r.link_issue}`,
    call_id: r.call_id,
    crew_id: r.crew_id,
    kind,
    sequence: r.next_sequence,
    created_at: at,
  };
}

/** Open seats over every role from the call's needs and confirmed crew, for calls that predate `seats_open`. */
export const openSeatsOf = (call: CallRecord) =>
  Object.values(call.seats_needed ?? {}).reduce((n, s) => n + s, 0) -
  Object.keys(call.confirmed ?? {}).length;

/**
 * Accept: claims a seat in one transaction whose conditions are "this link is
 * unused", "seats filled < seats needed" and "the call is not cancelled", so
 * however many crew click at once, exactly as many win as there are seats. The
 * call's own count of open seats goes down in the same transaction, and the
 * accept that takes the last seat marks the call filled there too: no crash can
 * leave a full call open. Everyone else's tentative holds are withdrawn by the
 * timer (GET /api/calls/due), so this stays one transaction of at most seven
 * small items however big the call.
 */
export async function acceptSeat(
  deps: CallDeps,
  view: OpenView,
  pressed?: string,
): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  if (view.departed) return 'departed';
  let call = view.call;
  let r = view.response;
  // Someone offered several seats (offered-seats.ts) tries them in turn, one transaction each.
  const roles = seatsToTry(call, r, pressed);
  if (!Array.isArray(roles)) {
    throw invalidInput([
      { field: 'seat', message: `"${roles.not_offered}" is not a seat offered to you` },
    ]);
  }
  let seat = 0;
  for (let attempt = 0; attempt < RACE_RETRIES + roles.length; attempt++) {
    const role = roles[seat] as string;
    const result = await transact(deps.db, acceptWrite(deps, view, call, r, role));
    if (result.ok) return 'confirmed';
    if (result.failed.has('link')) return 'already_answered';
    if (result.failed.has('seat')) {
      seat += 1;
      if (seat >= roles.length) return 'filled';
      continue;
    }
    if (result.failed.has('response')) {
      const found = await getResponse(deps.db, r.call_id, r.crew_id);
      if (!found || found.link_issue !== view.link.issue) return 'replaced';
      if (found.state !== 'asked' && found.state !== 'standby') return 'replaced';
      // Only their sequence moved (another email to them at this instant): again with it.
      r = found;
      continue;
    }
    // Only the call's condition failed: cancelled, or another accept or a drop-out moved its count.
    const fresh = await getCallRecord(deps.db, call.call_id);
    if (!fresh || fresh.status === 'cancelled') return 'cancelled';
    call = fresh;
  }
  throw new Error(`accept on call ${view.call.call_id} kept racing; giving up`);
}

function acceptWrite(
  deps: CallDeps,
  view: OpenView,
  call: CallRecord,
  r: CallResponse,
  role: string,
) {
  const now = deps.now();
  const at = now.toISOString();
  const timing = decisionTiming(r, now);
  const open = call.seats_open ?? openSeatsOf(call);
  return acceptItems(deps.db, {
    linkHash: view.link.link_hash,
    response: r,
    ...(role !== r.role ? { seatRole: role } : {}),
    who: { first_name: r.first_name, role },
    seatsOpen: { kept: call.seats_open !== undefined, open },
    startsAt: view.charter.starts_at,
    at,
    timing,
    confirmation: {
      notice_id: `confirm-${r.crew_id}-${r.link_issue}`,
      call_id: r.call_id,
      crew_id: r.crew_id,
      kind: 'confirmation',
      link: currentLink(r),
      sequence: r.next_sequence,
      created_at: at,
    },
    change: responseChange(view, { ...r, role }, 'confirmed', at, {
      decided_within_a_minute: timing.decided_within_a_minute,
    }),
    ...(open === 1
      ? {
          filled: {
            at,
            type: 'call_filled' as const,
            charter_id: view.charter.charter_id,
            call_id: r.call_id,
          },
        }
      : {}),
  });
}

export async function declineCall(
  deps: CallDeps,
  view: OpenView,
  reason: string,
): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  const cleanReason = checkText(reason, 'reason', REASON_MAX_LENGTH, false);
  let r = view.response;
  for (let attempt = 0; attempt < RACE_RETRIES; attempt++) {
    const now = deps.now();
    const at = now.toISOString();
    const timing = decisionTiming(r, now);
    const result = await transact(
      deps.db,
      declineItems(deps.db, {
        linkHash: view.link.link_hash,
        response: r,
        at,
        timing,
        reason: cleanReason,
        ...optional('withdrawal', withdrawHold(r, 'declined', at)),
        change: responseChange(view, r, 'declined', at, {
          ...(cleanReason ? { reason: cleanReason } : {}),
          decided_within_a_minute: timing.decided_within_a_minute,
        }),
      }),
    );
    if (result.ok) return 'declined';
    if (result.failed.has('link')) return 'already_answered';
    const found = await getResponse(deps.db, r.call_id, r.crew_id);
    if (!found || found.link_issue !== view.link.issue) return 'replaced';
    r = found;
  }
  throw new Error(`decline on call ${view.call.call_id} kept racing; giving up`);
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** Standby: offered when the seats are gone; uses the link, keeps the first time they joined (their place in line). */
export async function joinStandby(deps: CallDeps, view: OpenView): Promise<ResponseOutcome> {
  if (view.link.state !== 'live') return 'already_answered';
  const at = deps.now().toISOString();
  const r = view.response;
  const result = await transact(
    deps.db,
    standbyItems(deps.db, {
      linkHash: view.link.link_hash,
      response: r,
      at,
      change: responseChange(view, r, 'standby', at),
    }),
  );
  return result.ok ? 'standby' : result.failed.has('link') ? 'already_answered' : 'replaced';
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
