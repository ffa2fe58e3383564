import { getLink, type Notice, reissueItems, transact } from '../db/dispatch-table/index.js';
import { notFound, UserError } from '../errors/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { loadCall, loadCharter, readCall } from './call-records.js';
import { type OutgoingNotification, renderNotices } from './outgoing-notifications.js';

/**
 * Issues a fresh link to one person on a call (lost email, new phone) and
 * revokes the old one: the old link's page says it was replaced. All in one
 * transaction, so a crash leaves either the old link or the new one, never both live.
 */
export async function reissueLink(
  deps: CallDeps,
  callId: string,
  crewId: string,
): Promise<OutgoingNotification> {
  const p = await loadCall(deps, callId);
  const r = p.responses.find((x) => x.crew_id === crewId);
  if (!r) throw notFound(`crew member ${crewId} on call ${callId}`);
  if (p.call.status === 'cancelled')
    throw new UserError(409, 'call_cancelled', `crew call ${callId} is cancelled`);
  const charter = await loadCharter(deps, p.call.charter_id);
  const now = deps.now();
  const at = now.toISOString();
  const stamp = {
    issue: r.link_issue + 1,
    kid: deps.linkKeys[0]?.kid as string,
    issued_at: Math.floor(now.getTime() / 1000),
    expires_at: r.link_expires_at,
  };
  const notice: Notice = {
    notice_id: `R${stamp.issue}-link-${crewId}`,
    call_id: callId,
    crew_id: crewId,
    kind: r.state === 'confirmed' ? 'confirmation' : 'crew_call',
    link: stamp,
    sequence: r.next_sequence,
    created_at: at,
  };
  const oldHash = linkHash(
    linkId(deps.linkKeys, {
      call_id: callId,
      crew_id: crewId,
      issue: r.link_issue,
      kid: r.link_kid,
    }),
  );
  const oldLink = await getLink(deps.db, oldHash);
  const result = await transact(
    deps.db,
    reissueItems(deps.db, {
      response: r,
      link: {
        link_hash: linkHash(linkId(deps.linkKeys, { call_id: callId, crew_id: crewId, ...stamp })),
        call_id: callId,
        charter_id: p.call.charter_id,
        crew_id: crewId,
        issue: stamp.issue,
        state: 'live',
        created_at: at,
        expires_at: stamp.expires_at,
      },
      notice,
      at,
      ...(oldLink?.state === 'live' ? { revoke: oldHash } : {}),
    }),
  );
  if (!result.ok)
    throw new UserError(
      409,
      'link_changed',
      'the link was reissued by someone else at the same moment; try again',
    );
  const fresh = await readCall(deps, callId);
  const [rendered] = await renderNotices(deps, charter, fresh ?? p, [notice]);
  if (!rendered) throw new Error('reissued link could not be rendered');
  return rendered;
}
