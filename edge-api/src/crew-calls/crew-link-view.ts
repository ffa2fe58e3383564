import type { StoredCharter } from '../db/dispatch-table/charters.js';
import {
  type CallPartition,
  type CallResponse,
  getCallPartition,
  getCharter,
  getLink,
  type LinkRecord,
} from '../db/dispatch-table/index.js';
import { getCrewMember } from '../db/roster-table.js';
import { verifyLinkToken } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { type PortalEntry, portalEntries } from './portal-links.js';

/** What a magic link leads to, decided from the token, the link record and the call. Reading it writes nothing. */
export type CrewLinkView =
  | { kind: 'invalid' }
  | { kind: 'portal'; crew_name: string; entries: PortalEntry[] }
  | { kind: 'expired' }
  | { kind: 'replaced' }
  | { kind: 'cancelled'; charter: StoredCharter }
  | {
      kind: 'open';
      link: LinkRecord;
      charter: StoredCharter;
      partition: CallPartition;
      response: CallResponse;
      /** Seats of this person's role are all taken (a late click sees "filled"). */
      role_full: boolean;
      departed: boolean;
    };

export async function openCrewLink(deps: CallDeps, token: string): Promise<CrewLinkView> {
  const now = deps.now();
  const checked = await verifyLinkToken(deps.linkKeys, token, now);
  if (!checked.ok) return { kind: checked.problem };
  const link = await getLink(deps.db, checked.hash);
  if (!link) return { kind: 'invalid' };
  // TTL deletion is lazy: an expired record may still be there.
  if (link.expires_at * 1000 <= now.getTime()) return { kind: 'expired' };
  if (link.kind === 'portal') {
    if (link.state === 'revoked') return { kind: 'replaced' };
    const member = await getCrewMember(deps.db, link.crew_id);
    if (!member) return { kind: 'invalid' };
    return {
      kind: 'portal',
      crew_name: member.name,
      entries: await portalEntries(deps, link.crew_id),
    };
  }
  const [partition, charter] = await Promise.all([
    getCallPartition(deps.db, link.call_id),
    getCharter(deps.db, link.charter_id),
  ]);
  const response = partition?.responses.find((r) => r.crew_id === link.crew_id);
  if (!partition || !charter || !response) return { kind: 'invalid' };
  if (
    charter.status === 'cancelled' ||
    partition.call.status === 'cancelled' ||
    link.revoked_because === 'cancelled'
  ) {
    return { kind: 'cancelled', charter };
  }
  if (link.state === 'revoked' || response.link_issue !== link.issue) return { kind: 'replaced' };
  const seats = partition.seats.find((s) => s.role === response.role);
  return {
    kind: 'open',
    link,
    charter,
    partition,
    response,
    role_full: !seats || seats.filled >= seats.needed,
    departed: Date.parse(charter.starts_at) <= now.getTime(),
  };
}
