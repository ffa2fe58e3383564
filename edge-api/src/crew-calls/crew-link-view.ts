// The item modules themselves, not the table's index: a crew page's cold start loads only these.
import type { CallRecord } from '../db/dispatch-table/calls.js';
import type { StoredCharter } from '../db/dispatch-table/charters.js';
import { getLink, type LinkRecord } from '../db/dispatch-table/links.js';
import {
  type CallResponse,
  type CrewActionItems,
  getCrewActionItems,
  getLinkAndCrewActionItems,
} from '../db/dispatch-table/responses.js';
import { type LinkTarget, verifyLinkToken } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { openOfferedRoles } from './offered-seats.js';
import type { PortalEntry } from './portal-links.js';

/**
 * What a magic link leads to, decided from the token, the link record, the
 * person's response, the call item and the charter: a constant handful of small
 * items however many people the call asked. Reading it writes nothing.
 */
export type CrewLinkView =
  | { kind: 'invalid' }
  | { kind: 'portal'; crew_id: string; crew_name: string; entries: PortalEntry[] }
  | { kind: 'expired' }
  | { kind: 'replaced' }
  /** A portal link the office revoked without a new one. */
  | { kind: 'withdrawn' }
  | { kind: 'cancelled'; charter: StoredCharter }
  | {
      kind: 'open';
      link: LinkRecord;
      charter: StoredCharter;
      call: CallRecord;
      response: CallResponse;
      /** Seats of this person's role are all taken (a late click sees "filled"). */
      role_full: boolean;
      departed: boolean;
    };

export type OpenView = Extract<CrewLinkView, { kind: 'open' }>;

/**
 * A link that carries its ids (every link sent since they do) is read in one request: the
 * link record with what the page shows. An older link reads its record first and then, with
 * the record's ids, the rest. Either way the record is the authority.
 */
export async function openCrewLink(deps: CallDeps, token: string): Promise<CrewLinkView> {
  const now = deps.now();
  const checked = await verifyLinkToken(deps.linkKeys, token, now);
  if (!checked.ok) return { kind: checked.problem };
  const target = checked.target;
  if (target?.kind === 'portal') return openPortal(deps, checked.hash, target.crew_id, now);
  if (target) {
    const { link, ...items } = await getLinkAndCrewActionItems(deps.db, checked.hash, target);
    // Sealed ids that are not the record's: not a link this record was made for.
    if (!link || !callLinkMatches(link, target)) return { kind: 'invalid' };
    if (expired(link, now)) return { kind: 'expired' };
    return callView(link, items, now);
  }
  const link = await getLink(deps.db, checked.hash, false);
  if (!link) return { kind: 'invalid' };
  if (expired(link, now)) return { kind: 'expired' };
  if (link.kind === 'portal') return openPortal(deps, checked.hash, undefined, now, link);
  return callView(link, await getCrewActionItems(deps.db, link), now);
}

// TTL deletion is lazy: an expired record may still be there.
const expired = (link: LinkRecord, now: Date) => link.expires_at * 1000 <= now.getTime();

const callLinkMatches = (link: LinkRecord, ids: Extract<LinkTarget, { kind: 'call' }>) =>
  (link.kind ?? 'call') === 'call' &&
  link.call_id === ids.call_id &&
  link.crew_id === ids.crew_id &&
  link.charter_id === ids.charter_id;

function callView(
  link: LinkRecord,
  { response, call, charter }: CrewActionItems,
  now: Date,
): CrewLinkView {
  if (!call || !charter || !response) return { kind: 'invalid' };
  if (
    charter.status === 'cancelled' ||
    call.status === 'cancelled' ||
    link.revoked_because === 'cancelled'
  ) {
    return { kind: 'cancelled', charter };
  }
  if (link.state === 'revoked' || response.link_issue !== link.issue) return { kind: 'replaced' };
  return {
    kind: 'open',
    link,
    charter,
    call,
    response,
    // Someone offered several seats is "full" only when every one of them is.
    role_full: openOfferedRoles(call, response).length === 0,
    departed: Date.parse(charter.starts_at) <= now.getTime(),
  };
}

/**
 * A portal link. One that carries its person's id reads its record and the person in one
 * request; an older one has read its record (`known`) and reads the person next. Portal-only
 * reads load on a portal's first page (a charter's page never needs them).
 */
async function openPortal(
  deps: CallDeps,
  hash: string,
  sealedCrewId: string | undefined,
  now: Date,
  known?: LinkRecord,
): Promise<CrewLinkView> {
  const { portalEntries, readPortalLink } = await import('./portal-links.js');
  let link = known;
  let person: { name: string } | undefined;
  if (sealedCrewId !== undefined) {
    ({ link, person } = await readPortalLink(deps, hash, sealedCrewId));
    if (link?.kind !== 'portal' || link.crew_id !== sealedCrewId) return { kind: 'invalid' };
    if (expired(link, now)) return { kind: 'expired' };
  }
  if (!link) return { kind: 'invalid' };
  if (link.state === 'revoked')
    return { kind: link.revoked_because === 'withdrawn' ? 'withdrawn' : 'replaced' };
  if (sealedCrewId === undefined) {
    const { getCrewMember } = await import('../db/roster-table.js');
    person = await getCrewMember(deps.db, link.crew_id);
  }
  if (!person) return { kind: 'invalid' };
  return {
    kind: 'portal',
    crew_id: link.crew_id,
    crew_name: person.name,
    entries: await portalEntries(deps, link.crew_id),
  };
}
