import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Money } from '../../../../shared/money/index.js';
import { batchGetAll } from '../batch-get.js';
import type { Db } from '../client.js';
import { queryAll, queryPages } from '../paging.js';
import type { CallRecord } from './calls.js';
import type { StoredCharter } from './charters.js';
import { callKey, callPk, charterKey, crewIndex, linkKey, responseKey, SK, strip } from './keys.js';
import type { LinkRecord } from './links.js';
import type { LinkStamp, NoticeKind } from './notices.js';

export type ResponseState = 'asked' | 'confirmed' | 'declined' | 'standby' | 'dropped';

/** One recipient of a call (sk `CREW#<crew_id>`): everything a crew action needs about them. */
export interface CallResponse {
  call_id: string;
  charter_id: string;
  /** Departure of the charter (UTC ISO), to list a person's upcoming calls. */
  departs_at: string;
  crew_id: string;
  name: string;
  first_name: string;
  email: string;
  /** The seat they are asked for (the first offered); once confirmed, the seat they took. */
  role: string;
  /** The level that first asked them. */
  level: number;
  /**
   * Every seat they may take, in the order offered (earliest level first), when
   * they hold more than one needed qualification; absent: only `role`.
   */
  offered?: OfferedSeat[];
  day_rate: Money;
  state: ResponseState;
  /** The recipient's current link (earlier issues are revoked or used). */
  link_issue: number;
  link_kid: string;
  link_issued_at: number;
  link_expires_at: number;
  /**
   * ICS SEQUENCE of the next email to this person: the one home of it. Every
   * notice to them is written in a transaction that moves it on (conditioned
   * on the value it read), so their calendar entries replace one another in order.
   */
  next_sequence: number;
  /** Kind of the latest email to them: a crew call or standby offer is a tentative hold. */
  latest_notice?: NoticeKind;
  /** When the email carrying the current link was reported sent. */
  notified_at?: string;
  decided_at?: string;
  /** Milliseconds from the send to the decision; under a minute is flagged. */
  decided_after_ms?: number;
  decided_within_a_minute?: boolean;
  reason?: string;
  standby_since?: string;
  updated_at: string;
}

/** A seat a person was offered, and the level that offered it. */
export interface OfferedSeat {
  role: string;
  level: number;
}

/** The person's current link, as a notice carries it. */
export const currentLink = (r: CallResponse): LinkStamp => ({
  issue: r.link_issue,
  kid: r.link_kid,
  issued_at: r.link_issued_at,
  expires_at: r.link_expires_at,
});

/** Responses are indexed per person on gsi1 (`CREW#<id>`, by departure) for their portal page. */
export const responseItem = (r: CallResponse) => ({
  ...responseKey(r.call_id, r.crew_id),
  ...crewIndex(r.crew_id, r.departs_at, r.call_id),
  ...r,
});

export async function getResponse(
  db: Db,
  callId: string,
  crewId: string,
  consistent = true,
): Promise<CallResponse | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: responseKey(callId, crewId),
      ConsistentRead: consistent,
    }),
  );
  return out.Item ? strip<CallResponse>(out.Item) : undefined;
}

export interface CrewActionItems {
  response?: CallResponse;
  call?: CallRecord;
  charter?: StoredCharter;
}

/**
 * What a crew page and a crew action read besides the link: the person's
 * response, the call item and the charter, in one BatchGetItem, eventually
 * consistent (the actions' transaction conditions are what make them exact).
 * Three items of under 4 KB: 1.5 read units whatever the size of the call.
 */
export async function getCrewActionItems(
  db: Db,
  ids: { call_id: string; crew_id: string; charter_id: string },
): Promise<CrewActionItems> {
  const table = db.tables['crew-dispatch'];
  let keys: Record<string, unknown>[] = [
    responseKey(ids.call_id, ids.crew_id),
    callKey(ids.call_id),
    charterKey(ids.charter_id),
  ];
  const got: Record<string, unknown>[] = [];
  // DynamoDB may hand back some keys unprocessed under load: ask again for those.
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** attempt));
    if (attempt >= 5)
      throw new Error(`batch read of call ${ids.call_id} kept coming back unprocessed`);
    const out = await db.doc.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: false } } }),
    );
    got.push(...(out.Responses?.[table] ?? []));
    keys = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  const find = <T>(pk: string, sk: string) => {
    const item = got.find((i) => i.pk === pk && i.sk === sk);
    return item ? strip<T>(item) : undefined;
  };
  const charter = charterKey(ids.charter_id);
  return {
    response: find<CallResponse>(callPk(ids.call_id), `${SK.response}${ids.crew_id}`),
    call: find<CallRecord>(callPk(ids.call_id), SK.call),
    charter: find<StoredCharter>(charter.pk, charter.sk),
  };
}

/** A crew page's items with its link record, as one read finds them (any may be missing). */
export interface LinkedCrewActionItems extends CrewActionItems {
  link?: LinkRecord;
}

/**
 * A crew page's one read, for a link that carries the ids its record holds: the link record,
 * the person's response, the call item and the charter in one BatchGetItem, eventually
 * consistent. Four items of under 4 KB: 2 read units whatever the size of the call. The
 * caller checks the record matches the ids (the record is the authority).
 */
export async function getLinkAndCrewActionItems(
  db: Db,
  linkHash: string,
  ids: { call_id: string; crew_id: string; charter_id: string },
): Promise<LinkedCrewActionItems> {
  const table = db.tables['crew-dispatch'];
  const wanted = {
    link: linkKey(linkHash),
    response: responseKey(ids.call_id, ids.crew_id),
    call: callKey(ids.call_id),
    charter: charterKey(ids.charter_id),
  };
  const got = await batchGetAll(
    db,
    { [table]: { Keys: Object.values(wanted), ConsistentRead: false } },
    `call ${ids.call_id}`,
  );
  const find = <T>(key: { pk: string; sk: string }) => {
    const item = got[table]?.find((i) => i.pk === key.pk && i.sk === key.sk);
    return item ? strip<T>(item) : undefined;
  };
  return {
    link: find<LinkRecord>(wanted.link),
    response: find<CallResponse>(wanted.response),
    call: find<CallRecord>(wanted.call),
    charter: find<StoredCharter>(wanted.charter),
  };
}

/** A call's responses, a page (one Query) at a time: for work that must not hold the whole call. */
export async function* responsePages(db: Db, callId: string): AsyncGenerator<CallResponse[]> {
  for await (const page of queryPages(db, {
    TableName: db.tables['crew-dispatch'],
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :crew)',
    ExpressionAttributeValues: { ':pk': callPk(callId), ':crew': SK.response },
    ConsistentRead: true,
  })) {
    yield page.map((i) => strip<CallResponse>(i));
  }
}

/** A person's responses on calls departing at or after `from`, soonest first. */
export async function listResponsesOfCrew(
  db: Db,
  crewId: string,
  from: string,
): Promise<CallResponse[]> {
  const index = crewIndex(crewId, from, '');
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :c AND gsi1sk >= :from',
    ExpressionAttributeValues: { ':c': index.gsi1pk, ':from': from },
  });
  return items.map((i) => strip<CallResponse>(i));
}

/** Confirmed charters per crew member departing in [from, to): the planner's fairness input. */
export async function countConfirmedBetween(
  db: Db,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :c AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':c': 'CONFIRMED', ':from': from, ':to': to },
    ProjectionExpression: 'crew_id',
  });
  const counts: Record<string, number> = {};
  for (const item of items) {
    const id = String(item.crew_id);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** Someone confirmed on a call (gsi2 `CONFIRMED`), with where to find the charter. */
export interface ConfirmedSeat {
  crew_id: string;
  call_id: string;
  charter_id: string;
  departs_at: string;
}

/**
 * Everyone confirmed on calls departing in [from, to): one Query of gsi2 `CONFIRMED` (its sort
 * key starts with the departure), paged, never a scan. Dropped-out crew have left the index.
 */
export async function listConfirmedDeparting(
  db: Db,
  from: string,
  to: string,
): Promise<ConfirmedSeat[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :c AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':c': 'CONFIRMED', ':from': from, ':to': to },
    ProjectionExpression: 'crew_id, call_id, charter_id, departs_at',
  });
  return items.map((i) => ({
    crew_id: String(i.crew_id),
    call_id: String(i.call_id),
    charter_id: String(i.charter_id),
    departs_at: String(i.departs_at),
  }));
}
