import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Charter } from '../../../../shared/charter/index.js';
import type { ZonePeriods } from '../../../../shared/charter/zone-periods.js';
import type { Db } from '../client.js';
import { queryAll } from '../paging.js';
import { conditional } from '../transact.js';
import { charterKey, chartersIndex } from './keys.js';

/** Charter items: pk `CHARTER#<id>`, sk `CHARTER`; listed by start time on gsi1 (`CHARTERS`). */

export interface StoredCharter extends Charter {
  /** UTC instant of departure, for ordering and windows. */
  starts_at: string;
  ends_at: string;
  /**
   * The zone's UTC offsets around the charter, written with its times (charter-input.ts)
   * so crew pages tell local times without Intl; absent on charters stored before.
   */
  zone_periods?: ZonePeriods;
  /** Set once a crew call has started for this charter. */
  call_id?: string;
  /** How many running calls were cancelled for a new date (POST /recall); the next call's calendar round. */
  recalls?: number;
  /** The new date while its recall is under way: the same recall again finishes it. */
  recall_date?: string;
}

const toItem = (c: StoredCharter) => ({
  ...charterKey(c.charter_id),
  ...chartersIndex(c.starts_at, c.charter_id),
  ...c,
});

function fromItem(item: Record<string, unknown>): StoredCharter {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...rest } = item;
  return rest as unknown as StoredCharter;
}

export async function getCharter(db: Db, id: string): Promise<StoredCharter | undefined> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.tables['crew-dispatch'],
      Key: charterKey(id),
      ConsistentRead: true,
    }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/** BatchGetItem takes at most 100 keys a request. */
const BATCH_KEYS = 100;

/**
 * Several charters by id, eventually consistent: one BatchGetItem per 100 ids, asking again
 * for keys DynamoDB hands back unprocessed. Missing charters are simply not in the answer.
 */
export async function getCharters(db: Db, ids: string[]): Promise<StoredCharter[]> {
  const table = db.tables['crew-dispatch'];
  const found: StoredCharter[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH_KEYS) {
    let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_KEYS).map(charterKey);
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt >= 5) throw new Error('batch read of charters kept coming back unprocessed');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** attempt));
      const out = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }),
      );
      found.push(...(out.Responses?.[table] ?? []).map(fromItem));
      keys = (out.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}

/** Writes a charter if nobody changed it since `expectedVersion` (0: must not exist yet). */
export async function putCharter(
  db: Db,
  charter: StoredCharter,
  expectedVersion: number,
): Promise<boolean> {
  return conditional(
    db.doc.send(
      new PutCommand({
        TableName: db.tables['crew-dispatch'],
        Item: toItem(charter),
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': expectedVersion },
            }),
      }),
    ),
  );
}

/** Charters departing in [from, to], by start time (gsi1 `CHARTERS`). */
export async function listChartersDeparting(
  db: Db,
  from: string,
  to: string,
): Promise<StoredCharter[]> {
  const items = await queryAll(db, {
    TableName: db.tables['crew-dispatch'],
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :c AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':c': 'CHARTERS', ':from': from, ':to': `${to}#~` },
  });
  return items.map(fromItem);
}
