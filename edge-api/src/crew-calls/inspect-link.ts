import type { LinkInspection } from '../../../shared/api/links.js';
import { getLink, getPortalPointer, getResponse } from '../db/dispatch-table/index.js';
import { getCrewMember } from '../db/roster-table.js';
import { verifyLinkToken } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';

export type { LinkInspection };

/** Extracts the token from a pasted link (or takes a bare token). */
export function tokenFromLink(text: string): string {
  const trimmed = text.trim();
  const m = trimmed.match(/\/m\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/);
  return m ? (m[1] as string) : trimmed;
}

/** Whose a link is, for which call, and whether it is expired or used; never the secret behind it. */
export async function inspectLink(deps: CallDeps, text: string): Promise<LinkInspection> {
  const now = deps.now();
  const check = await verifyLinkToken(deps.linkKeys, tokenFromLink(text), now);
  if (!check.ok && check.problem === 'invalid') return { valid_signature: false };
  const base: LinkInspection = {
    valid_signature: true,
    kid: check.kid,
    issued_at: new Date(check.issued_at * 1000).toISOString(),
    expires_at: new Date(check.expires_at * 1000).toISOString(),
    expired: check.expires_at * 1000 <= now.getTime(),
  };
  const link = await getLink(deps.db, check.hash);
  if (!link) return { ...base, state: 'unknown' };
  const member = await getCrewMember(deps.db, link.crew_id);
  const kind = link.kind ?? 'call';
  let current = false;
  if (kind === 'portal') {
    current = (await getPortalPointer(deps.db, link.crew_id))?.issue === link.issue;
  } else {
    current = (await getResponse(deps.db, link.call_id, link.crew_id))?.link_issue === link.issue;
  }
  return {
    ...base,
    kind,
    state: link.state,
    ...(link.decision ? { decision: link.decision } : {}),
    ...(link.used_at ? { used_at: link.used_at } : {}),
    ...(link.revoked_because ? { revoked_because: link.revoked_because } : {}),
    current,
    crew: { crew_id: link.crew_id, name: member?.name ?? '(not on the roster)' },
    ...(kind === 'call' ? { call_id: link.call_id, charter_id: link.charter_id } : {}),
  };
}
