import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../../edge-api/src/db/client.js';
import {
  type Change,
  getCallPartition,
  getLink,
  type LinkRecord,
} from '../../../edge-api/src/db/dispatch-table/index.js';
import { linkHash, linkId, type SigningKey } from '../../../edge-api/src/magic-links/link-token.js';

/** What must hold for a crew call after any fault, each with what was found when it does not. */
export interface CallInvariants {
  seats_within_needed: string[];
  used_link_one_answer: string[];
  confirmed_has_used_link: string[];
  seat_counters_match: string[];
  nobody_asked_twice: string[];
  everyone_opened_was_asked: string[];
  status_matches_seats: string[];
}

export type InvariantName = keyof CallInvariants;

export const INVARIANT_NAMES: Record<InvariantName, string> = {
  seats_within_needed: 'seats filled ≤ needed',
  used_link_one_answer: 'each used link has exactly one recorded answer',
  confirmed_has_used_link: 'every confirmed answer has a used link',
  seat_counters_match: 'seat counters equal confirmed answers',
  nobody_asked_twice: 'nobody asked twice',
  everyone_opened_was_asked: 'everyone a level opened for was asked',
  status_matches_seats: 'call filled exactly when every seat is',
};

/** Problems found, flattened; empty when every invariant holds. */
export const violations = (inv: CallInvariants): string[] =>
  (Object.keys(INVARIANT_NAMES) as InvariantName[]).flatMap((k) =>
    inv[k].map((p) => `${INVARIANT_NAMES[k]}: ${p}`),
  );

/**
 * Reads a call's partition, every link it ever issued and its change-feed
 * entries, strongly consistent, and checks the invariants a fault must never
 * break. Read-only.
 */
export async function checkCallInvariants(
  db: Db,
  linkKeys: readonly SigningKey[],
  callId: string,
): Promise<CallInvariants> {
  const p = await getCallPartition(db, callId);
  if (!p) throw new Error(`call ${callId} not found`);
  const changes = await callChanges(db, callId);
  const links: Array<LinkRecord & { crew_id: string }> = [];
  for (const r of p.responses) {
    for (let issue = 1; issue <= r.link_issue; issue++) {
      for (const key of linkKeys) {
        const link = await getLink(
          db,
          linkHash(linkId(linkKeys, { call_id: callId, crew_id: r.crew_id, issue, kid: key.kid })),
        );
        if (link) links.push(link);
      }
    }
  }
  const inv: CallInvariants = {
    seats_within_needed: [],
    used_link_one_answer: [],
    confirmed_has_used_link: [],
    seat_counters_match: [],
    nobody_asked_twice: [],
    everyone_opened_was_asked: [],
    status_matches_seats: [],
  };
  for (const s of p.seats) {
    if (s.filled > s.needed) inv.seats_within_needed.push(`${s.role} ${s.filled}/${s.needed}`);
    const confirmed = p.responses.filter((r) => r.role === s.role && r.state === 'confirmed');
    if (confirmed.length !== s.filled) {
      inv.seat_counters_match.push(`${s.role}: counter ${s.filled}, confirmed ${confirmed.length}`);
    }
  }
  const answerState: Record<string, string> = {
    accept: 'confirmed',
    decline: 'declined',
    standby: 'standby',
  };
  for (const link of links.filter((l) => l.state === 'used')) {
    const answers = changes.filter(
      (c) =>
        c.type === 'response' &&
        c.crew_id === link.crew_id &&
        c.at === link.used_at &&
        c.state === answerState[String(link.decision)],
    );
    if (answers.length !== 1) {
      inv.used_link_one_answer.push(
        `${link.crew_id} issue ${link.issue}: ${answers.length} answers`,
      );
    }
  }
  for (const r of p.responses.filter((x) => x.state === 'confirmed')) {
    if (
      !links.some((l) => l.crew_id === r.crew_id && l.state === 'used' && l.decision === 'accept')
    )
      inv.confirmed_has_used_link.push(r.crew_id);
  }
  const callNotices = new Map<string, number>();
  // A level that widened someone's offer (extra qualifications) emails them on the link they
  // hold: that email is not a second ask. At most one crew call per person per level.
  const widening = new Set(
    p.call.opened.flatMap((l) => (l.widened ?? []).map((id) => `L${l.level}-call-${id}`)),
  );
  for (const n of p.notices.filter((x) => x.kind === 'crew_call' && !widening.has(x.notice_id)))
    callNotices.set(n.crew_id, (callNotices.get(n.crew_id) ?? 0) + 1);
  const offers = new Map<string, Set<number>>();
  for (const n of p.notices.filter((x) => x.kind === 'standby_offer' && x.link)) {
    const issues = offers.get(n.crew_id) ?? new Set<number>();
    issues.add(n.link?.issue as number);
    offers.set(n.crew_id, issues);
  }
  const openedFor = new Map<string, number>();
  for (const level of p.call.opened)
    for (const id of level.recipients) openedFor.set(id, (openedFor.get(id) ?? 0) + 1);
  for (const [crew, count] of [...callNotices, ...openedFor]) {
    if (count > 1) inv.nobody_asked_twice.push(`${crew} asked ${count} times`);
  }
  for (const [crew, issues] of offers) {
    const offersOfCrew = p.notices.filter((n) => n.crew_id === crew && n.kind === 'standby_offer');
    if (offersOfCrew.length > issues.size)
      inv.nobody_asked_twice.push(`${crew} offered the same seat twice`);
    // One standby, one seat: more offers than drop-outs of that role is asking twice.
    const role = p.responses.find((r) => r.crew_id === crew)?.role;
    const drops = changes.filter(
      (c) => c.type === 'response' && c.state === 'dropped' && c.role === role,
    ).length;
    if (offersOfCrew.length > drops)
      inv.nobody_asked_twice.push(`${crew} got ${offersOfCrew.length} offers for ${drops} seat(s)`);
  }
  for (const [crew] of openedFor) {
    const asked = p.responses.some((r) => r.crew_id === crew);
    const notified = callNotices.has(crew);
    const live = links.some((l) => l.crew_id === crew);
    if (!asked || !notified || !live) {
      inv.everyone_opened_was_asked.push(
        `${crew}: response ${asked ? 'yes' : 'missing'}, email ${notified ? 'yes' : 'missing'}, link ${live ? 'yes' : 'missing'}`,
      );
    }
  }
  const allFilled = p.seats.length > 0 && p.seats.every((s) => s.filled >= s.needed);
  if (p.call.status !== 'cancelled' && allFilled !== (p.call.status === 'filled')) {
    inv.status_matches_seats.push(`status ${p.call.status}, seats all filled: ${allFilled}`);
  }
  return inv;
}

async function callChanges(db: Db, callId: string): Promise<Change[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables['crew-dispatch'],
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'call_id = :call',
        ExpressionAttributeValues: { ':pk': 'CHANGES', ':call': callId },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items as unknown as Change[];
}
