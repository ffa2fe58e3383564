import {
  askRecipient,
  type CallPartition,
  type CallResponse,
  type CrewCall,
  currentLink,
  getResponse,
  type LinkStamp,
  type Notice,
  type OpenedLevel,
  type StoredCharter,
  widenOffer,
} from '../db/dispatch-table/index.js';
import { linkHash, linkId } from '../magic-links/link-token.js';
import type { CallDeps } from './call-deps.js';
import { candidateRoles, firstOffer, offeredSeats } from './offered-seats.js';

/** Links stay usable until 12 hours after the charter ends (drop-outs, chat); deciding is checked separately. */
export function linkExpiry(charter: Pick<StoredCharter, 'ends_at'>): number {
  return Math.floor(Date.parse(charter.ends_at) / 1000) + 12 * 60 * 60;
}

export const crewCallNoticeId = (level: number, crewId: string) => `L${level}-call-${crewId}`;

/**
 * Writes what an opened level implies, for each recipient: the response, the
 * link record and the crew-call notice, the three in one transaction (so a
 * recipient is asked entirely or not at all). Everything is derived from the
 * call record (ids, link ids, times), and written only if absent, so running it
 * again after a crash half-way adds what is missing and changes nothing else.
 * `leaseUntil` leases new notices to the caller that will send them.
 */
export async function ensureLevelItems(
  deps: Pick<CallDeps, 'db' | 'linkKeys'>,
  charter: StoredCharter,
  call: CrewCall,
  opened: OpenedLevel,
  leaseUntil?: string,
): Promise<Notice[]> {
  const planned = call.plan.levels.find((l) => l.level === opened.level);
  const stamp: Omit<LinkStamp, 'issue'> = {
    kid: opened.link_kid,
    issued_at: Math.floor(Date.parse(opened.opened_at) / 1000),
    expires_at: linkExpiry(charter),
  };
  const notices: Notice[] = [];
  const writes: Promise<void>[] = [];
  for (const crewId of opened.recipients) {
    const c = planned?.candidates.find((x) => x.crew_id === crewId);
    if (!c) continue;
    const offered = firstOffer(c, opened.level);
    const link: LinkStamp = { issue: 1, ...stamp };
    const response: CallResponse = {
      call_id: call.call_id,
      charter_id: call.charter_id,
      departs_at: call.departs_at,
      crew_id: c.crew_id,
      name: c.name,
      first_name: c.first_name,
      email: c.email,
      role: c.role,
      level: opened.level,
      ...(offered ? { offered } : {}),
      day_rate: c.day_rate,
      state: 'asked',
      link_issue: link.issue,
      link_kid: link.kid,
      link_issued_at: link.issued_at,
      link_expires_at: link.expires_at,
      next_sequence: 1,
      latest_notice: 'crew_call',
      updated_at: opened.opened_at,
    };
    const notice: Notice = {
      notice_id: crewCallNoticeId(opened.level, c.crew_id),
      call_id: call.call_id,
      crew_id: c.crew_id,
      kind: 'crew_call',
      link,
      sequence: 0,
      created_at: opened.opened_at,
      ...(leaseUntil ? { lease_until: leaseUntil } : {}),
    };
    const hash = linkHash(
      linkId(deps.linkKeys, { call_id: call.call_id, crew_id: c.crew_id, ...link }),
    );
    // Refused by a condition means an earlier run wrote all three: nothing to add.
    writes.push(
      askRecipient(
        deps.db,
        response,
        {
          link_hash: hash,
          call_id: call.call_id,
          charter_id: call.charter_id,
          crew_id: c.crew_id,
          issue: link.issue,
          state: 'live',
          created_at: opened.opened_at,
          expires_at: link.expires_at,
        },
        notice,
      ).then(() => undefined),
    );
    notices.push(notice);
  }
  for (const crewId of opened.widened ?? []) {
    const c = planned?.candidates.find((x) => x.crew_id === crewId);
    if (c) writes.push(widenFor(deps, call, opened, c, leaseUntil, notices));
  }
  await Promise.all(writes);
  return notices;
}

/**
 * Someone this call asked earlier, not answered yet, whose offer this level
 * widens: the level's roles of theirs join their offered seats, with an email
 * on the link they hold. Written once; a person who answered meanwhile is left
 * as they are. Their widened email is returned only by the run that wrote it
 * (a repeat finds it sent or leased, as the timer does any unsent email).
 */
async function widenFor(
  deps: Pick<CallDeps, 'db'>,
  call: CrewCall,
  opened: OpenedLevel,
  c: { crew_id: string; role: string; also_roles?: string[] },
  leaseUntil: string | undefined,
  notices: Notice[],
): Promise<void> {
  const r = await getResponse(deps.db, call.call_id, c.crew_id);
  if (r?.state !== 'asked') return;
  const now = offeredSeats(r);
  const added = candidateRoles(c)
    .filter((role) => !now.some((s) => s.role === role))
    .map((role) => ({ role, level: opened.level }));
  if (added.length === 0) return;
  const notice: Notice = {
    notice_id: crewCallNoticeId(opened.level, c.crew_id),
    call_id: call.call_id,
    crew_id: c.crew_id,
    kind: 'crew_call',
    link: currentLink(r),
    sequence: r.next_sequence,
    created_at: opened.opened_at,
    ...(leaseUntil ? { lease_until: leaseUntil } : {}),
  };
  if ((await widenOffer(deps.db, r, [...now, ...added], notice)) === 'written')
    notices.push(notice);
}

/**
 * Writes the items of every opened level whose recipients are not all asked
 * yet: what a start or an escalation cut short left undone. Writes nothing when
 * every recipient already has a response.
 */
export async function finishOpenedLevels(
  deps: Pick<CallDeps, 'db' | 'linkKeys'>,
  charter: StoredCharter,
  partition: CallPartition,
  leaseUntil?: string,
): Promise<void> {
  const asked = new Map(partition.responses.map((r) => [r.crew_id, r]));
  for (const opened of partition.call.opened) {
    const missing = opened.recipients.filter((id) => !asked.has(id));
    // A widening cut short: still asked, and no seat offered by this level yet.
    const unwidened = (opened.widened ?? []).filter((id) => {
      const r = asked.get(id);
      return r?.state === 'asked' && !offeredSeats(r).some((s) => s.level === opened.level);
    });
    if (missing.length === 0 && unwidened.length === 0) continue;
    await ensureLevelItems(
      deps,
      charter,
      partition.call,
      { ...opened, recipients: missing, widened: unwidened },
      leaseUntil,
    );
  }
}
