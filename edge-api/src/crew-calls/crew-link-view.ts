// The item modules themselves, not the table's index: a crew page's cold start loads only these.
import type { CallRecord } from '../db/dispatch-table/calls.js';
import type { StoredCharter } from '../db/dispatch-table/charters.js';
import { getLink, type LinkRecord } from '../db/dispatch-table/links.js';
import { type CallResponse, getCrewActionItems } from '../db/dispatch-table/responses.js';
import { verifyLinkToken } from '../magic-links/link-token.js';
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

export async function openCrewLink(deps: CallDeps, token: string): Promise<CrewLinkView> {
  const now = deps.now();
  const checked = await verifyLinkToken(deps.linkKeys, token, now);
  if (!checked.ok) return { kind: checked.problem };
  const link = await getLink(deps.db, checked.hash, false);
  if (!link) return { kind: 'invalid' };
  // TTL deletion is lazy: an expired record may still be there.
  if (link.expires_at * 1000 <= now.getTime()) return { kind: 'expired' };
  if (link.kind === 'portal') {
    if (link.state === 'revoked')
      return { kind: link.revoked_because === 'withdrawn' ? 'withdrawn' : 'replaced' };
    // Portal-only reads, loaded on a portal's first page (a charter's page never needs them).
    const [{ getCrewMember }, { portalEntries }] = await Promise.all([
      import('../db/roster-table.js'),
      import('./portal-links.js'),
    ]);
    const member = await getCrewMember(deps.db, link.crew_id);
    if (!member) return { kind: 'invalid' };
    return {
      kind: 'portal',
      crew_id: link.crew_id,
      crew_name: member.name,
      entries: await portalEntries(deps, link.crew_id),
    };
  }
  const { response, call, charter } = await getCrewActionItems(deps.db, link);
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
