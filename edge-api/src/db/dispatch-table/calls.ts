import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Money } from '../../../../shared/money/index.js';
import type { CrewCallPlan } from '../../crew-calls/plan-crew-call.js';
import type { Db } from '../client.js';
import { charterKey } from './charters.js';
import type { Notice } from './notices.js';

/**
 * Crew calls live in one partition each (pk `CALL#<id>`):
 * - sk `CALL`: the call, its frozen plan and the levels opened so far;
 * - sk `SEATS#<role>`: seats needed and filled for a role (the accept condition);
 * - sk `CREW#<crew_id>`: one recipient's response and current link;
 * - sk `NOTICE#<id>`: an email to send, until Apps Script reports it sent.
 * Sparse indexes: gsi1 `DUE` (open calls by when their current window closes),
 * gsi2 `UNSENT` (notices not yet sent), `CONFIRMED` (confirmed crew by departure)
 * and `UNFINISHED` (calls whose last multi-step write may not have finished, by
 * when the timer should finish it).
 */
export type CallStatus = 'open' | 'filled' | 'cancelled';

export interface OpenedLevel {
  level: number;
  opened_at: string;
  closes_at: string;
  /** Signing key of this level's links, so a retry derives the same links. */
  link_kid: string;
  /** Who this level notified: candidates whose role still had open seats. */
  recipients: string[];
}

export interface CrewCall {
  call_id: string;
  charter_id: string;
  status: CallStatus;
  plan: CrewCallPlan;
  opened: OpenedLevel[];
  /** Index into plan.levels of the next level to open; plan.levels.length when none is left. */
  next_level_index: number;
  departs_at: string;
  created_at: string;
  updated_at: string;
  version: number;
  /**
   * Seats still open over every role: the accept that takes the last one marks the call
   * filled in the same transaction. Absent on calls started before it was kept; the first
   * seat change sets it from the seat counters.
   */
  seats_open?: number;
  /** SHA-256 of the start request's availability: the same request again resumes a start cut short. */
  start_request: string;
  /**
   * Set while a write that spans several DynamoDB requests (a level's items, a
   * cancellation's emails) is under way; cleared when it is done. Past this time
   * the writer is gone and the timer's GET /api/calls/due finishes the work.
   */
  repair_after?: string;
}

export interface Seats {
  role: string;
  needed: number;
  filled: number;
}

export type ResponseState = 'asked' | 'confirmed' | 'declined' | 'standby' | 'dropped';

export interface CallResponse {
  call_id: string;
  charter_id: string;
  /** Departure of the charter (UTC ISO), to list a person's upcoming calls. */
  departs_at: string;
  crew_id: string;
  name: string;
  first_name: string;
  email: string;
  role: string;
  level: number;
  day_rate: Money;
  state: ResponseState;
  /** The recipient's current link (earlier issues are revoked or used). */
  link_issue: number;
  link_kid: string;
  link_issued_at: number;
  link_expires_at: number;
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

export interface CallPartition {
  call: CrewCall;
  seats: Seats[];
  responses: CallResponse[];
  notices: Notice[];
}

export const callKey = (id: string) => ({ pk: `CALL#${id}`, sk: 'CALL' });
export const seatsKey = (id: string, role: string) => ({ pk: `CALL#${id}`, sk: `SEATS#${role}` });
export const responseKey = (id: string, crewId: string) => ({
  pk: `CALL#${id}`,
  sk: `CREW#${crewId}`,
});
export const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest as T;
};

/** The whole call in one Query (strongly consistent). */
export async function getCallPartition(db: Db, callId: string): Promise<CallPartition | undefined> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables['crew-dispatch'],
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CALL#${callId}` },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const callItem = items.find((i) => i.sk === 'CALL');
  if (!callItem) return undefined;
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  return {
    call: strip<CrewCall>(callItem),
    seats: of('SEATS#').map((i) => strip<Seats>(i)),
    responses: of('CREW#').map((i) => strip<CallResponse>(i)),
    notices: of('NOTICE#').map((i) => strip<Notice>(i)),
  };
}

export async function getCall(db: Db, callId: string): Promise<CrewCall | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: callKey(callId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? strip<CrewCall>(out.Item) : undefined;
}

export const dueIndexKeys = (
  call: Pick<CrewCall, 'call_id' | 'status' | 'opened' | 'next_level_index' | 'plan'>,
) => {
  const last = call.opened.at(-1);
  const more = call.next_level_index < call.plan.levels.length;
  return call.status === 'open' && last && more
    ? { gsi1pk: 'DUE', gsi1sk: `${last.closes_at}#${call.call_id}` }
    : {};
};

const unfinishedIndexKeys = (call: Pick<CrewCall, 'call_id' | 'repair_after'>) =>
  call.repair_after ? { gsi2pk: 'UNFINISHED', gsi2sk: `${call.repair_after}#${call.call_id}` } : {};

/** The call record with its index keys, derived from its fields. */
export const callItem = (call: CrewCall) => ({
  ...callKey(call.call_id),
  ...dueIndexKeys(call),
  ...unfinishedIndexKeys(call),
  ...call,
});

/** The update that marks a call unfinished, for transactions that start a multi-step write. */
export const markUnfinished = (callId: string, repairAfter: string) => ({
  set: 'repair_after = :repairAfter, gsi2pk = :unfinished, gsi2sk = :unfinishedSk',
  values: {
    ':repairAfter': repairAfter,
    ':unfinished': 'UNFINISHED',
    ':unfinishedSk': `${repairAfter}#${callId}`,
  },
});

/** The multi-step write marked `repairAfter` is done (unless a later one re-marked the call). */
export async function clearUnfinished(db: Db, callId: string, repairAfter: string): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: callKey(callId),
        UpdateExpression: 'REMOVE repair_after, gsi2pk, gsi2sk',
        ConditionExpression: 'repair_after = :r',
        ExpressionAttributeValues: { ':r': repairAfter },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Calls marked unfinished whose writer should be done by now. */
export async function listUnfinishedCalls(db: Db, now: string): Promise<CrewCall[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :u AND gsi2sk <= :now',
    ExpressionAttributeValues: { ':u': 'UNFINISHED', ':now': `${now}#~` },
  });
  return items.map((i) => strip<CrewCall>(i));
}

/**
 * Starts a call: the call, its seat counters and the charter's pointer to it,
 * in one transaction that fails if the charter already has a call.
 * Returns false when it does.
 */
export async function createCall(
  db: Db,
  call: CrewCall,
  seats: Seats[],
  charterVersion: number,
  changes: Record<string, unknown>[],
): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.tables['crew-dispatch'],
              Item: callItem(call),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...seats.map((s) => ({
            Put: {
              TableName: db.tables['crew-dispatch'],
              Item: { ...seatsKey(call.call_id, s.role), ...s },
            },
          })),
          {
            Update: {
              TableName: db.tables['crew-dispatch'],
              Key: charterKey(call.charter_id),
              UpdateExpression: 'SET call_id = :call',
              ConditionExpression:
                'attribute_exists(pk) AND attribute_not_exists(call_id) AND version = :v',
              ExpressionAttributeValues: { ':call': call.call_id, ':v': charterVersion },
            },
          },
          ...changes.map((Item) => ({ Put: { TableName: db.tables['crew-dispatch'], Item } })),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * Records the opening of the next level(s), only if nobody else did since the
 * caller read the call (`expectedNext`). Returns false when someone did.
 */
export async function recordLevelOpened(
  db: Db,
  call: CrewCall,
  expectedNext: number,
  changes: Record<string, unknown>[],
): Promise<boolean> {
  const result = await transact(db, [
    {
      Put: {
        TableName: db.tables['crew-dispatch'],
        Item: callItem(call),
        ConditionExpression: 'next_level_index = :n AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':n': expectedNext, ':open': 'open' },
      },
    },
    ...changes.map((Item) => ({ Put: { TableName: db.tables['crew-dispatch'], Item } })),
  ]);
  return result.ok;
}

/** Puts an item unless it exists: level items are derived, so a retry rewrites nothing. */
export async function putIfAbsent(db: Db, item: Record<string, unknown>): Promise<void> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tables['crew-dispatch'],
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

/** Responses are indexed per person on gsi1 (`CREW#<id>`, by departure) for their portal page. */
export const responseItem = (r: CallResponse) => ({
  ...responseKey(r.call_id, r.crew_id),
  gsi1pk: `CREW#${r.crew_id}`,
  gsi1sk: `${r.departs_at}#${r.call_id}`,
  ...r,
});

/** A person's responses on calls departing at or after `from`, soonest first. */
export async function listResponsesOfCrew(
  db: Db,
  crewId: string,
  from: string,
): Promise<CallResponse[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :c AND gsi1sk >= :from',
    ExpressionAttributeValues: { ':c': `CREW#${crewId}`, ':from': from },
  });
  return items.map((i) => strip<CallResponse>(i));
}

export async function queryAll(
  db: Db,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Open calls whose current level's window has closed (gsi1 DUE, sorted by closing time). */
export async function listDueCalls(db: Db, now: string): Promise<CrewCall[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
    ExpressionAttributeValues: { ':due': 'DUE', ':now': `${now}#~` },
  });
  return items.map((i) => strip<CrewCall>(i));
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

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Runs a transaction; on cancellation returns the failed condition indexes.
 * Retries DynamoDB's TransactionConflict (another transaction on the same
 * items at this instant) so races end in clear winners and losers.
 */
export async function transact(
  db: Db,
  items: TransactItems,
): Promise<{ ok: true } | { ok: false; failed: number[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) return { ok: false, failed };
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= 12) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 25 * (attempt + 1)));
    }
  }
}
