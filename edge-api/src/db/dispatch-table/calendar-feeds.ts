import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.js';
import { transact } from '../transact.js';
import { getCharters, type StoredCharter } from './charters.js';
import { crewIndex, feedKey, feedOfKey, strip } from './keys.js';
import type { CallResponse } from './responses.js';

/**
 * Calendar feeds: a crew member's private .ics subscription.
 * - pk `FEEDOF#<crew_id>`: their current feed (issue, the key id its token was made
 *   with, live or revoked): the one place that says which feed is theirs;
 * - pk `FEED#<sha256 of the token>`: the lookup the public route reads. Only the live
 *   issue has one; revoking or reissuing deletes it, so an old URL finds nothing.
 * The token itself is never stored.
 */
export interface FeedPointer {
  crew_id: string;
  issue: number;
  /** The signing key the token was derived with; kept so a key rotation does not kill the feed. */
  kid: string;
  state: 'live' | 'revoked';
  issued_at: string;
  revoked_at?: string;
  /** SHA-256 of the live token: what revoking must delete. */
  token_hash: string;
}

export interface FeedLookup {
  crew_id: string;
  issue: number;
  kid: string;
}

export async function getFeedPointer(db: Db, crewId: string): Promise<FeedPointer | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: feedOfKey(crewId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? strip<FeedPointer>(out.Item) : undefined;
}

/** The feed a token hash opens; undefined once revoked or reissued. */
export async function getFeedLookup(db: Db, tokenHash: string): Promise<FeedLookup | undefined> {
  const out = await db.doc.send(
    // Consistent: a revoked feed must stop answering at once.
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: feedKey(tokenHash),
      ConsistentRead: true,
    }),
  );
  return out.Item ? strip<FeedLookup>(out.Item) : undefined;
}

/** The pointer's condition: still the issue the caller read (or still absent). */
const sameIssue = (previous: FeedPointer | undefined) =>
  previous
    ? { ConditionExpression: 'issue = :old', ExpressionAttributeValues: { ':old': previous.issue } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };

/**
 * Makes `next` the person's feed: the pointer, its lookup, and the previous lookup
 * deleted, in one transaction guarded by the issue read. False when another issue won.
 */
export async function recordFeed(
  db: Db,
  next: FeedPointer,
  previous: FeedPointer | undefined,
): Promise<boolean> {
  const table = db.tables['crew-dispatch'];
  const result = await transact(db, {
    pointer: {
      Put: {
        TableName: table,
        Item: { ...feedOfKey(next.crew_id), ...next },
        ...sameIssue(previous),
      },
    },
    lookup: {
      Put: {
        TableName: table,
        Item: {
          ...feedKey(next.token_hash),
          crew_id: next.crew_id,
          issue: next.issue,
          kid: next.kid,
        },
      },
    },
    old:
      previous?.state === 'live'
        ? { Delete: { TableName: table, Key: feedKey(previous.token_hash) } }
        : undefined,
  });
  return result.ok;
}

/** Revokes the live feed `current`: the pointer says so and the lookup is gone. False if it changed meanwhile. */
export async function revokeFeed(db: Db, current: FeedPointer, at: string): Promise<boolean> {
  const table = db.tables['crew-dispatch'];
  const result = await transact(db, {
    pointer: {
      Put: {
        TableName: table,
        Item: { ...feedOfKey(current.crew_id), ...current, state: 'revoked', revoked_at: at },
        ...sameIssue(current),
      },
    },
    lookup: { Delete: { TableName: table, Key: feedKey(current.token_hash) } },
  });
  return result.ok;
}

/** A confirmed seat and its charter, as a feed lists it. */
export interface FeedSeat {
  response: CallResponse;
  charter: StoredCharter;
}

/** Responses one feed request reads (one Query page) and charters it may list (one BatchGetItem). */
export const FEED_READ_LIMIT = 300;
export const FEED_MAX_EVENTS = 100;

/**
 * A person's confirmed seats on calls departing at or after `from`, soonest first, with
 * their charters: one Query of gsi1 `CREW#<id>` (one page, at most FEED_READ_LIMIT
 * responses read) and one BatchGetItem of at most FEED_MAX_EVENTS charters. Bounded
 * whatever the person's history; never a scan.
 */
export async function listFeedSeats(db: Db, crewId: string, from: string): Promise<FeedSeat[]> {
  const index = crewIndex(crewId, from, '');
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tables['crew-dispatch'],
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :c AND gsi1sk >= :from',
      FilterExpression: '#state = :confirmed',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':c': index.gsi1pk, ':from': from, ':confirmed': 'confirmed' },
      Limit: FEED_READ_LIMIT,
    }),
  );
  const responses = (out.Items ?? []).map((i) => strip<CallResponse>(i)).slice(0, FEED_MAX_EVENTS);
  if (responses.length === 0) return [];
  const charters = new Map(
    (
      await getCharters(
        db,
        responses.map((r) => r.charter_id),
      )
    ).map((c) => [c.charter_id, c]),
  );
  return responses.flatMap((response) => {
    const charter = charters.get(response.charter_id);
    return charter ? [{ response, charter }] : [];
  });
}
