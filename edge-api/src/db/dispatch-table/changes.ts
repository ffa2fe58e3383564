import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Change } from '../../../../shared/api/changes.js';
import type { Db } from '../client.js';
import { CHANGES_PK } from './keys.js';

/**
 * The change feed the sheet copies from: pk `CHANGES`, sk `<ISO time>#<random>`,
 * written in the same transaction as the change itself so no response is lost.
 * Kept 90 days. Its entries are the wire contract's `Change` (shared/api/changes.ts).
 */
export type { Change };

const RETENTION_SECONDS = 90 * 24 * 60 * 60;
/**
 * A change becomes readable once it is this old: writers stamp the time before
 * they commit, so a very recent cursor could otherwise skip a slower writer.
 */
export const CHANGE_SETTLE_MS = 3000;

/** `order` keeps changes written at the same instant (one transaction) in the order given. */
export function changeItem(change: Omit<Change, 'cursor'>, order = 0): Record<string, unknown> {
  const cursor = `${change.at}#${String(order).padStart(2, '0')}${randomBytes(6).toString('hex')}`;
  return {
    pk: CHANGES_PK,
    sk: cursor,
    cursor,
    ...change,
    expires_at: Math.floor(Date.parse(change.at) / 1000) + RETENTION_SECONDS,
  };
}

/** Changes after `since` (exclusive) that have settled, oldest first, at most `limit`. */
export async function listChanges(
  db: Db,
  since: string | undefined,
  now: Date,
  limit: number,
): Promise<{ changes: Change[]; next_cursor: string | undefined }> {
  const settled = new Date(now.getTime() - CHANGE_SETTLE_MS).toISOString();
  // A cursor newer than what has settled (a recent one, or another instance's clock a little
  // ahead) has nothing after it yet; DynamoDB refuses a range that ends before it starts.
  if (since && `${since}\u0000` > `${settled}#~`) return { changes: [], next_cursor: since };
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tables['crew-dispatch'],
      KeyConditionExpression: since
        ? 'pk = :pk AND sk BETWEEN :from AND :to'
        : 'pk = :pk AND sk <= :to',
      ExpressionAttributeValues: {
        ':pk': CHANGES_PK,
        ':to': `${settled}#~`,
        ...(since ? { ':from': `${since}\u0000` } : {}),
      },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  const changes = (out.Items ?? []).map((item) => {
    const { pk: _pk, sk: _sk, expires_at: _e, ...change } = item;
    return change as Change;
  });
  return { changes, next_cursor: changes.at(-1)?.cursor ?? since };
}
