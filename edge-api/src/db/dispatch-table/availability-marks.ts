import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CrewMark } from '../../../../shared/api/availability.js';
import type { Db } from '../client.js';
import { queryAll } from '../paging.js';
import { conditional, type NamedItems, type TransactResult, transact } from '../transact.js';
import {
  MARK_DAY_SK,
  markDayIndex,
  markKey,
  markPendingIndex,
  markRetryIndex,
  strip,
} from './keys.js';

/**
 * A crew member's own availability marks: one item per person and date (pk `MARKS#<crew_id>`,
 * sk `DAY#<date>`), indexed by date for the office (gsi1 `MARKS_BY_DAY`) and, while not yet in
 * the sheet, by when it was set (gsi2 `MARKS_PENDING`, sparse). `availability_key` is the
 * roster's header when the mark was saved; readers refresh it from the roster.
 */
export type StoredMark = CrewMark;

/** Marks of dates long past are of no use to anyone: DynamoDB's TTL removes them. */
const KEEP_DAYS_AFTER = 400;

const table = (db: Db) => db.tables['crew-dispatch'];
const expiresAt = (date: string) =>
  Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000) + KEEP_DAYS_AFTER * 86_400;

/** One person's marks from `from` to `to` (dates, inclusive): one Query. */
export async function listMarksOfCrew(
  db: Db,
  crewId: string,
  from: string,
  to: string,
): Promise<StoredMark[]> {
  const items = await queryAll(db, {
    TableName: table(db),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': markKey(crewId, '').pk,
      ':from': `${MARK_DAY_SK}${from}`,
      ':to': `${MARK_DAY_SK}${to}`,
    },
    ConsistentRead: true,
  });
  return items.map((i) => strip<StoredMark>(i));
}

/** A day to save: the new mark, or `undefined` to clear the day. */
export interface MarkChange {
  date: string;
  mark: StoredMark | undefined;
}

/**
 * Saves a person's changed days all or nothing, in one transaction (the caller keeps it under
 * DynamoDB's 100 items). A saved mark is pending again, whatever became of the one before.
 */
export async function saveMarks(
  db: Db,
  crewId: string,
  changes: readonly MarkChange[],
): Promise<TransactResult> {
  if (changes.length === 0) return { ok: true };
  const named: NamedItems = {};
  for (const { date, mark } of changes) {
    named[date] = mark
      ? {
          Put: {
            TableName: table(db),
            Item: {
              ...markKey(crewId, date),
              ...markDayIndex(date, crewId),
              ...markPendingIndex(mark.set_at, crewId, date),
              ...mark,
              expires_at: expiresAt(date),
            },
          },
        }
      : { Delete: { TableName: table(db), Key: markKey(crewId, date) } };
  }
  return transact(db, named);
}

/** Pending marks, oldest set_at first, at most `limit`: one Query on the sparse index. */
export async function listPendingMarks(db: Db, limit: number): Promise<StoredMark[]> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: table(db),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': markPendingIndex('', '', '').gsi2pk },
      ScanIndexForward: true,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => strip<StoredMark>(i));
}

/**
 * no_cell marks due to be offered again (retry time at or before `now`), earliest first, at
 * most `limit`: one Query on the sparse index.
 */
export async function listMarksToRetry(db: Db, now: string, limit: number): Promise<StoredMark[]> {
  if (limit <= 0) return [];
  const out = await db.doc.send(
    new QueryCommand({
      TableName: table(db),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk <= :now',
      ExpressionAttributeValues: {
        ':p': markRetryIndex('', '', '').gsi2pk,
        ':now': `${now}#\uffff`,
      },
      ScanIndexForward: true,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i) => strip<StoredMark>(i));
}

/** Every crew member's current mark from `from` to `to` (dates, inclusive), by date then crew. */
export async function listMarksByDay(db: Db, from: string, to: string): Promise<StoredMark[]> {
  const items = await queryAll(db, {
    TableName: table(db),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':p': markDayIndex('', '').gsi1pk,
      ':from': `${from}#`,
      ':to': `${to}#\uffff`,
    },
  });
  return items.map((i) => strip<StoredMark>(i));
}

/** What the office side did with one mark. */
export type MarkOutcome =
  | {
      crew_id: string;
      date: string;
      set_at: string;
      outcome: 'written' | 'kept_office';
      cell: string;
      office_value?: string;
    }
  | { crew_id: string; date: string; set_at: string; outcome: 'no_cell'; problem: string };

/**
 * Records the office side's outcome and takes the mark off the pending index, only while the
 * mark is still the one it read (same set_at). False: the crew member marked again (or
 * cleared the day) meanwhile, and the newer mark stays pending. A no_cell mark goes on the
 * retry index instead, due again at `retryAt`.
 */
export async function recordMarkApplied(
  db: Db,
  result: MarkOutcome,
  at: string,
  retryAt: string,
): Promise<boolean> {
  const base = {
    TableName: table(db),
    Key: markKey(result.crew_id, result.date),
    ConditionExpression: 'attribute_exists(pk) AND set_at = :set_at',
  };
  if (result.outcome === 'no_cell') {
    const retry = markRetryIndex(retryAt, result.crew_id, result.date);
    return conditional(
      db.doc.send(
        new UpdateCommand({
          ...base,
          UpdateExpression:
            'SET #state = :state, written_at = :at, problem = :problem, gsi2pk = :rpk, gsi2sk = :rsk REMOVE #cell, office_value',
          ExpressionAttributeNames: { '#state': 'state', '#cell': 'cell' },
          ExpressionAttributeValues: {
            ':state': 'no_cell',
            ':at': at,
            ':problem': result.problem,
            ':rpk': retry.gsi2pk,
            ':rsk': retry.gsi2sk,
            ':set_at': result.set_at,
          },
        }),
      ),
    );
  }
  const kept = result.outcome === 'kept_office' && result.office_value !== undefined;
  return conditional(
    db.doc.send(
      new UpdateCommand({
        ...base,
        UpdateExpression: `SET #state = :state, written_at = :at, #cell = :cell${
          kept ? ', office_value = :office' : ''
        } REMOVE gsi2pk, gsi2sk, problem${kept ? '' : ', office_value'}`,
        ExpressionAttributeNames: { '#state': 'state', '#cell': 'cell' },
        ExpressionAttributeValues: {
          ':state': result.outcome,
          ':at': at,
          ':cell': result.cell,
          ':set_at': result.set_at,
          ...(kept ? { ':office': result.office_value } : {}),
        },
      }),
    ),
  );
}
