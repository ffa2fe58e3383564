import {
  type CallResponse,
  currentLink,
  getCharter,
  getPortalPointer,
  listResponsesOfCrew,
  type PortalPointer,
  recordPortalLink,
  revokeLink,
  type StoredCharter,
} from '../db/dispatch-table/index.js';
import { getPortalLinkAndPerson } from '../db/portal-link-read.js';
import { getCrewMember } from '../db/roster-table.js';
import { notFound, UserError } from '../errors/index.js';
import { keyFor, linkHash, linkId, signLinkToken } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { notActive } from './not-active.js';

/**
 * Portal links are personal and long-lived (crew keep their availability with them): a year.
 * Issuing a new one revokes the old one at once.
 */
export const PORTAL_DAYS = 365;
const PORTAL_CALL = 'portal';

const portalRef = (crewId: string, p: Pick<PortalPointer, 'issue' | 'kid'>) => ({
  call_id: PORTAL_CALL,
  crew_id: crewId,
  issue: p.issue,
  kid: p.kid,
});

/**
 * A personal link for one crew member, sent by hand (a new captain, a lost
 * email): it opens a page listing their upcoming calls. Issuing a new one
 * revokes the previous one.
 */
export async function issuePortalLink(
  deps: CallDeps,
  crewId: string,
): Promise<{ crew_id: string; url: string; issue: number; expires_at: string }> {
  const member = await getCrewMember(deps.db, crewId);
  if (!member) throw notFound(`crew member ${crewId}`);
  if (!member.active) throw notActive(member, 'a portal link');
  const previous = await getPortalPointer(deps.db, crewId);
  const now = deps.now();
  const pointer: PortalPointer = {
    crew_id: crewId,
    issue: (previous?.issue ?? 0) + 1,
    kid: deps.linkKeys[0]?.kid as string,
    issued_at: Math.floor(now.getTime() / 1000),
    expires_at: Math.floor(now.getTime() / 1000) + PORTAL_DAYS * 86_400,
  };
  const recorded = await recordPortalLink(deps.db, pointer, previous?.issue, {
    link_hash: linkHash(linkId(deps.linkKeys, portalRef(crewId, pointer))),
    kind: 'portal',
    call_id: '',
    charter_id: '',
    crew_id: crewId,
    issue: pointer.issue,
    state: 'live',
    created_at: now.toISOString(),
    expires_at: pointer.expires_at,
  });
  if (!recorded)
    throw new UserError(
      409,
      'link_changed',
      'another portal link was issued at the same moment; try again',
    );
  if (previous)
    await revokeLink(
      deps.db,
      linkHash(linkId(deps.linkKeys, portalRef(crewId, previous))),
      'replaced',
    );
  const token = await signLinkToken(
    deps.linkKeys,
    {
      ...portalRef(crewId, pointer),
      issued_at: pointer.issued_at,
      expires_at: pointer.expires_at,
    },
    { kind: 'portal', crew_id: crewId },
  );
  return {
    crew_id: crewId,
    url: `${deps.publicBaseUrl}/m/${token}`,
    issue: pointer.issue,
    expires_at: new Date(pointer.expires_at * 1000).toISOString(),
  };
}

/**
 * Stops a person's current portal link without sending a new one (a lost phone, someone
 * leaving): it then opens a page saying it was withdrawn. A later issue makes a new one.
 */
export async function revokePortalLink(
  deps: CallDeps,
  crewId: string,
): Promise<{ crew_id: string; kind: 'portal'; issue: number; revoked: boolean }> {
  const member = await getCrewMember(deps.db, crewId);
  if (!member) throw notFound(`crew member ${crewId}`);
  const pointer = await getPortalPointer(deps.db, crewId);
  if (!pointer)
    throw new UserError(404, 'not_found', `${member.name} (${crewId}) has no portal link`);
  const revoked = await revokeLink(
    deps.db,
    linkHash(linkId(deps.linkKeys, portalRef(crewId, pointer))),
    'withdrawn',
  );
  return { crew_id: crewId, kind: 'portal', issue: pointer.issue, revoked };
}

/**
 * Stops a person's current portal link if it is still live (deactivation); true when this
 * call stopped it. Safe to run again. A link made with a key since dropped no longer
 * verifies, so there is nothing left to stop.
 */
export async function stopPortalLink(
  deps: Pick<CallDeps, 'db' | 'linkKeys'>,
  crewId: string,
): Promise<boolean> {
  const pointer = await getPortalPointer(deps.db, crewId);
  if (!pointer || !keyFor(deps.linkKeys, pointer.kid)) return false;
  return revokeLink(
    deps.db,
    linkHash(linkId(deps.linkKeys, portalRef(crewId, pointer))),
    'withdrawn',
  );
}

/**
 * A portal page's first read, for a link that carries its person's id: the link record and
 * the person in one request. Here, with the rest of the portal's code, so that it loads with
 * it (crew-link-view.ts imports this module on a portal's first page) and a charter's page
 * bundle gains no chunk.
 */
export const readPortalLink = (deps: Pick<CallDeps, 'db'>, hash: string, crewId: string) =>
  getPortalLinkAndPerson(deps.db, hash, crewId);

export interface PortalEntry {
  charter: StoredCharter;
  response: CallResponse;
  url: string;
}

/** What a portal link shows: the person's calls that have not left yet, each with its own page. */
export async function portalEntries(deps: CallDeps, crewId: string): Promise<PortalEntry[]> {
  const responses = await listResponsesOfCrew(deps.db, crewId, deps.now().toISOString());
  const entries: PortalEntry[] = [];
  for (const r of responses) {
    const charter = await getCharter(deps.db, r.charter_id);
    if (!charter || charter.status === 'cancelled') continue;
    const ids = { call_id: r.call_id, crew_id: r.crew_id };
    const token = await signLinkToken(
      deps.linkKeys,
      { ...ids, ...currentLink(r) },
      { kind: 'call', ...ids, charter_id: r.charter_id },
    );
    entries.push({ charter, response: r, url: `${deps.publicBaseUrl}/m/${token}` });
  }
  return entries;
}
