import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

type Item = Record<string, unknown>;

/** What to read from one table: its keys, and how (a crew page reads the dispatch table eventually consistent). */
export interface TableRead {
  Keys: Item[];
  ConsistentRead: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

/**
 * One BatchGetItem across tables (up to 100 keys), asking again for what DynamoDB hands back
 * unprocessed under load, as getCrewActionItems does: the items found, by table name.
 */
export async function batchGetAll(
  db: Db,
  reads: Record<string, TableRead>,
  what: string,
): Promise<Record<string, Item[]>> {
  const got: Record<string, Item[]> = Object.fromEntries(Object.keys(reads).map((t) => [t, []]));
  let pending = reads;
  for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 10 * 2 ** attempt));
    if (attempt >= 5) throw new Error(`batch read of ${what} kept coming back unprocessed`);
    const out = await db.doc.send(new BatchGetCommand({ RequestItems: pending }));
    for (const [table, items] of Object.entries(out.Responses ?? {})) got[table]?.push(...items);
    const next: Record<string, TableRead> = {};
    for (const [table, read] of Object.entries(pending)) {
      const left = out.UnprocessedKeys?.[table]?.Keys as Item[] | undefined;
      if (left?.length) next[table] = { ...read, Keys: left };
    }
    pending = next;
  }
  return got;
}
