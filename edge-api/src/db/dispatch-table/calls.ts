import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Money } from '../../../../shared/money/index.js';
import type { Db } from '../client.js';
import { queryAll } from '../paging.js';
import { conditional, type NamedItems, transact } from '../transact.js';
import {
  callKey,
  callPk,
  charterKey,
  dueIndex,
  levelKey,
  planKey,
  SK,
  seatsKey,
  strip,
  unfinishedIndex,
} from './keys.js';
import type { Notice } from './notices.js';
import type { CallResponse } from './responses.js';

export type CallStatus = 'open' | 'filled' | 'cancelled';

/** When a level was opened and its window closes: kept on the call item. */
export interface LevelWindow {
  level: number;
  opened_at: string;
  closes_at: string;
  /** Signing key of this level's links, so a retry derives the same links. */
  link_kid: string;
}

export interface OpenedLevel extends LevelWindow {
  /** Who this level notified: candidates whose role still had open seats (its `LEVEL#<n>` item). */
  recipients: string[];
  /**
   * People this level asked already who had not answered, whose offer it widened
   * to a role of theirs at this level (extra qualifications); absent when none.
   */
  widened?: string[];
}

/** What the data layer needs of a frozen plan's candidate; the planner's plan has more. */
export interface FrozenCandidate {
  crew_id: string;
  name: string;
  first_name: string;
  email: string;
  role: string;
  /** Other roles they may take at this level (extra qualifications). */
  also_roles?: string[];
  day_rate: Money;
}

/** The frozen plan as stored (sk `PLAN`): the planner's CrewCallPlan fits it. */
export interface FrozenPlan {
  levels: Array<{ level: number; candidates: FrozenCandidate[] }>;
}

/** Who holds a seat, as other crew see them on their page. */
export interface ConfirmedCrew {
  first_name: string;
  role: string;
}

/** The call item (sk `CALL`): small and bounded whatever the number of recipients. */
export interface CallRecord {
  call_id: string;
  charter_id: string;
  status: CallStatus;
  opened: LevelWindow[];
  /** Index into the plan's levels of the next level to open; `level_count` when none is left. */
  next_level_index: number;
  level_count: number;
  departs_at: string;
  created_at: string;
  updated_at: string;
  version: number;
  /**
   * Seats still open over every role: the accept that takes the last one marks the call
   * filled in the same transaction. Absent on calls started before it was kept; the first
   * seat change sets it from `seats_needed` and `confirmed`.
   */
  seats_open?: number;
  seats_needed: Record<string, number>;
  /** crew_id → first name and role of everyone confirmed, changed with the seat counters. */
  confirmed: Record<string, ConfirmedCrew>;
  /** SHA-256 of the start request's availability: the same request again resumes a start cut short. */
  start_request: string;
  /** The charter's recalls for a new date before this call started: part of its calendar UID. */
  calendar_round?: number;
  /**
   * The call-window policy read when the call started (the office's setting or the
   * environment's), kept so every later window of this call follows it. Absent on calls
   * started before it was kept: they follow the environment's.
   */
  window_policy?: Array<{ lead_hours_at_least: number; window_minutes: number }>;
  /**
   * Set while a write that spans several DynamoDB requests (a level's items, a
   * cancellation's emails, the withdrawals of a call that filled) is under way;
   * cleared when it is done. Past this time the timer's GET /api/calls/due finishes it.
   */
  repair_after?: string;
}

/** A call with its plan and the recipients of its opened levels: what the planner and escalation read. */
export interface CrewCall<P extends FrozenPlan = FrozenPlan> extends Omit<CallRecord, 'opened'> {
  plan: P;
  opened: OpenedLevel[];
}

export interface Seats {
  role: string;
  needed: number;
  filled: number;
}

export interface CallPartition<P extends FrozenPlan = FrozenPlan> {
  call: CrewCall<P>;
  seats: Seats[];
  responses: CallResponse[];
  notices: Notice[];
}

const windowOf = (l: LevelWindow): LevelWindow => ({
  level: l.level,
  opened_at: l.opened_at,
  closes_at: l.closes_at,
  link_kid: l.link_kid,
});

/** The escalation queue's keys when the timer should escalate the call as its current window closes. */
export const dueKeys = (
  call: Pick<CallRecord, 'call_id' | 'status' | 'next_level_index' | 'level_count'> & {
    opened: LevelWindow[];
  },
) => {
  const last = call.opened.at(-1);
  // A call with no level left stays due: when its last window passes, it is short-handed.
  return call.status === 'open' && last ? dueIndex(last.closes_at, call.call_id) : undefined;
};

/** The call item with its index keys, derived from its fields. */
function callItem(call: CrewCall): Record<string, unknown> {
  const { plan: _plan, opened, ...rest } = call;
  return {
    ...callKey(call.call_id),
    ...dueKeys(call),
    ...(call.repair_after ? unfinishedIndex(call.repair_after, call.call_id) : {}),
    ...rest,
    opened: opened.map(windowOf),
  };
}

const levelItem = (callId: string, l: OpenedLevel) => ({
  ...levelKey(callId, l.level),
  level: l.level,
  recipients: l.recipients,
  ...(l.widened?.length ? { widened: l.widened } : {}),
});

/** The whole call in one paged Query (strongly consistent), put back together. */
export async function getCallPartition<P extends FrozenPlan = FrozenPlan>(
  db: Db,
  callId: string,
): Promise<CallPartition<P> | undefined> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': callPk(callId) },
    ConsistentRead: true,
  });
  const record = items.find((i) => i.sk === SK.call);
  if (!record) return undefined;
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  const plan = items.find((i) => i.sk === SK.plan)?.plan as P | undefined;
  const recipients = new Map(
    of(SK.level).map((i) => [Number(i.level), (i.recipients as string[]) ?? []]),
  );
  const widened = new Map(
    of(SK.level)
      .filter((i) => Array.isArray(i.widened))
      .map((i) => [Number(i.level), i.widened as string[]]),
  );
  const call = strip<CallRecord>(record);
  return {
    call: {
      ...call,
      plan: plan ?? ({ levels: [] } as unknown as P),
      opened: call.opened.map((l) => {
        const wider = widened.get(l.level);
        return {
          ...l,
          recipients: recipients.get(l.level) ?? [],
          ...(wider ? { widened: wider } : {}),
        };
      }),
    },
    seats: of(SK.seats).map((i) => strip<Seats>(i)),
    responses: of(SK.response).map((i) => strip<CallResponse>(i)),
    notices: of(SK.notice).map((i) => strip<Notice>(i)),
  };
}

/** The call item alone (one small GetItem). */
export async function getCallRecord(
  db: Db,
  callId: string,
  consistent = true,
): Promise<CallRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: callKey(callId),
      ConsistentRead: consistent,
    }),
  );
  return out.Item ? strip<CallRecord>(out.Item) : undefined;
}

const put = (db: Db, Item: Record<string, unknown>) => ({
  Put: { TableName: db.tables['crew-dispatch'], Item },
});

/** Puts for change-feed items, named `change:<i>`. */
export const changePuts = (db: Db, changes: readonly Record<string, unknown>[]): NamedItems =>
  Object.fromEntries(changes.map((item, i) => [`change:${i}`, put(db, item)]));

/**
 * Starts a call: the call, its plan, its first level, its seat counters and the
 * charter's pointer to it, in one transaction that fails if the charter already
 * has a call or changed. Returns false when it does.
 */
export async function createCall(
  db: Db,
  call: CrewCall,
  seats: Seats[],
  charterVersion: number,
  changes: Record<string, unknown>[],
): Promise<boolean> {
  const table = db.tables['crew-dispatch'];
  const result = await transact(db, {
    call: {
      Put: {
        TableName: table,
        Item: callItem(call),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    plan: put(db, { ...planKey(call.call_id), plan: call.plan }),
    ...Object.fromEntries(
      call.opened.map((l) => [`level:${l.level}`, put(db, levelItem(call.call_id, l))]),
    ),
    ...Object.fromEntries(
      seats.map((s) => [`seats:${s.role}`, put(db, { ...seatsKey(call.call_id, s.role), ...s })]),
    ),
    charter: {
      Update: {
        TableName: table,
        Key: charterKey(call.charter_id),
        UpdateExpression: 'SET call_id = :call',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(call_id) AND version = :v',
        ExpressionAttributeValues: { ':call': call.call_id, ':v': charterVersion },
      },
    },
    ...changePuts(db, changes),
  });
  return result.ok;
}

/**
 * Records the opening of the next level (or that none is left), only if nobody
 * else did since the caller read the call (`expectedNext`): the call's windows,
 * next level and marks, and the level's recipients. Returns false when someone did.
 */
export async function recordLevelOpened(
  db: Db,
  call: CrewCall,
  expectedNext: number,
  opened: OpenedLevel | undefined,
  changes: Record<string, unknown>[],
): Promise<boolean> {
  const due = dueKeys(call) ?? { gsi1pk: '', gsi1sk: '' };
  const unfinished = call.repair_after
    ? unfinishedIndex(call.repair_after, call.call_id)
    : undefined;
  const set = [
    'opened = :opened',
    'next_level_index = :next',
    'updated_at = :at',
    'version = version + :one',
    ...(due.gsi1pk ? ['gsi1pk = :duePk', 'gsi1sk = :dueSk'] : []),
    ...(unfinished ? ['repair_after = :repair', 'gsi2pk = :uPk', 'gsi2sk = :uSk'] : []),
  ];
  const result = await transact(db, {
    call: {
      Update: {
        TableName: db.tables['crew-dispatch'],
        Key: callKey(call.call_id),
        UpdateExpression: `SET ${set.join(', ')}${due.gsi1pk ? '' : ' REMOVE gsi1pk, gsi1sk'}`,
        ConditionExpression: 'next_level_index = :n AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':opened': call.opened.map(windowOf),
          ':next': call.next_level_index,
          ':at': call.updated_at,
          ':one': 1,
          ':n': expectedNext,
          ':open': 'open',
          ...(due.gsi1pk ? { ':duePk': due.gsi1pk, ':dueSk': due.gsi1sk } : {}),
          ...(unfinished
            ? { ':repair': call.repair_after, ':uPk': unfinished.gsi2pk, ':uSk': unfinished.gsi2sk }
            : {}),
        },
      },
    },
    level: opened && put(db, levelItem(call.call_id, opened)),
    ...changePuts(db, changes),
  });
  return result.ok;
}

/** The update that marks a call unfinished, for transactions that start a multi-step write. */
export const markUnfinished = (callId: string, repairAfter: string) => {
  const keys = unfinishedIndex(repairAfter, callId);
  return {
    set: 'repair_after = :repairAfter, gsi2pk = :unfinished, gsi2sk = :unfinishedSk',
    values: {
      ':repairAfter': repairAfter,
      ':unfinished': keys.gsi2pk,
      ':unfinishedSk': keys.gsi2sk,
    },
  };
};

/** The multi-step write marked `repairAfter` is done (unless a later one re-marked the call). */
export async function clearUnfinished(db: Db, callId: string, repairAfter: string): Promise<void> {
  await conditional(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: callKey(callId),
        UpdateExpression: 'REMOVE repair_after, gsi2pk, gsi2sk',
        ConditionExpression: 'repair_after = :r',
        ExpressionAttributeValues: { ':r': repairAfter },
      }),
    ),
  );
}

/** Calls marked unfinished whose writer should be done by now. */
export async function listUnfinishedCalls(db: Db, now: string): Promise<CallRecord[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :u AND gsi2sk <= :now',
    ExpressionAttributeValues: { ':u': 'UNFINISHED', ':now': `${now}#~` },
  });
  return items.map((i) => strip<CallRecord>(i));
}

/** Open calls whose current level's window has closed (gsi1 DUE, sorted by closing time). */
export async function listDueCalls(db: Db, now: string): Promise<CallRecord[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
    ExpressionAttributeValues: { ':due': 'DUE', ':now': `${now}#~` },
  });
  return items.map((i) => strip<CallRecord>(i));
}

/**
 * Takes a call with no level left off the due list (its short-handed email
 * went out, or it can do nothing more); a call given a new level meanwhile stays.
 */
export async function dropFromDue(db: Db, callId: string): Promise<void> {
  await conditional(
    db.doc.send(
      new UpdateCommand({
        TableName: db.tables['crew-dispatch'],
        Key: callKey(callId),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND next_level_index >= level_count',
      }),
    ),
  );
}

/**
 * Freezes one more level into a running call's plan, as the next to open
 * (Call more crew): the plan item and the call's level count in one
 * transaction, refused if the call moved on since it was read.
 */
export async function insertPlanLevel(
  db: Db,
  call: Pick<CallRecord, 'call_id' | 'next_level_index' | 'level_count'>,
  plan: FrozenPlan,
): Promise<boolean> {
  const result = await transact(db, {
    plan: {
      Put: { TableName: db.tables['crew-dispatch'], Item: { ...planKey(call.call_id), plan } },
    },
    call: {
      Update: {
        TableName: db.tables['crew-dispatch'],
        Key: callKey(call.call_id),
        UpdateExpression: 'SET level_count = :count',
        ConditionExpression: 'next_level_index = :n AND level_count = :was AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':count': plan.levels.length,
          ':n': call.next_level_index,
          ':was': call.level_count,
          ':open': 'open',
        },
      },
    },
  });
  return result.ok;
}
